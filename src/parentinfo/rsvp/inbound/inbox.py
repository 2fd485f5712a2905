"""The inbox: replies no rule understood, for staff of the parent's own organisation.

An item belongs to the organisation whose contact sent it, and only its coordinators and
admins see it (another organisation's item is a 404). Messages from numbers nobody knows
belong to no organisation: no one sees their text or number (that would show one
organisation's staff a stranger's message meant perhaps for another); admins see only how
many there are, so a flood of them does not go unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, NotFound, invalid_field
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, EventStatus, InboxStatus, Role
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.rsvp.answers import AnswerResult, apply_answer, copy_answer, notify_promoted
from parentinfo.rsvp.eventlines import event_lines
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.rsvp.parser import MAX_PARTY
from parentinfo.rsvp.replies import EventLine

STATUS_FILTERS = ("needs_attention", "handled", "resolved", "all")


@dataclass(frozen=True)
class InboxItem:
    """One inbound SMS as staff see it."""

    message: InboundMessage
    event: EventLine | None
    event_id: int | None


@dataclass(frozen=True)
class InboxPage:
    """A page of items, and (admins only) how many messages came from unknown numbers."""

    page: Page[InboxItem]
    unknown_numbers: int | None


async def list_inbox(*, actor: Actor, status: str, page: PageRequest) -> InboxPage:
    """The active organisation's inbound messages, newest first, filtered by ``status``."""
    actor.require_coordinator()
    if status not in STATUS_FILTERS:
        raise invalid_field("status", f"must be one of {', '.join(STATUS_FILTERS)}")
    query = InboundMessage.filter(organisation_id=actor.org_id)
    if status != "all":
        query = query.filter(status=InboxStatus(status))
    total = await query.count()
    rows = (
        await query.order_by("-received_at", "-id")
        .offset(page.offset)
        .limit(page.per_page)
        .select_related("contact")
    )
    items = await _items(actor, list(rows))
    unknown = None
    if actor.role == Role.ADMIN:
        unknown = await InboundMessage.filter(
            organisation_id=None, status=InboxStatus.NEEDS_ATTENTION
        ).count()
    return InboxPage(Page(items, total, page.page, page.per_page), unknown)


async def resolve_item(
    *,
    actor: Actor,
    item_id: int,
    answer: str | None,
    party_size: int | None = None,
    invitation_id: int | None = None,
) -> tuple[InboxItem, AnswerResult | None]:
    """Mark an item resolved, setting the parent's answer by hand when ``answer`` is given."""
    actor.require_coordinator()
    item = await InboundMessage.get_or_none(id=item_id, organisation_id=actor.org_id)
    if item is None:
        raise NotFound("No such inbox item.")
    chosen = _answer(answer)
    if party_size is not None and not 1 <= party_size <= MAX_PARTY:
        raise invalid_field("party_size", f"must be between 1 and {MAX_PARTY}")
    invitation = await _invitation_for(actor, item, invitation_id) if chosen else None
    result: AnswerResult | None = None
    promoted: list[int] = []
    async with in_transaction():
        claimed = (
            await InboundMessage.filter(id=item.id)
            .exclude(status=InboxStatus.RESOLVED)
            .select_for_update()
            .first()
        )
        if claimed is None:
            raise Conflict("This item is already resolved.")
        if invitation is not None and chosen is not None:
            result, promoted = await apply_answer(
                invitation_id=invitation.id,
                event_id=int(invitation.event_id),  # type: ignore[attr-defined]
                answer=chosen,
                party_size=party_size,
                source="staff",
            )
            copy_answer(result, onto=invitation, source="staff")
        await _mark_resolved(item, actor, invitation)
    await notify_promoted(promoted)
    item = await InboundMessage.get(id=item.id).select_related("contact")
    return (await _items(actor, [item]))[0], result


def _answer(raw: str | None) -> Answer | None:
    if raw is None:
        return None
    if raw not in (Answer.YES, Answer.NO, Answer.MAYBE):
        raise invalid_field("answer", "must be yes, no or maybe (or left out to only resolve)")
    return Answer(raw)


async def _invitation_for(actor: Actor, item: InboundMessage, wanted: int | None) -> Invitation:
    """The invitation to answer: the one asked for, the item's own, or the only open one."""
    contact_id = item.contact_id  # type: ignore[attr-defined]
    if wanted is not None:
        invitation = await Invitation.get_or_none(id=wanted, organisation_id=actor.org_id)
        if invitation is None:
            raise NotFound("No such invitation.")
        if contact_id is not None and invitation.contact_id != contact_id:  # type: ignore[attr-defined]
            raise invalid_field("invitation_id", "is not an invitation of this parent")
        return invitation
    if item.invitation_id is not None:  # type: ignore[attr-defined]
        return await Invitation.get(id=item.invitation_id)  # type: ignore[attr-defined]
    open_ones = await Invitation.filter(
        contact_id=contact_id,
        organisation_id=actor.org_id,
        event__status=EventStatus.PUBLISHED,
        event__ends_at__gt=now(),
    ).limit(2)
    if contact_id is None or len(open_ones) != 1:
        raise invalid_field(
            "invitation_id", "is needed: this parent has no single open invitation to answer"
        )
    return open_ones[0]


async def _mark_resolved(item: InboundMessage, actor: Actor, invitation: Invitation | None) -> None:
    changes: dict[str, object] = {
        "status": InboxStatus.RESOLVED,
        "resolved_by_id": actor.user_id,
        "resolved_at": now(),
    }
    if invitation is not None:
        changes["invitation_id"] = invitation.id
    await InboundMessage.filter(id=item.id).update(**changes)


async def items_of(actor: Actor, rows: list[InboundMessage]) -> list[InboxItem]:
    """Inbox items of ``rows`` (already the actor's organisation's)."""
    return await _items(actor, rows)


async def _items(actor: Actor, rows: list[InboundMessage]) -> list[InboxItem]:
    """Each row with its event's title in the actor's language."""
    invitation_ids = [r.invitation_id for r in rows if r.invitation_id]  # type: ignore[attr-defined]
    event_of = dict(await Invitation.filter(id__in=invitation_ids).values_list("id", "event_id"))
    events = await Event.filter(id__in=set(event_of.values()))
    lines = await event_lines(list(events), actor.language)
    items = []
    for row in rows:
        event_id = event_of.get(row.invitation_id)  # type: ignore[attr-defined]
        items.append(InboxItem(row, lines.get(event_id) if event_id else None, event_id))
    return items
