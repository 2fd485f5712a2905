"""Demo data for the embedded mode (filled in with the events and contacts features)."""

from __future__ import annotations


async def load_demo() -> str:
    """Load the demo organisations, people, events and contacts; safe to run again."""
    return "demo: nothing to load yet"
