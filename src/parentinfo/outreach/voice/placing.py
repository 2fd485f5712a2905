"""Placing one call: the outbox row becomes a ring, inside the calling window.

The dispatcher (:mod:`parentinfo.outreach.sending.dispatch`) sends a voice row here instead
of to the SMS or mail sender. Calls keep to ``CALL_HOURS`` (local ``TIMEZONE``) on top of
the quiet hours, and to their own pace (``CALL_RATE``, in the sender). Twilio then asks the
answer URL what to say, and tells the status URL how the call ended.
"""

from __future__ import annotations

from datetime import datetime

from parentinfo.lib.urls import public_url
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import SmsResult
from parentinfo.messaging.quiet import quiet_until
from parentinfo.runtime import runtime
from parentinfo.settings import Settings


def answer_url(message_id: int) -> str:
    """Where Twilio asks for the first TwiML of the call for outbox row ``message_id``."""
    return public_url(f"/webhooks/twilio/voice/answer?message={message_id}")


def status_url(message_id: int) -> str:
    """Where Twilio reports how that call went."""
    return public_url(f"/webhooks/twilio/voice/status?message={message_id}")


def outside_call_hours(moment: datetime, settings: Settings) -> datetime | None:
    """When calls may start again if ``moment`` is outside ``CALL_HOURS``, else None.

    The hours outside the window are a quiet window from its end to its start, so the
    same daylight-saving-safe arithmetic as the quiet hours applies.
    """
    return quiet_until(moment, tz=settings.tz, start=settings.call_end, end=settings.call_start)


def later(first: datetime | None, second: datetime | None) -> datetime | None:
    """The later of two holds (None: no hold)."""
    if first is None or second is None:
        return first or second
    return max(first, second)


async def place_call(message: OutboundMessage) -> SmsResult:
    """Ask the voice sender to ring the parent; raises its ``SendError`` on refusal."""
    result = await runtime().voice.start_call(
        to=message.to_address or "",
        answer_url=answer_url(message.id),
        status_callback=status_url(message.id),
        machine_detection=True,
    )
    # The outbox keeps one shape of provider answer: an id and a status.
    return SmsResult(provider_id=result.provider_id, status=result.status)
