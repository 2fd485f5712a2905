"""An outbox row as an email: text and HTML in the parent's language, plus the iTIP part.

Calendar clients (Outlook, Gmail, Apple Mail) recognise an invitation by a
``text/calendar; method=REQUEST`` alternative next to the text and HTML; a cancellation
carries ``method=CANCEL``. The method is read from the stored calendar itself, so the
part and the iCalendar text can never disagree; the calendar feature lays out the parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.errors import MessageError
from email.message import EmailMessage
from email.utils import format_datetime

from parentinfo.calendar.imip import attach_itip
from parentinfo.lib.clock import now
from parentinfo.messaging.providers import PermanentFailure

_METHOD = re.compile(r"^METHOD:([A-Z-]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class MailParts:
    """What one email is made of, taken from its outbox row."""

    message_id: int
    to_address: str
    subject: str
    text: str
    html: str
    language: str
    calendar: str = ""
    unsubscribe_url: str = ""


def calendar_method(ics_text: str) -> str:
    """The iTIP method of an iCalendar text (REQUEST when it does not say)."""
    found = _METHOD.search(ics_text)
    return found.group(1) if found else "REQUEST"


class UnbuildableMessage(PermanentFailure):
    """The stored texts cannot make a valid email (a line break in the subject, say).

    Permanent: the same row fails the same way on every attempt, so it is marked failed and
    the parent is reached another way, instead of cycling through "sending" forever.
    """


def build_email(parts: MailParts, *, mail_from: str, domain: str) -> EmailMessage:
    """A multipart/alternative message: text, HTML and, for invitations, the iTIP part.

    Raises :class:`UnbuildableMessage` when the parts cannot form a message that can be sent.
    """
    try:
        message = _assemble(parts, mail_from=mail_from, domain=domain)
        message.as_bytes()  # what the SMTP client will do; fail here, where it is classified
    except (ValueError, TypeError, LookupError, MessageError) as error:
        raise UnbuildableMessage(
            f"the email cannot be built: {error}", code="unbuildable"
        ) from error
    return message


def _assemble(parts: MailParts, *, mail_from: str, domain: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = parts.subject
    message["From"] = mail_from
    message["To"] = parts.to_address
    message["Date"] = format_datetime(now())
    # Stable per outbox row: a retried send is recognisably the same message.
    message["Message-ID"] = f"<outbound-{parts.message_id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    if parts.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{parts.unsubscribe_url}>"
    message.set_content(parts.text)
    if parts.html:
        message.add_alternative(parts.html, subtype="html")
    if parts.calendar:
        attach_calendar(message, parts.calendar)
    # Last: adding parts moves the Content-* headers of the whole into the first part.
    message["Content-Language"] = parts.language
    return message


def attach_calendar(message: EmailMessage, ics_text: str) -> None:
    """Add the iCalendar text the way mail programs show an invitation (RFC 6047)."""
    attach_itip(message, ics_text, calendar_method(ics_text))
