"""Sorting provider errors into retry or give up, and the email's MIME layout: pure rules."""

from __future__ import annotations

from email import message_from_bytes, policy

import aiohttp
import aiosmtplib
import pytest
from twilio.base.exceptions import TwilioRestException

from parentinfo.messaging.providers import (
    PermanentFailure,
    RecipientInvalid,
    RecipientOptedOut,
    TemporaryFailure,
    Throttled,
)
from parentinfo.messaging.senders.smtp_mail import classify_smtp
from parentinfo.messaging.senders.twilio_sms import classify
from parentinfo.outreach.composing.mime import MailParts, build_email, calendar_method


def twilio_error(status: int, code: int | None) -> TwilioRestException:
    return TwilioRestException(status, "https://api.twilio.com/x", "no", code=code)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (429, 20429, Throttled),
        (500, None, TemporaryFailure),
        (503, 20503, TemporaryFailure),
        (400, 21610, RecipientOptedOut),
        (400, 21211, RecipientInvalid),
        (400, 21614, RecipientInvalid),
        (400, 21408, PermanentFailure),
        (401, 20003, PermanentFailure),
    ],
)
def test_twilio_answers(status: int, code: int | None, kind: type) -> None:
    error = classify(twilio_error(status, code))
    assert type(error) is kind
    assert error.retry is issubclass(kind, TemporaryFailure)


def test_network_trouble_is_temporary() -> None:
    for problem in (TimeoutError(), aiohttp.ClientConnectionError(), ConnectionRefusedError()):
        assert classify(problem).retry


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (aiosmtplib.SMTPResponseException(451, "try later"), TemporaryFailure),
        (aiosmtplib.SMTPResponseException(554, "rejected"), PermanentFailure),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(550, "no such user", "a@b.c")]
            ),
            RecipientInvalid,
        ),
        (aiosmtplib.SMTPAuthenticationError(535, "bad login"), TemporaryFailure),
        (aiosmtplib.SMTPConnectError("refused"), TemporaryFailure),
        (aiosmtplib.SMTPServerDisconnected("gone"), TemporaryFailure),
    ],
)
def test_smtp_answers(error: Exception, kind: type) -> None:
    assert type(classify_smtp(error)) is kind


ICS = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


def test_calendar_method_is_read_from_the_calendar() -> None:
    assert calendar_method(ICS) == "CANCEL"
    assert calendar_method("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") == "REQUEST"


def test_email_layout_text_html_and_itip() -> None:
    parts = MailParts(
        message_id=42,
        to_address="ana@example.com",
        subject="Zaproszenie: szkoła",
        text="Dzień dobry",
        html="<p>Dzień dobry</p>",
        language="pl",
        calendar=ICS,
        unsubscribe_url="https://parentinfo.test/r/abc",
    )
    message = build_email(parts, mail_from="School <noreply@school.test>", domain="parentinfo.test")
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<outbound-42@parentinfo.test>"
    assert parsed["Content-Language"] == "pl"
    assert parsed["List-Unsubscribe"] == "<https://parentinfo.test/r/abc>"
    assert str(parsed["Subject"]) == "Zaproszenie: szkoła"
    types = [part.get_content_type() for part in parsed.walk()]
    assert types[:5] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    calendar = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "CANCEL"
    assert (
        "Dzień dobry"
        in next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_content()
    )
