"""What a provider is, seen from the messaging core: senders behind small interfaces.

A sender either returns what the provider accepted or raises a :class:`SendError` that
says whether trying again could help. Twilio's error codes are sorted here, once, for the
API's answers and the delivery reports alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol

# Twilio error codes that say something about the number itself (twilio.com/docs/api/errors):
# 21610 the number replied STOP to our sender. 21211 an invalid 'To' number, 21614 not a
# mobile number and 21635 a landline (all three refused by the API), 30006 a landline or
# unreachable carrier (a delivery report): none of them can take an SMS, so none is retried.
TWILIO_OPTED_OUT = frozenset({"21610"})
TWILIO_INVALID_NUMBER = frozenset({"21211", "21614", "21635", "30006"})
TWILIO_NUMBER_CODES = TWILIO_OPTED_OUT | TWILIO_INVALID_NUMBER
# WhatsApp (twilio.com/docs/api/errors): 63016 free text outside the 24-hour window, 63014
# the parent blocked us (or WhatsApp stopped the delivery), 63003 the number has no WhatsApp
# account, 63024 an invalid WhatsApp recipient. None of them says anything about SMS or
# email, so each lets the next channel take over; the last two mean WhatsApp never will.
TWILIO_WHATSAPP_OUTSIDE_WINDOW = frozenset({"63016"})
TWILIO_WHATSAPP_BLOCKED = frozenset({"63014"})
TWILIO_WHATSAPP_NO_ACCOUNT = frozenset({"63003", "63024"})
TWILIO_WHATSAPP_CODES = (
    TWILIO_WHATSAPP_OUTSIDE_WINDOW | TWILIO_WHATSAPP_BLOCKED | TWILIO_WHATSAPP_NO_ACCOUNT
)
# Our own codes for a WhatsApp row that could not even be tried: no approved template for its
# kind and language outside the window, or a text that no longer matches its template.
NO_TEMPLATE = "no_template"
TEMPLATE_MISMATCH = "template_mismatch"
NO_WHATSAPP_SENDER = "no_whatsapp_sender"


@dataclass(frozen=True)
class SmsResult:
    """What the provider said about one SMS it accepted."""

    provider_id: str
    status: str = "sent"


class SendError(Exception):
    """A message was not accepted; ``retry`` says whether another attempt could succeed."""

    retry = False

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TemporaryFailure(SendError):
    """Throttled, a server error, a timeout, or no connection: try again later."""

    retry = True


class Throttled(TemporaryFailure):
    """The provider says we went too fast (HTTP 429, Twilio 20429), not that the message is bad.

    Nothing was accepted, so trying again cannot send it twice. ``retry_after`` is the wait
    the provider asked for (its ``Retry-After`` header, in seconds), or None when it named none.
    """

    def __init__(self, message: str, *, code: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class PermanentFailure(SendError):
    """The provider refused this message for good: trying again changes nothing."""


class RecipientOptedOut(PermanentFailure):
    """The parent's number replied STOP to our sender (Twilio 21610)."""


class RecipientInvalid(PermanentFailure):
    """The number or address cannot receive messages (:data:`TWILIO_INVALID_NUMBER`, SMTP 550)."""


class WhatsAppUnavailable(PermanentFailure):
    """This parent cannot be reached on WhatsApp with this message; SMS or email still can.

    ``no_account`` is True when the number has no WhatsApp at all
    (:data:`TWILIO_WHATSAPP_NO_ACCOUNT`): WhatsApp is then never tried for it again.
    """

    @property
    def no_account(self) -> bool:
        """True when the number has no WhatsApp account (63003, 63024)."""
        return self.code in TWILIO_WHATSAPP_NO_ACCOUNT


class SmsSender(Protocol):
    """Sends one SMS; raises :class:`SendError` subclasses that say whether to retry."""

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Hand one SMS to the provider."""
        ...

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """The SMS with this text sent to ``to`` since ``since``, if the provider has one."""
        ...


class PacedSmsSender(SmsSender, Protocol):
    """An SMS sender with the shared pace: wait for a slot, then send."""

    async def wait_for_slot(self) -> None:
        """Return when one more SMS may leave without exceeding ``SMS_RATE``."""
        ...


class RateLimiter(Protocol):
    """Hands out send slots at a fixed pace (see :mod:`parentinfo.messaging.senders.ratelimit`)."""

    async def wait_for_slot(self) -> None:
        """Return when the caller may send one message."""
        ...

    async def close(self) -> None:
        """Release what the limiter holds open."""
        ...


@dataclass(frozen=True)
class CallResult:
    """What the provider said about one call it accepted to place."""

    provider_id: str  # Twilio's CallSid
    status: str = "queued"


class WhatsAppSender(Protocol):
    """Sends one WhatsApp message to a number (E.164, without the ``whatsapp:`` prefix).

    Outside the 24-hour window only an approved Content template may be sent
    (:meth:`send_template`); inside it, free text (:meth:`send_text`). Raises
    :class:`SendError` subclasses like the SMS sender.
    """

    async def send_template(
        self,
        *,
        to: str,
        content_sid: str,
        variables: dict[str, str],
        status_callback: str | None,
    ) -> SmsResult:
        """Send the template ``content_sid`` with its numbered ``variables`` ("1", "2", …)."""
        ...

    async def send_text(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Send free text (only inside the window Twilio keeps open after a parent wrote)."""
        ...

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """The WhatsApp message with this text sent to ``to`` since ``since``, if any."""
        ...


class VoiceSender(Protocol):
    """Places one call; Twilio then asks ``answer_url`` what to say (TwiML)."""

    async def start_call(
        self,
        *,
        to: str,
        answer_url: str,
        status_callback: str | None,
        machine_detection: bool,
    ) -> CallResult:
        """Ask the provider to ring ``to``; raises :class:`SendError` subclasses."""
        ...

    async def find_placed(self, *, to: str, since: datetime) -> list[CallResult]:
        """The calls the provider placed to ``to`` since ``since``, newest first.

        For the lost-call check: a ``start_call`` whose answer never came may have rung.
        Raises :class:`SendError` when the provider cannot be asked.
        """
        ...


class PacedVoiceSender(VoiceSender, Protocol):
    """A voice sender with its own pace (``CALL_RATE``): wait for a slot, then call."""

    async def wait_for_slot(self) -> None:
        """Return when one more call may start without exceeding ``CALL_RATE``."""
        ...


class MailSender(Protocol):
    """Sends one email message."""

    async def send_mail(self, message: EmailMessage) -> None:
        """Hand one message to the mail server; raises :class:`SendError` subclasses."""
        ...


def twilio_permanent(code: str, text: str) -> PermanentFailure:
    """A permanent Twilio failure with error ``code``, as the class that says what it means."""
    if code in TWILIO_WHATSAPP_CODES:
        return WhatsAppUnavailable(text, code=code)
    if code in TWILIO_OPTED_OUT:
        return RecipientOptedOut(text, code=code)
    if code in TWILIO_INVALID_NUMBER:
        return RecipientInvalid(text, code=code)
    return PermanentFailure(text, code=code)
