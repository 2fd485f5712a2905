"""What became of one attempt to send: the dispatcher decides, the job layer acts.

The dispatcher records each outcome on the row and returns a :class:`Decision`; it never
queues jobs itself. The job layer defers the retry or the held send at the time the
decision names, and starts the fallback of a message that failed for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Verdict(StrEnum):
    """The outcome of one attempt (the values are what the logs and tests read)."""

    SENT = "sent"
    RETRY = "retry"  # a temporary failure: try again at ``at``
    HOLD = "held"  # quiet hours: send at ``at``
    FAILED = "failed"  # for good, nothing more to do
    FALL_BACK = "fall back"  # for good: reach the parent another way
    SKIPPED = "skipped"  # gone, or no longer pending
    NOT_DUE = "not due"
    WITHHELD = "withheld"
    TAKEN = "taken"  # another worker holds it


@dataclass(frozen=True)
class Decision:
    """One message's verdict, and when to try again (None: nothing to queue here)."""

    message_id: int
    verdict: Verdict
    at: datetime | None = None

    @property
    def requeue_at(self) -> datetime | None:
        """When to defer this message again, or None when no job is wanted."""
        return self.at if self.verdict in (Verdict.RETRY, Verdict.HOLD) else None
