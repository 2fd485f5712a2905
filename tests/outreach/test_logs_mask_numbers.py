"""No parent's number (nor WhatsApp name) reaches a log record on the WhatsApp and call paths.

The log handler masks what it writes (``parentinfo.logs.MaskingFilter``), but a record is
seen unmasked by every other handler (an error tracker, pytest's own): so the records
themselves must carry only masked numbers. A WhatsApp message and a button tap come in
through the signed webhook, a call is placed at the fake Twilio, answered by keypad and
ended, and a parent and a stranger call our number; every record of every logger, at
DEBUG, is searched for the numbers in any spelling.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from parentinfo.lib.enums import Answer
from parentinfo.rsvp.buttons import button_payload
from parentinfo.settings import Settings
from tests.factories import make_member, make_org
from tests.factories.calendar import make_invitation
from tests.factories.outreach import make_contacts, mobile, published_event, run_jobs
from tests.factories.whatsapp import WHATSAPP_FROM
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_calls import signed_post
from tests.fakes.twilio_server import AUTH_TOKEN, FROM_NUMBER, FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.rsvp.whatsapp_phone import WHATSAPP_WEBHOOK, WhatsApp, whatsapp_headers

pytestmark = pytest.mark.anyio

PROFILE_NAME = "Ania Kowalska"
STRANGER = "+31699988877"


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """The wired app with a WhatsApp sender, calling at any hour."""
    return wired_settings(
        database_url, var_dir, twilio, smtp, CALL_HOURS="00:00-23:59", WHATSAPP_FROM=WHATSAPP_FROM
    )


def _spellings(number: str) -> list[str]:
    """A number as it may appear: E.164, without the plus (WhatsApp's WaId), national."""
    digits = number.removeprefix("+")
    return [number, digits, "0" + digits[2:], digits[2:]]


def _leaks(records: list[logging.LogRecord], numbers: list[str]) -> list[str]:
    found = []
    for record in records:
        text = record.getMessage() + " " + repr(record.args)
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        squeezed = re.sub(r"[\s\-]", "", text)
        for number in numbers:
            if any(spelling in squeezed for spelling in _spellings(number)):
                found.append(f"{record.name}: {record.getMessage()}")
        if PROFILE_NAME in text:
            found.append(f"{record.name}: {record.getMessage()}")
    return found


async def _whatsapp_message_and_tap(api: httpx.AsyncClient, number: str, token: str) -> None:
    phone = WhatsApp(api, number, name=PROFILE_NAME)
    for params in (
        phone.params("tak, przyjdę z dwojgiem dzieci"),
        phone.params("Tak", ButtonPayload=button_payload(token, Answer.YES), ButtonText="Tak"),
    ):
        response = await api.post(
            WHATSAPP_WEBHOOK, data=params, headers=whatsapp_headers(params, AUTH_TOKEN)
        )
        assert response.status_code == 200, response.text


@pytest.fixture
def unmasked_root() -> Iterator[None]:
    """Take our masking handler off the root logger: its filter rewrites each record in
    place, which would hide from the test what the code itself put in the record."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_parentinfo", False)]
    for handler in ours:
        root.removeHandler(handler)
    yield
    for handler in ours:
        root.addHandler(handler)


async def test_whatsapp_and_call_webhooks_log_no_full_number(
    api: httpx.AsyncClient,
    twilio: FakeTwilio,
    caplog: pytest.LogCaptureFixture,
    unmasked_root: None,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    first, second = await make_contacts(school, 2, language="nl", whatsapp=True, call_me=True)
    invitation = await make_invitation(event, first)
    with caplog.at_level(logging.DEBUG):
        await _whatsapp_message_and_tap(api, mobile(0), invitation.token)
        # A call: placed at the fake Twilio, answered, a key pressed, ended.
        await make_invitation(event, second)
        from parentinfo.outreach.voice.calllist import call_automatically
        from parentinfo.rsvp.models import Invitation

        await Invitation.filter(contact_id=second.id).update(to_call=True)
        assert (await call_automatically(actor=member.actor)).called == 1
        await run_jobs()
        [call] = twilio.calls.to(mobile(1))
        heard = await twilio.calls.pick_up(api, call)
        await twilio.calls.press(api, call, heard, "2")
        await twilio.calls.end(api, call, "completed", duration=30)
        await twilio.calls.end(api, call, "completed", duration=30)  # a repeated callback
        # Calls to our number: a known parent, and a stranger.
        for caller, sid in ((mobile(1), "CA" + "7" * 32), (STRANGER, "CA" + "8" * 32)):
            params = {"CallSid": sid, "From": caller, "To": FROM_NUMBER}
            answered = await signed_post(
                api, "https://parentinfo.test/webhooks/twilio/voice", params
            )
            assert answered.status_code == 200
    assert caplog.records  # the paths did log (the inbound line at least)
    assert any("inbound whatsapp" in r.getMessage() for r in caplog.records)
    assert _leaks(caplog.records, [mobile(0), mobile(1), STRANGER]) == []
