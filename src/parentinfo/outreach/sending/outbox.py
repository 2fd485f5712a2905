"""The outbox status machine, and moving rows through it, each step one conditional UPDATE.

pending → sending → sent → delivered / undelivered / failed, or withheld. A status never
moves backwards: a late "sent" callback must not undo "delivered", and a callback that
arrives before our own "sent" bookkeeping still counts. The rules of the machine
(:func:`may_move`, :func:`backoff`, :func:`quick_retry_wait`, :func:`retry_delay`,
:func:`dedupe_key`) are pure; the steps below them
touch the database.

A worker claims a row (pending → sending) in one statement, so two workers never send the
same message. The claim's ``sending_since`` is its token: every later step is conditional
on it, so a worker that lost its claim (it hung, and the row was recovered) changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.channels import TWILIO_STATUS
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import SendError, SmsResult, Throttled

S = MessageStatus
logger = logging.getLogger(__name__)

# How far along each status is. Delivered, undelivered, failed and withheld share a rank, so
# none of them follows another; only WhatsApp's "read" comes after "delivered".
RANK: dict[MessageStatus, int] = {
    S.PENDING: 0,
    S.SENDING: 1,
    S.SENT: 2,
    S.DELIVERED: 3,
    S.UNDELIVERED: 3,
    S.FAILED: 3,
    S.WITHHELD: 3,
    S.READ: 4,
}
FINAL: frozenset[MessageStatus] = frozenset({S.READ, S.UNDELIVERED, S.FAILED, S.WITHHELD})
UNSENT: frozenset[MessageStatus] = frozenset({S.PENDING, S.SENDING})

MAX_ATTEMPTS = 12  # with the backoff below: about six hours of retrying
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
# A 429 says "too fast", not "bad message": it is tried again on the next free slot, under
# the same claim, this many times before the normal backoff takes over (a storm still ends).
QUICK_RETRIES = 3
# The longest Retry-After waited while holding the claim; a longer one becomes a backoff.
MAX_QUICK_WAIT = timedelta(seconds=10)

# Kinds whose failed message is worth the next channel instead (WhatsApp → SMS → email),
# and (CALL_KINDS) a volunteer's call when those fail. A nudge falls back too, its one
# dedupe key moving to the row that takes over (outreach.sending.fallback).
FALLBACK_KINDS: frozenset[MessageKind] = frozenset(
    {
        MessageKind.INVITATION,
        MessageKind.CHANGE,
        MessageKind.CANCELLATION,
        MessageKind.REMINDER,
        MessageKind.NUDGE,
    }
)
CALL_KINDS: frozenset[MessageKind] = frozenset(
    {MessageKind.INVITATION, MessageKind.CHANGE, MessageKind.CANCELLATION}
)
# Kinds that carry a new version of the event, so each version is a message of its own.
VERSIONED_KINDS: frozenset[MessageKind] = frozenset({MessageKind.CHANGE, MessageKind.CANCELLATION})
# Kinds a parent gets at most once, whatever the channel: a nudge that went by SMS is not
# sent again by email because the parent's route changed.
ONCE_PER_PARENT: frozenset[MessageKind] = frozenset({MessageKind.NUDGE})


def may_move(current: MessageStatus, new: MessageStatus) -> bool:
    """True when ``current`` → ``new`` is forward; a final status never changes."""
    if current in FINAL:
        return False
    return RANK[new] > RANK[current]


def backoff(attempt: int) -> timedelta:
    """The wait before retry number ``attempt`` (1-based): 30 s, 1 min, 2 min … at most 1 h."""
    exponent = max(attempt - 1, 0)
    seconds = FIRST_BACKOFF.total_seconds() * (2 ** min(exponent, 20))
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def quick_retry_wait(error: SendError, retried: int) -> timedelta | None:
    """How long to wait before trying a throttled send again on the next slot.

    ``retried`` is how many quick retries this claim has made. None: not a quick retry
    (another error, the bound reached, or Twilio asked for longer than :data:`MAX_QUICK_WAIT`),
    so the normal backoff decides.
    """
    if not isinstance(error, Throttled) or retried >= QUICK_RETRIES:
        return None
    asked = timedelta(seconds=error.retry_after or 0.0)
    return asked if asked <= MAX_QUICK_WAIT else None


def retry_delay(error: SendError, attempt: int) -> timedelta:
    """The wait before retry number ``attempt``: the backoff, or Twilio's Retry-After if longer.

    A Retry-After counts for at most :data:`MAX_BACKOFF`: a wrong header never parks a
    message for a day.
    """
    asked = error.retry_after if isinstance(error, Throttled) else None
    waited = timedelta(seconds=asked) if asked is not None else timedelta(0)
    return max(backoff(attempt), min(waited, MAX_BACKOFF))


def dedupe_key(
    kind: MessageKind, invitation_id: int, channel: Channel, sequence: int | None = None
) -> str:
    """One row per (kind, invitation, channel[, event version]): sending twice adds nothing."""
    if kind in ONCE_PER_PARENT:
        return f"{kind.value}:{invitation_id}"
    base = f"{kind.value}:{invitation_id}:{channel.value}"
    if kind in VERSIONED_KINDS:
        return f"{base}:{sequence or 0}"
    return base


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


async def note_throttled(message_id: int, claim_at: datetime, error: SendError) -> datetime | None:
    """Keep a throttled claim for its quick retry, saying why; None when it was taken back.

    Renewing the claim here means the sweeper's clock starts again at every retry, and the
    retry is sent only if this worker still holds the row.
    """
    renewed = now()
    moved = await _claimed(message_id, claim_at).update(
        sending_since=renewed, error_code=error.code, error_message=error.message[:500]
    )
    return renewed if moved else None


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
    if status in (S.DELIVERED, S.READ):
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
