"""iMIP: the invitation travels inline as text/calendar and as an invite.ics attachment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest

from parentinfo.calendar.builder import Attendee, CalendarEvent, build_cancel, build_request
from parentinfo.calendar.imip import attach_itip
from tests.calendar.ical import parse_both

START = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
EVENT = CalendarEvent(
    uid="7@parentinfo.test",
    sequence=1,
    starts_at=START,
    ends_at=START + timedelta(hours=2),
    timezone="Europe/Amsterdam",
    summary="Spotkanie o szkole: zażółć gęślą jaźń",
    description="Opis " * 40,
    location="De Regenboog, Zwolle",
    url="https://parentinfo.test/r/t",
    organizer_name="OBS De Regenboog",
    organizer_email="info@regenboog.test",
)
ANNA = Attendee("Anna Kowalska", "anna@example.test", "NEEDS-ACTION")


def _message(ics: str, method: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Zaproszenie"
    message["From"] = "OBS De Regenboog <noreply@parentinfo.test>"
    message["To"] = "anna@example.test"
    message.set_content("Zapraszamy.")
    message.add_alternative("<p>Zapraszamy.</p>", subtype="html")
    attach_itip(message, ics, method)
    return message


def _reparsed(message: EmailMessage) -> EmailMessage:
    raw = message.as_bytes(policy=policy.SMTP)
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_request_is_the_third_alternative_and_an_attachment() -> None:
    ics = build_request(EVENT, ANNA, alarm_hours=24)
    parsed = _reparsed(_message(ics, "REQUEST"))
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in alternative.iter_parts()]
    assert kinds == ["text/plain", "text/html", "text/calendar"]
    inline = list(alternative.iter_parts())[2]
    assert inline.get_param("method") == "REQUEST"
    assert str(inline.get_param("charset")).lower() == "utf-8"
    assert inline.get_content_disposition() is None
    calendar_text = inline.get_content()
    assert calendar_text.replace("\r\n", "\n") == ics.replace("\r\n", "\n")
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_type() == "application/ics"
    attached = attachment.get_content().decode("utf-8")
    assert attached == ics
    assert parse_both(attached).ical["METHOD"] == "REQUEST"


def test_every_line_of_the_mail_fits_smtp() -> None:
    raw = _message(build_request(EVENT, ANNA, alarm_hours=24), "REQUEST").as_bytes(
        policy=policy.SMTP
    )
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_a_cancellation_says_method_cancel_in_the_mime_header() -> None:
    ics = build_cancel(EVENT, ANNA)
    parsed = _reparsed(_message(ics, "cancel"))
    inline = list(next(parsed.iter_parts()).iter_parts())[2]
    assert inline.get_param("method") == "CANCEL"
    assert inline.get_content().replace("\r\n", "\n") == ics.replace("\r\n", "\n")
    assert parse_both(ics).ical["METHOD"] == "CANCEL"


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="method"):
        _message("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "INVITE")
