"""Moving outbox rows through their status machine, each step one conditional UPDATE.

A worker claims a row (pending → sending) in one statement, so two workers never send the
same message. The claim's ``sending_since`` is its token: every later step is conditional
on it, so a worker that lost its claim (it hung, and the row was recovered) changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.outreach.models import OutboundMessage
from parentinfo.outreach.providers import SendError, SmsResult
from parentinfo.outreach.states import TWILIO_STATUS, may_move

S = MessageStatus
logger = logging.getLogger(__name__)


async def ids_in(query: QuerySet[Any], field: str = "id") -> list[int]:
    """The integer values of one column (ids, foreign keys), without the NULLs."""
    values: list[Any] = list(await query.values_list(field, flat=True))
    return [int(value) for value in values if value is not None]


def due(at: datetime) -> Q:
    """Rows whose time has come: no ``send_after``, or one that has passed."""
    return Q(send_after=None) | Q(send_after__lte=at)


async def claim(message_id: int, *, at: datetime) -> bool:
    """pending → sending, if still pending and due; True when this caller got the row."""
    count = await (
        OutboundMessage.filter(id=message_id, status=S.PENDING)
        .filter(due(at))
        .update(status=S.SENDING, sending_since=at, attempts=F("attempts") + 1)
    )
    return bool(count)


def _claimed(message_id: int, claim_at: datetime) -> QuerySet[OutboundMessage]:
    return OutboundMessage.filter(id=message_id, status=S.SENDING, sending_since=claim_at)


async def renew_claim(message_id: int, claim_at: datetime) -> datetime | None:
    """Show a claim is still alive (after a long wait); None when it was taken back."""
    renewed = now()
    if await _claimed(message_id, claim_at).update(sending_since=renewed):
        return renewed
    return None


async def mark_sent(message_id: int, claim_at: datetime, result: SmsResult | None) -> bool:
    """sending → sent (or delivered, for the simulator); False when the claim was lost."""
    at = now()
    status = TWILIO_STATUS.get(result.status, S.SENT) if result else S.SENT
    status = status if status != S.SENDING else S.SENT  # handed over is "sent" to us
    fields: dict[str, object] = {
        "status": status,
        "sent_at": at,
        "withheld_reason": "",
        "error_code": "",
        "error_message": "",
    }
    if result is not None:
        fields["provider_id"] = result.provider_id
    if status == S.DELIVERED:
        fields["delivered_at"] = at
    if await _claimed(message_id, claim_at).update(**fields):
        return True
    if result is not None:
        # A status callback can overtake our own bookkeeping: keep its status, add the id.
        await OutboundMessage.filter(id=message_id, provider_id=None).update(
            provider_id=result.provider_id, sent_at=at
        )
    logger.warning("outbox message %s was no longer ours when it was sent", message_id)
    return False


async def retry_later(message_id: int, claim_at: datetime, error: SendError, at: datetime) -> bool:
    """sending → pending again, due at ``at``, with the error kept for the outbox page."""
    return bool(
        await _claimed(message_id, claim_at).update(
            status=S.PENDING, send_after=at, error_code=error.code, error_message=error.message
        )
    )


async def mark_failed(message_id: int, claim_at: datetime, error: SendError) -> bool:
    """sending → failed, for good."""
    return bool(
        await _claimed(message_id, claim_at).update(
            status=S.FAILED, error_code=error.code, error_message=error.message[:500]
        )
    )


async def withhold(message_id: int, reason: str) -> bool:
    """pending → withheld (opted out, cancelled event, …); never touches a sent message."""
    return bool(
        await OutboundMessage.filter(id=message_id, status=S.PENDING).update(
            status=S.WITHHELD, withheld_reason=reason
        )
    )


async def hold_until(message_id: int, until: datetime, reason: str) -> bool:
    """Keep a pending message waiting until ``until`` (quiet hours), saying why."""
    return bool(
        await OutboundMessage.filter(id=message_id, status=S.PENDING).update(
            send_after=until, withheld_reason=reason
        )
    )


async def advance(message: OutboundMessage, new: MessageStatus, **fields: object) -> bool:
    """Move ``message`` forward to ``new`` (never backwards); True when it moved."""
    if not may_move(S(message.status), new):
        return False
    changed = await OutboundMessage.filter(id=message.id, status=message.status).update(
        status=new, **fields
    )
    return bool(changed)
