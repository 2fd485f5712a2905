"""The call's pure cores: the spoken lines, the TwiML, and the calling window across DST."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.outreach.composing.compose import MessageContext
from parentinfo.outreach.voice import script, twiml
from parentinfo.outreach.voice.placing import outside_call_hours
from parentinfo.outreach.voice.twiml import Said, Voice
from parentinfo.settings import SettingsError, load_settings
from tests.fakes.twilio_calls import hear

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LANGUAGES = SUPPORTED_LANGUAGES


def _ctx(language: str = "nl", **values: object) -> MessageContext:
    fields: dict[str, object] = {
        "language": language,
        "kind": MessageKind.INVITATION,
        "title": "Koffieochtend",
        "starts_at": datetime(2027, 3, 28, 8, 30, tzinfo=UTC),  # 10:30 summer time
        "ends_at": datetime(2027, 3, 28, 10, 0, tzinfo=UTC),
        "venue": "De Regenboog",
        "address": "Schoolstraat 1, Zwolle",
        "sender_name": "Basisschool De Regenboog",
        **values,
    }
    return MessageContext(**fields)  # type: ignore[arg-type]


def test_the_invitation_says_who_what_when_where_then_the_keys() -> None:
    text = script.invitation_text(_ctx(childcare=True, interpreter_languages=("ar", "pl")))
    assert text == (
        "Hallo, hier is Basisschool De Regenboog. We nodigen u uit voor: Koffieochtend. "
        "Het is op zondag 28 maart, om 10:30. "
        "De plek is: De Regenboog, Schoolstraat 1, Zwolle. "
        "Er is een tolk voor: Arabisch, Pools. Er is opvang voor uw kinderen. "
        "Druk op 1 als u komt. Druk op 2 als u niet komt. "
        "Druk op 3 als u het nog niet zeker weet. Druk op 9 om dit nog een keer te horen."
    )


def test_lines_without_interpreter_or_childcare_leave_them_out() -> None:
    text = script.invitation_text(_ctx())
    assert "tolk" not in text
    assert "opvang" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_speaks_its_own_words(language: str) -> None:
    lines = script.lines_for(_ctx(language))
    english = script.lines_for(_ctx("en"))
    if language != "en":
        assert lines.invitation != english.invitation
        assert lines.party_size != english.party_size
        assert lines.goodbye != english.goodbye
    assert "Koffieochtend" in lines.invitation
    assert "1" in lines.invitation
    assert "9" in lines.invitation
    assert "3" in script.confirmed_text(language, 3)
    machine = script.machine_text(language, sender="De Regenboog", call_back="+31201234567")
    assert "0 2 0 1 2 3 4 5 6 7" in machine


def test_the_day_is_spoken_in_the_parents_language() -> None:
    assert script.spoken_when(_ctx("pl")) == ("niedziela 28 marca", "10:30")
    assert script.spoken_when(_ctx("en")) == ("Sunday 28 March", "10:30")


def test_a_number_is_read_digit_by_digit_in_the_form_people_dial() -> None:
    assert script.spoken_number("+31201234567") == "0 2 0 1 2 3 4 5 6 7"
    assert script.spoken_number("+4420") == "+ 4 4 2 0"


def test_the_estimate_counts_started_minutes() -> None:
    assert script.estimated_minutes("word " * 10) == 1
    assert script.estimated_minutes("word " * (script.WORDS_PER_MINUTE + 1)) == 2


def test_a_recorded_prompt_is_played_and_the_rest_said_with_the_voice() -> None:
    voice = Voice("Google.nl-NL-Standard-A", "nl-NL", {"invitation": "https://x.test/r/a.wav"})
    xml = twiml.ask(
        voice,
        [Said("Sorry.", "again"), Said("Uitnodiging", "invitation")],
        action="https://x.test/menu?step=2",
    )
    heard = hear(xml)
    assert heard.played == ["https://x.test/r/a.wav"]
    assert heard.said == ["Sorry."]
    assert 'voice="Google.nl-NL-Standard-A"' in xml
    assert 'language="nl-NL"' in xml
    assert heard.action == "https://x.test/menu?step=2"
    assert 'numDigits="1"' in xml
    assert 'input="dtmf"' in xml
    assert xml.index("<Redirect") > xml.index("</Gather>")  # no key: the same step again


def test_recordings_only_say_nothing_with_a_voice() -> None:
    xml = twiml.tell(
        [(Voice(recordings={"goodbye": "https://x.test/r/b.wav"}), Said("Dag", "goodbye"))]
    )
    assert hear(xml).played == ["https://x.test/r/b.wav"]
    assert hear(xml).hangup
    assert "<Say" not in xml


WINDOW = {"tz": AMSTERDAM, "start": time(20, 0), "end": time(10, 0)}


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(("moment", "opens"), [
    # The last Sunday of March 2027: clocks go from 02:00 to 03:00.
    (_utc(2027, 3, 27, 19, 30), _utc(2027, 3, 28, 8, 0)),  # Sat 20:30 CET → Sun 10:00 CEST
    (_utc(2027, 3, 28, 1, 30), _utc(2027, 3, 28, 8, 0)),  # in the night of the change
    (_utc(2027, 3, 28, 7, 59), _utc(2027, 3, 28, 8, 0)),  # 09:59 CEST
    (_utc(2027, 3, 28, 18, 0), _utc(2027, 3, 29, 8, 0)),  # 20:00 CEST: closed
    # The last Sunday of October 2026: clocks go from 03:00 back to 02:00.
    (_utc(2026, 10, 24, 19, 0), _utc(2026, 10, 25, 9, 0)),  # Sat 21:00 CEST → Sun 10:00 CET
    (_utc(2026, 10, 25, 0, 30), _utc(2026, 10, 25, 9, 0)),  # 02:30 the first time
    (_utc(2026, 10, 25, 1, 30), _utc(2026, 10, 25, 9, 0)),  # 02:30 the second time
    (_utc(2026, 10, 25, 19, 0), _utc(2026, 10, 26, 9, 0)),  # 20:00 CET: closed
])  # fmt: skip
def test_outside_the_calling_window_the_call_waits_for_ten_local_time(
    moment: datetime, opens: datetime
) -> None:
    settings = load_settings({"PARENTINFO_CALL_HOURS": "10:00-20:00"}, env_file=None)
    assert outside_call_hours(moment, settings) == opens


@pytest.mark.parametrize("moment", [
    _utc(2027, 3, 28, 8, 0),  # 10:00 CEST, the first minute
    _utc(2027, 3, 28, 17, 59),  # 19:59 CEST
    _utc(2026, 10, 25, 9, 0),  # 10:00 CET
    _utc(2026, 10, 25, 18, 59),  # 19:59 CET
])  # fmt: skip
def test_inside_the_calling_window_the_call_goes_now(moment: datetime) -> None:
    settings = load_settings({}, env_file=None)  # the default CALL_HOURS: 10:00-20:00
    assert outside_call_hours(moment, settings) is None


def test_call_hours_must_be_a_daytime_window() -> None:
    with pytest.raises(SettingsError, match="CALL_HOURS"):
        load_settings({"PARENTINFO_CALL_HOURS": "20:00-10:00"}, env_file=None)
