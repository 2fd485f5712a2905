"""The one place that asks what time it is, so tests can reason about time."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current moment, time-zone aware, in UTC."""
    return datetime.now(UTC)
