"""The cost of reaching a parent, as a budget: the demo's invitations fit their SMS parts.

Every demo event, sent by each of its hosts, in every language, with and without diacritics,
on the weekday of every month (month names differ): at most 3 parts when the text needs
UCS-2, at most 2 in GSM-7 (nl, en, de, and every plain variant). And the compact text still
says who invites, to what, when, where, how to answer, the link and STOP.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_skeleton

from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.lib.tokens import new_link_token
from parentinfo.messaging.segments import GSM7, count_segments, is_gsm7
from parentinfo.outreach.composing.compose import MessageContext, compose, sms_locale
from parentinfo.outreach.composing.keywords import STOP_WORD, reply_words
from parentinfo.outreach.composing.plain import can_be_plain, plain_text
from tests.outreach.demo_invitations import DemoInvitation, demo_invitations

BUDGET = {GSM7: 2, "UCS-2": 3}
GSM7_ALPHABET_LANGUAGES = ("nl", "en", "de")  # their own letters are all in GSM 03.38
VARIANTS = [
    (language, plain)
    for language in SUPPORTED_LANGUAGES
    for plain in (False, True)
    if not plain or can_be_plain(language)
]


def _shown(text: str, ctx: MessageContext) -> str:
    return plain_text(text, ctx.language) if ctx.plain else text


def _local(moment: datetime, ctx: MessageContext) -> datetime:
    return moment.astimezone(ZoneInfo(ctx.timezone))


def _invitations(language: str, plain: bool) -> list[DemoInvitation]:
    return list(demo_invitations(language, plain=plain, token=new_link_token()))


@pytest.mark.parametrize(("language", "plain"), VARIANTS)
def test_demo_invitations_fit_their_parts(language: str, plain: bool) -> None:
    for invitation in _invitations(language, plain):
        sms = compose(invitation.ctx).sms
        info = count_segments(sms)
        if plain:
            assert info.encoding == GSM7, (invitation.event, sms)
        if language in GSM7_ALPHABET_LANGUAGES and is_gsm7(invitation.ctx.sender_name):
            assert info.encoding == GSM7, (invitation.event, sms)
        assert info.segments <= BUDGET[info.encoding], (invitation.event, invitation.sender, sms)


@pytest.mark.parametrize(("language", "plain"), VARIANTS)
def test_the_compact_invitation_still_says_everything(language: str, plain: bool) -> None:
    for invitation in _invitations(language, plain):
        ctx = invitation.ctx
        sms = compose(ctx).sms
        lines = sms.splitlines()
        start = _local(ctx.starts_at, ctx)
        day = format_skeleton("MMMEd", start, locale=sms_locale(language))
        words = reply_words(language)
        assert lines[0] == _shown(ctx.sender_name, ctx)  # who invites
        assert lines[1] == _shown(ctx.title, ctx)  # to what
        assert lines[2].startswith(f"{_shown(day, ctx)} {start:%H:%M}")  # when
        place = ctx.address if ctx.venue == ctx.sender_name else ctx.venue
        assert lines[3] == _shown(place, ctx)  # where
        for word in (words.yes, words.no, words.maybe):  # how to answer
            assert _shown(word, ctx) in sms
        assert lines[-2] == ctx.page_url  # the personal link, on a line of its own
        assert lines[-1].startswith(f"{STOP_WORD} = ")


def test_the_extra_lines_come_back_when_there_is_room() -> None:
    """The language line, the end time and childcare are left out only where they cost a part."""
    [school, *_] = _invitations("pl", plain=False)  # in English, with a Polish interpreter
    assert school.event == "school-system"
    roomy = compose(replace(school.ctx, title="Kawa", sender_name="Polska Zwolle")).sms
    assert "Tłumacz: polski." in roomy
    assert "-20:30" in roomy
    assert "Opieka nad dziećmi." in roomy
    assert count_segments(roomy).segments == 3
    tight = compose(school.ctx).sms  # "Jak działa szkoła w Holandii", from the school
    assert count_segments(tight).segments == 3  # the interpreter line would make it 4
    assert "Tłumacz" not in tight
    assert "-20:30" in tight  # the end time still fits
    assert "Odpisz TAK, NIE lub MOŻE." in tight


@pytest.mark.parametrize("kind", [MessageKind.REMINDER, MessageKind.CANCELLATION])
@pytest.mark.parametrize(("language", "plain"), VARIANTS)
def test_reminders_and_cancellations_fit_the_same_budget(
    kind: MessageKind, language: str, plain: bool
) -> None:
    token = new_link_token()
    for invitation in demo_invitations(language, plain=plain, token=token, kind=kind):
        sms = compose(invitation.ctx).sms
        info = count_segments(sms)
        assert info.segments <= BUDGET[info.encoding], (invitation.event, sms)
        assert _shown(invitation.ctx.title, invitation.ctx) in sms
        assert STOP_WORD in sms
