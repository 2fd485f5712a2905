"""The audit log: every export, import, erasure and send is written down, without personal data."""

from __future__ import annotations

from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.privacy.models import AuditEntry


async def record(
    *,
    actor: Actor | None,
    action: str,
    subject_type: str = "",
    subject_id: int | None = None,
    organisation_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry; ``details`` must hold counts and ids, never names or numbers."""
    return await AuditEntry.create(
        user_id=actor.user_id if actor else None,
        organisation_id=organisation_id
        if organisation_id is not None
        else (actor.org_id if actor else None),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=details or {},
    )
