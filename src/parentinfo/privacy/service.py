"""The privacy feature's entry points: access, erasure, and the audit log for admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.privacy.erasure import Erased, erase_contact
from parentinfo.privacy.export import export_contact
from parentinfo.privacy.models import AuditEntry

__all__ = ["AuditView", "Erased", "audit_log", "erase_contact", "export_contact"]


@dataclass(frozen=True)
class AuditView:
    """One audit entry as an admin reads it."""

    id: int
    at: datetime
    user_email: str | None
    action: str
    subject_type: str
    subject_id: int | None
    details: dict[str, Any]


async def audit_log(*, actor: Actor, page: PageRequest) -> Page[AuditView]:
    """The actor's organisation's audit log, newest first (admins only)."""
    actor.require_admin()
    query = AuditEntry.filter(organisation_id=actor.org_id)
    total = await query.count()
    entries = (
        await query.order_by("-at", "-id")
        .offset(page.offset)
        .limit(page.per_page)
        .select_related("user")
    )
    items = [
        AuditView(
            id=entry.id,
            at=entry.at,
            user_email=entry.user.email if entry.user else None,
            action=entry.action,
            subject_type=entry.subject_type,
            subject_id=entry.subject_id,
            details=dict(entry.details),
        )
        for entry in entries
    ]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)
