"""A language whose alphabet fits GSM-7 never gets a UCS-2 SMS from our own texts.

UCS-2 carries 70 characters a part instead of 160: one stray narrow no-break space (a
locale's 12-hour clock, "6:30 PM") made an English confirmation cost 3 parts instead of 1-2.
Every template, every reply, every language: staff-written titles and venues in GSM-7 must
give a GSM-7 SMS in nl, en and de. Every other language at least prints the 24-hour clock of
the invitation and no doubled full stop.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from parentinfo.i18n import use_language
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Answer, MessageKind
from parentinfo.messaging.segments import GSM7, count_segments
from parentinfo.outreach.composing.compose import KINDS, compose
from parentinfo.rsvp import replies
from parentinfo.rsvp.eventlines import when_text
from tests.outreach.test_compose import PAGE, VARIANTS, make_ctx

# The languages whose whole alphabet, capitals included, is in GSM 03.38 (ä ö ü ß é è ...).
GSM7_LANGUAGES = ("nl", "en", "de")
EVENING = datetime(2027, 3, 10, 17, 30, tzinfo=UTC)  # 18:30 in Amsterdam


def _line(language: str) -> replies.EventLine:
    with use_language(language):
        return replies.EventLine("K7", "Ouderavond", when_text(EVENING, "Europe/Amsterdam"))


def every_reply(language: str) -> Iterator[str]:
    """Every SMS reply the service writes, in ``language``."""
    line = _line(language)
    with use_language(language):
        for answer in (Answer.YES, Answer.NO, Answer.MAYBE):
            for waitlisted in (False, True):
                for size in (1, 3):
                    yield replies.confirmation(
                        language=language,
                        answer=answer,
                        party_size=size,
                        waitlisted=waitlisted,
                        event=line,
                        page_url=PAGE,
                        kept_fewer=size == 3,
                    )
        yield replies.promoted(event=line, party_size=2, page_url=PAGE)
        yield replies.several_open(language=language, events=[line, line])
        yield replies.not_understood(language=language)
        yield replies.no_open_invitation()
        yield replies.too_long()
        yield replies.opted_out(email_too=True)
        yield replies.opted_out(email_too=False)
        yield replies.opted_in(after_yes=True)
        yield replies.opted_in(after_yes=False)
        yield replies.help_text(senders=["OBS De Klimop"], phone="+31 20 123 4567")
        yield replies.cannot_process()


def every_message(language: str) -> Iterator[str]:
    """Every outreach SMS (each kind, each variant, with and without a reply code)."""
    for kind in KINDS:
        for variant in VARIANTS:
            for several_open in (False, True):
                ctx = make_ctx(
                    language=language,
                    kind=kind,
                    childcare=True,
                    several_open=several_open,
                    session_languages=("nl",),
                    interpreter_languages=(language,),
                    starts_at=EVENING,
                    ends_at=EVENING.replace(hour=19),
                    **variant,
                )
                yield compose(ctx).sms


@pytest.mark.parametrize("language", GSM7_LANGUAGES)
def test_gsm7_languages_never_get_ucs2_from_our_texts(language: str) -> None:
    for sms in [*every_message(language), *every_reply(language)]:
        info = count_segments(sms)
        assert info.encoding == GSM7, (sms, [c for c in sms if count_segments(c).encoding != GSM7])


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_replies_use_the_invitations_24_hour_clock(language: str) -> None:
    line = _line(language)
    assert line.when.endswith("18:30"), line.when
    for sms in every_reply(language):
        assert ".." not in sms.replace("...", ""), sms
        assert "\u202f" not in sms


def test_an_english_confirmation_fits_one_part() -> None:
    with use_language("en"):
        sms = replies.confirmation(
            language="en",
            answer=Answer.YES,
            party_size=2,
            waitlisted=False,
            event=_line("en"),
            page_url=PAGE,
        )
    assert "18:30" in sms
    assert count_segments(sms).segments == 1, sms


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_change_notices_keep_the_venue_on_its_own_line(language: str) -> None:
    for place_changed in (False, True):
        ctx = make_ctx(language=language, kind=MessageKind.CHANGE, place_changed=place_changed)
        lines = compose(ctx).sms.splitlines()
        place = [line for line in lines if "Bibliotheek Centrum" in line]
        assert len(place) == 1
        assert place[0].endswith(
            "Bibliotheek Centrum" + (", Stationsplein 1, Utrecht" if place_changed else "")
        )
