"""The simulator's TwiML player: what a caller hears and may press, read from one answer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.outreach.voice.twiml_player import (
    EMPTY,
    NOT_TWIML,
    NOT_XML,
    TOO_LARGE,
    TWILIO_GATHER_TIMEOUT,
    Ending,
    Gather,
    Hangup,
    Pause,
    Play,
    Redirect,
    Say,
    Unknown,
    keys_pressed,
    listen,
    parse_twiml,
)

BASE = "https://parentinfo.test"
HERE = f"{BASE}/webhooks/twilio/voice/answer?message=7"

INVITATION = f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Gather input="dtmf" numDigits="1" action="{BASE}/webhooks/twilio/voice/menu?message=7"
          method="POST" timeout="6">
    <Say voice="Polly.Ewa" language="pl-PL">Zaproszenie na spotkanie. Naciśnij 1, jeśli
      przyjdziesz.</Say>
    <Play>{BASE}/recordings/abc123.mp3</Play>
  </Gather>
  <Say language="pl-PL">Nie słyszę odpowiedzi.</Say>
  <Redirect method="POST">{BASE}/webhooks/twilio/voice/answer?message=7&amp;try=2</Redirect>
</Response>"""


def test_a_gather_awaits_one_key_while_its_prompts_are_heard() -> None:
    turn = listen(parse_twiml(INVITATION, url=HERE))
    assert turn.heard == (
        Say("Zaproszenie na spotkanie. Naciśnij 1, jeśli przyjdziesz.", "Polly.Ewa", "pl-PL"),
        Play(f"{BASE}/recordings/abc123.mp3"),
    )
    assert turn.gather is not None
    assert turn.gather.action == f"{BASE}/webhooks/twilio/voice/menu?message=7"
    assert (turn.gather.num_digits, turn.gather.timeout, turn.gather.method) == (1, 6, "POST")
    assert turn.gather.keys


def test_silence_goes_on_after_the_gather_to_the_redirect() -> None:
    turn = listen(parse_twiml(INVITATION, url=HERE))
    assert turn.silence is not None
    assert turn.silence.heard == (Say("Nie słyszę odpowiedzi.", "", "pl-PL"),)
    assert turn.silence.gather is None
    assert turn.silence.ending == Ending(
        "redirect", f"{BASE}/webhooks/twilio/voice/answer?message=7&try=2", "POST"
    )


def test_say_then_hangup_ends_the_call_and_nothing_after_it_is_heard() -> None:
    twiml = "<Response><Say>Dank je wel. Tot ziens.</Say><Hangup/><Say>never</Say></Response>"
    turn = listen(parse_twiml(twiml, url=HERE))
    assert turn.heard == (Say("Dank je wel. Tot ziens."),)
    assert turn.ending == Ending("hangup")
    assert turn.gather is None


def test_a_document_that_runs_out_ends_the_call() -> None:
    turn = listen(parse_twiml("<Response><Pause length='2'/><Say>Bye</Say></Response>", url=HERE))
    assert turn.heard == (Pause(2), Say("Bye"))
    assert turn.ending == Ending("end")
    assert listen(parse_twiml("<Response/>", url=HERE)).heard == ()


def test_a_redirect_is_followed_and_relative_addresses_resolve_against_the_document() -> None:
    twiml = "<Response><Redirect>/webhooks/twilio/voice/menu?message=7</Redirect></Response>"
    turn = listen(parse_twiml(twiml, url=HERE))
    assert turn.ending == Ending("redirect", f"{BASE}/webhooks/twilio/voice/menu?message=7")
    gather = parse_twiml("<Response><Gather numDigits='2'/></Response>", url=HERE).steps[0]
    assert isinstance(gather, Gather)
    assert gather.action == HERE  # no action: Twilio posts the keys to the same address
    assert gather.num_digits == 2
    assert gather.timeout == TWILIO_GATHER_TIMEOUT
    assert gather.finish_on_key == "#"


def test_unknown_verbs_are_kept_as_notes_and_skipped() -> None:
    twiml = (
        "<Response><Say>Hallo</Say><Dial>+31201234567</Dial>"
        "<Gather><Say>Druk 1</Say><Record/></Gather></Response>"
    )
    turn = listen(parse_twiml(twiml, url=HERE))
    assert turn.heard == (Say("Hallo"), Unknown("Dial"), Say("Druk 1"), Unknown("Record"))
    assert turn.gather is not None


def test_a_verb_without_what_it_needs_is_unknown_not_an_error() -> None:
    script = parse_twiml("<Response><Play/><Redirect> </Redirect><Reject/></Response>", url=HERE)
    assert script.error == ""
    assert script.steps == (Unknown("Play"), Unknown("Redirect"), Hangup())


def test_ssml_inside_say_reads_as_its_plain_text() -> None:
    twiml = (
        '<Response><Say>Het is <prosody rate="slow">woensdag</prosody> <break/>om 19:00.</Say>'
        "</Response>"
    )
    assert listen(parse_twiml(twiml, url=HERE)).heard == (Say("Het is woensdag om 19:00."),)


def test_odd_attributes_fall_back_to_twilios_defaults() -> None:
    twiml = (
        '<Response><Gather numDigits="x" timeout="-4" finishOnKey="" method="get" '
        'input="speech"/><Pause length="many"/></Response>'
    )
    gather, pause = parse_twiml(twiml, url=HERE).steps
    assert gather == Gather(
        action=HERE, method="GET", num_digits=1, timeout=1, finish_on_key="", keys=False
    )
    assert pause == Pause(1)


@pytest.mark.parametrize(
    ("twiml", "error"),
    [
        ("", EMPTY),
        ("   \n", EMPTY),
        ("<Response><Say>Hallo</Response>", NOT_XML),
        ("Thank you for calling", NOT_XML),
        ("<html><body>Server error</body></html>", NOT_TWIML),
        ('<!DOCTYPE r [<!ENTITY a "aaaa">]><Response><Say>&a;</Say></Response>', NOT_XML),
        ("<Response>" + "<Say>a</Say>" * 7000 + "</Response>", TOO_LARGE),
    ],
)
def test_what_is_not_twiml_is_an_error_code_never_an_exception(twiml: str, error: str) -> None:
    script = parse_twiml(twiml, url=HERE)
    assert script.error == error
    assert script.steps == ()
    assert listen(script).heard == ()


@given(st.text(max_size=300))
def test_any_text_parses_without_raising(text: str) -> None:
    script = parse_twiml(text, url=HERE)
    listen(script)
    assert script.error or isinstance(script.steps, tuple)


@pytest.mark.parametrize(
    ("num_digits", "finish", "typed", "digits"),
    [
        (1, "#", "1", "1"),
        (1, "#", "37", "3"),  # Twilio stops listening after numDigits
        (None, "#", "12#5", "12"),  # the finishing key ends the input and is not sent
        (None, "", "12#5", "12#5"),
        (2, "#", "a1 b*", "1*"),  # what is not a key is not sent
        (None, "#", "#", ""),
    ],
)
def test_keys_pressed_are_the_digits_twilio_would_send(
    num_digits: int | None, finish: str, typed: str, digits: str
) -> None:
    gather = Gather(action=HERE, num_digits=num_digits, finish_on_key=finish)
    assert keys_pressed(gather, typed) == digits


def test_a_redirect_step_keeps_its_method() -> None:
    step = parse_twiml("<Response><Redirect method='GET'>/x</Redirect></Response>", url=HERE)
    assert step.steps == (Redirect(f"{BASE}/x", "GET"),)
