"""The outbox status machine and the rules around it, as a pure core with no I/O.

pending → sending → sent → delivered / undelivered / failed, or withheld. A status never
moves backwards: a late "sent" callback must not undo "delivered", and a callback that
arrives before our own "sent" bookkeeping still counts.
"""

from __future__ import annotations

from datetime import timedelta

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.channels import TWILIO_STATUS

S = MessageStatus
__all__ = ["TWILIO_STATUS"]  # read here by the status machine's users

# How far along each status is; final ones share the top rank and never change again.
RANK: dict[MessageStatus, int] = {
    S.PENDING: 0,
    S.SENDING: 1,
    S.SENT: 2,
    S.DELIVERED: 3,
    S.UNDELIVERED: 3,
    S.FAILED: 3,
    S.WITHHELD: 3,
}
FINAL: frozenset[MessageStatus] = frozenset(s for s, rank in RANK.items() if rank == 3)
UNSENT: frozenset[MessageStatus] = frozenset({S.PENDING, S.SENDING})

MAX_ATTEMPTS = 12  # with the backoff below: about six hours of retrying
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)

# Kinds whose failed SMS is worth an email instead, and a volunteer's call when that fails.
FALLBACK_KINDS: frozenset[MessageKind] = frozenset(
    {MessageKind.INVITATION, MessageKind.CHANGE, MessageKind.CANCELLATION, MessageKind.REMINDER}
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
