"""An event's invitations with their answers: each host organisation lists its own.

An invitation belongs to the organisation whose contact it is; that organisation sees the
name, number, address and how the messages went. Another host of the same event sees none
of it here — the event page gives every host the counts per answer and language.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from parentinfo.accounts.actor import Actor
from parentinfo.events.access import editable_event
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import Invitation


class InvitationOut(msgspec.Struct, frozen=True):
    """One invitation of the actor's organisation and its answer (``own`` is always true)."""

    id: int
    organisation_id: int
    own: bool
    name: str
    language: str
    answer: str
    party_size: int
    waitlisted: bool
    answered_at: datetime | None
    mobile: str | None
    email: str | None
    to_call: bool | None
    message_status: str | None  # the latest message's status, own organisation only


async def list_invitations(
    *, actor: Actor, event_id: int, page: PageRequest
) -> Page[InvitationOut]:
    """The actor's organisation's invitations to the event (never another host's)."""
    event = await editable_event(actor=actor, event_id=event_id)
    query = Invitation.filter(event_id=event.id, organisation_id=actor.org_id)
    total = await query.count()
    rows = await (
        query.select_related("contact")
        .order_by("organisation_id", "id")
        .offset(page.offset)
        .limit(page.per_page)
    )
    latest = await _latest_status([row.id for row in rows if row.organisation_id == actor.org_id])  # type: ignore[attr-defined]
    items = [_view(row, actor, latest) for row in rows]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)


async def _latest_status(invitation_ids: list[int]) -> dict[int, str]:
    rows = (
        await OutboundMessage.filter(invitation_id__in=invitation_ids)
        .order_by("id")
        .values_list("invitation_id", "status")
    )
    return {int(invitation_id): str(status) for invitation_id, status in rows}


def _view(row: Invitation, actor: Actor, latest: dict[int, str]) -> InvitationOut:
    own = row.organisation_id == actor.org_id  # type: ignore[attr-defined]
    contact = row.contact
    return InvitationOut(
        id=row.id,
        organisation_id=int(row.organisation_id),  # type: ignore[attr-defined]
        own=own,
        name=contact.name if contact else "",
        language=row.language,
        answer=row.answer.value,
        party_size=row.party_size,
        waitlisted=row.waitlisted,
        answered_at=row.answered_at,
        mobile=contact.mobile if own and contact else None,
        email=contact.email if own and contact else None,
        to_call=row.to_call if own else None,
        message_status=latest.get(row.id) if own else None,
    )
