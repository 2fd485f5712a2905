"""Who may see and who may edit an event: the host organisations, nobody else.

An event is visible to its owner, to organisations invited as co-host and to a named
guest that has not declined (they may look before they decide); it is editable by the
owner and co-hosts that accepted (a guest never edits). Another
organisation gets a 404, never a hint that the event exists.
"""

from __future__ import annotations

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Forbidden, NotFound
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.enums import HostStatus

VISIBLE_STATUSES = (HostStatus.INVITED, HostStatus.ACCEPTED)
ID_MAX = 2**31 - 1  # the id column is a 32-bit integer: larger ids exist nowhere


def event_query_for(actor: Actor) -> QuerySet[Event]:
    """Events the actor's organisation hosts, co-hosts, is invited to co-host, or guests."""
    invited_or_hosting = EventHost.filter(
        organisation_id=actor.org_id, status__in=VISIBLE_STATUSES
    ).values("event_id")
    return Event.filter(
        Q(organisation_id=actor.org_id)
        | Q(id__in=Subquery(invited_or_hosting))
        | guest_may_look(actor.org_id)
    )


def guest_may_look(org_id: int) -> Q:
    """Events naming ``org_id`` as a guest that has not declined (it may look, then answer)."""
    unanswered = Q(guest_status__isnull=True) | Q(
        guest_status__in=[HostStatus.INVITED, HostStatus.ACCEPTED]
    )
    return Q(guest_organisation_id=org_id) & unanswered


async def visible_event(*, actor: Actor, event_id: int) -> Event:
    """The event if the actor's organisation is among its hosts (or invited); 404 otherwise."""
    event = None
    if 0 < event_id <= ID_MAX:
        event = await event_query_for(actor).filter(id=event_id).first()
    if event is None:
        raise NotFound(f"No event {event_id}.")
    return event


def owner_id(event: Event) -> int:
    """The id of the organisation that drafted ``event``."""
    return int(event.organisation_id)  # type: ignore[attr-defined]


async def host_status(*, event: Event, org_id: int) -> HostStatus | None:
    """The organisation's standing as host of ``event`` (the owner counts as accepted)."""
    if owner_id(event) == org_id:
        return HostStatus.ACCEPTED
    row = await EventHost.get_or_none(event_id=event.id, organisation_id=org_id)
    return HostStatus(row.status) if row else None


async def editable_event(*, actor: Actor, event_id: int) -> Event:
    """The event if the actor may change it: a coordinator of the owner or an accepted co-host."""
    event = await visible_event(actor=actor, event_id=event_id)
    if await host_status(event=event, org_id=actor.org_id) != HostStatus.ACCEPTED:
        raise Forbidden("Accept the invitation to co-host before changing this event.")
    actor.require_coordinator()
    return event


def require_owner(*, actor: Actor, event: Event, doing: str) -> None:
    """Refuse (403) unless the actor's organisation drafted ``event``.

    What reaches the owner's parents or widens who sees them — inviting co-hosts,
    cancelling, moving a published event, changing its places — is the owner's alone:
    a co-host can never pass access on or message parents who are not its own.
    """
    if owner_id(event) != actor.org_id:
        raise Forbidden(f"Only the organisation that drafted the event {doing}.")


async def accepted_cohost_ids(*, event_id: int) -> list[int]:
    """The organisations that accepted to host ``event``, in the one host order (as added)."""
    rows: list[int] = await (
        EventHost.filter(event_id=event_id, status=HostStatus.ACCEPTED)
        .order_by("role", "id")
        .values_list("organisation_id", flat=True)  # type: ignore[assignment]
    )
    return [int(org_id) for org_id in rows]


async def host_org_ids(*, event_id: int) -> set[int]:
    """The owner and every co-host that accepted."""
    if not 0 < event_id <= ID_MAX:
        return set()
    owner_ids: list[int] = await Event.filter(id=event_id).values_list("organisation_id", flat=True)  # type: ignore[assignment]
    accepted: list[int] = await EventHost.filter(
        event_id=event_id, status=HostStatus.ACCEPTED
    ).values_list("organisation_id", flat=True)  # type: ignore[assignment]
    return {int(org_id) for org_id in [*owner_ids, *accepted]}
