"""The call list: parents no SMS or email reached, for volunteers to phone.

A volunteer sees the parents they added themselves; a coordinator sees the organisation's.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import contact_query_for
from parentinfo.errors import NotFound
from parentinfo.events.models import EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import Invitation


class CallOut(msgspec.Struct, frozen=True):
    """One parent to phone."""

    invitation_id: int
    event_id: int
    event_title: str
    starts_at: datetime
    name: str
    mobile: str | None
    email: str | None
    language: str
    answer: str
    reason: str


def _call_query(actor: Actor):  # type: ignore[no-untyped-def]
    return call_query(actor)


def call_query(actor: Actor) -> QuerySet[Invitation]:
    """The invitations on ``actor``'s call list (a volunteer's own parents, or all)."""
    return Invitation.filter(
        organisation_id=actor.org_id,
        to_call=True,
        contact_id__in=Subquery(contact_query_for(actor).values("id")),
    )


async def call_list(*, actor: Actor, page: PageRequest) -> Page[CallOut]:
    """Invitations waiting for a phone call, soonest event first."""
    query = _call_query(actor)
    total = await query.count()
    rows = await (
        query.select_related("contact", "event")
        .order_by("event__starts_at", "id")
        .offset(page.offset)
        .limit(page.per_page)
    )
    titles = await _titles({row.event.id for row in rows}, actor.language)
    reasons = await _reasons([row.id for row in rows])
    items = [
        CallOut(
            invitation_id=row.id,
            event_id=row.event.id,
            event_title=titles.get(row.event.id, ""),
            starts_at=row.event.starts_at,
            name=row.contact.name if row.contact else "",
            mobile=row.contact.mobile if row.contact else None,
            email=row.contact.email if row.contact else None,
            language=row.language,
            answer=row.answer.value,
            reason=reasons.get(row.id) or _("No working mobile number or email address."),
        )
        for row in rows
    ]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)


async def mark_called(*, actor: Actor, invitation_id: int) -> None:
    """A volunteer phoned this parent: take the invitation off the call list (idempotent)."""
    query = Invitation.filter(
        id=invitation_id,
        organisation_id=actor.org_id,
        contact_id__in=Subquery(contact_query_for(actor).values("id")),
    )
    if not await query.exists():
        raise NotFound(_("No invitation {id} on your call list.").format(id=invitation_id))
    await query.filter(to_call=True).update(to_call=False, called_at=now())


async def _titles(event_ids: set[int], language: str) -> dict[int, str]:
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for text in await EventText.filter(event_id__in=list(event_ids)):
        texts.setdefault(text.event_id, {})[text.language] = (text.title, text.description)  # type: ignore[attr-defined]
    chosen = {
        event_id: choose_text(by_language, language) for event_id, by_language in texts.items()
    }
    return {event_id: c.title for event_id, c in chosen.items() if c}


async def _reasons(invitation_ids: list[int]) -> dict[int, str]:
    rows = (
        await OutboundMessage.filter(
            invitation_id__in=invitation_ids, status__in=["failed", "undelivered"]
        )
        .order_by("id")
        .values_list("invitation_id", "error_message")
    )
    return {int(i): str(message) for i, message in rows if message}
