"""``/api/v1``: a parent's data exported or erased on request, and the audit log."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

import msgspec
from litestar import get, post
from litestar.params import FromPath, FromQuery
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.lib.pagination import page_body, page_request
from parentinfo.privacy import service


class AuditEntryOut(msgspec.Struct):
    """Who did what to which record, and when; never the personal data itself."""

    id: int
    at: datetime
    user_email: str | None
    action: str
    subject_type: str
    subject_id: int | None
    details: dict[str, Any]


class AuditPageOut(msgspec.Struct):
    """One page of the audit log, newest first."""

    items: list[AuditEntryOut]
    total: int
    page: int
    per_page: int


@get("/contacts/{contact_id:int}/export", summary="Everything held about one contact")
async def export_contact(actor: ApiActor, contact_id: FromPath[int]) -> dict[str, Any]:
    """A parent's right of access: the contact, consents, invitations, messages, check-ins."""
    return await service.export_contact(actor=actor, contact_id=contact_id)


@post("/contacts/{contact_id:int}/erase", summary="Erase a contact", status_code=204)
async def erase_contact(actor: ApiActor, contact_id: FromPath[int]) -> None:
    """A parent's right to erasure: the contact goes, messages are blanked, counts stay."""
    await service.erase_contact(actor=actor, contact_id=contact_id)


@get("/audit", summary="The audit log")
async def audit_log(
    actor: ApiActor, page: FromQuery[int] = 1, per_page: FromQuery[int] = 50
) -> AuditPageOut:
    """Exports, imports, erasures and sends of your organisation (admins only)."""
    result = await service.audit_log(actor=actor, page=page_request(page, per_page))
    return page_body(AuditPageOut, result, [AuditEntryOut(**asdict(i)) for i in result.items])


routes: list[ControllerRouterHandler] = [export_contact, erase_contact, audit_log]
