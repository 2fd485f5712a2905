"""Retention: personal data goes on a schedule (filled in by the privacy feature)."""

from __future__ import annotations

from parentinfo.settings import Settings


async def apply_retention(settings: Settings, *, dry_run: bool) -> str:
    """Delete (or with ``dry_run`` list) what is past its retention period."""
    del settings, dry_run
    return "retention: nothing to do yet"
