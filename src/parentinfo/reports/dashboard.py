"""What the dashboard shows: coming events with their answers, and what needs a person.

Answer counts are aggregates over every host's invitations; the inbox, the failed
messages and the call list come from their own services, which show the active
organisation's own parents only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from parentinfo.accounts.actor import Actor
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import current_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, EventStatus, HostStatus, MessageStatus, Role
from parentinfo.lib.pagination import page_request
from parentinfo.outreach.lists.calls import CallOut, call_list
from parentinfo.outreach.lists.messages import MessageOut, list_messages
from parentinfo.rsvp.inbound.inbox import InboxItem, list_inbox
from parentinfo.rsvp.models import Invitation

COMING_LIMIT = 12
ATTENTION_LIMIT = 25


@dataclass
class AnswerCounts:
    """How many said what, and how many people they bring."""

    yes: int = 0
    no: int = 0
    maybe: int = 0
    none: int = 0
    people_yes: int = 0
    people_maybe: int = 0
    walk_ins: int = 0  # came without an invitation: counted apart, never as invited
    people_walk_in: int = 0

    @property
    def invited(self) -> int:
        """Everyone invited (walk-ins are not)."""
        return self.yes + self.no + self.maybe + self.none

    def add(self, answer: str, party_size: int, *, walk_in: bool = False) -> None:
        """Count one invitation, or one walk-in."""
        if walk_in:
            self.walk_ins += 1
            self.people_walk_in += party_size
        elif answer == Answer.YES:
            self.yes += 1
            self.people_yes += party_size
        elif answer == Answer.MAYBE:
            self.maybe += 1
            self.people_maybe += party_size
        elif answer == Answer.NO:
            self.no += 1
        else:
            self.none += 1


@dataclass
class EventSummary:
    """One coming event as the dashboard lists it."""

    event: Event
    title: str
    counts: AnswerCounts = field(default_factory=AnswerCounts)


@dataclass
class Dashboard:
    """Everything on the dashboard."""

    coming: list[EventSummary]
    cohost_requests: list[EventSummary]
    inbox: list[InboxItem]
    failed: list[MessageOut]
    to_call: list[CallOut]


async def event_titles(events: Iterable[Event]) -> dict[int, str]:
    """Each event's title in the current language (through the fallback chain)."""
    ids = [e.id for e in events]
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for text in await EventText.filter(event_id__in=ids):
        texts.setdefault(text.event_id, {})[text.language] = (text.title, "")  # type: ignore[attr-defined]
    chosen = {eid: choose_text(texts.get(eid, {}), current_language()) for eid in ids}
    return {eid: c.title if c else f"#{eid}" for eid, c in chosen.items()}


async def _summaries(events: list[Event]) -> list[EventSummary]:
    titles = await event_titles(events)
    summaries = {e.id: EventSummary(event=e, title=titles[e.id]) for e in events}
    rows = await Invitation.filter(event_id__in=list(summaries)).values_list(
        "event_id", "answer", "party_size", "walk_in"
    )
    for event_id, answer, party_size, walk_in in rows:
        summaries[event_id].counts.add(str(answer), int(party_size), walk_in=bool(walk_in))
    return list(summaries.values())


async def coming_events(actor: Actor) -> list[EventSummary]:
    """Events the active organisation hosts (or co-hosts) that have not ended long ago."""
    hosted = EventHost.filter(organisation_id=actor.org_id, status=HostStatus.ACCEPTED).values_list(
        "event_id", flat=True
    )
    events = (
        await Event.filter(id__in=await hosted, ends_at__gte=now() - timedelta(hours=12))
        .exclude(status=EventStatus.DONE)
        .order_by("starts_at")
        .limit(COMING_LIMIT)
    )
    return await _summaries(list(events))


async def cohost_requests(actor: Actor) -> list[EventSummary]:
    """Events another organisation invited the active one to host together."""
    invited = await EventHost.filter(
        organisation_id=actor.org_id, status=HostStatus.INVITED
    ).values_list("event_id", flat=True)
    events = await Event.filter(id__in=list(invited)).order_by("starts_at")
    return await _summaries(list(events))


async def load_dashboard(*, actor: Actor) -> Dashboard:
    """The dashboard of the active organisation (the inbox and failures: coordinators only)."""
    calls = await call_list(actor=actor, page=page_request(1, ATTENTION_LIMIT))
    inbox: list[InboxItem] = []
    failed: list[MessageOut] = []
    if actor.role in (Role.ADMIN, Role.COORDINATOR):
        first = page_request(1, ATTENTION_LIMIT)
        inbox = (await list_inbox(actor=actor, status="needs_attention", page=first)).page.items
        for status in (MessageStatus.FAILED, MessageStatus.UNDELIVERED):
            found = await list_messages(actor=actor, page=first, status=status)
            failed.extend(m for m in found.items if m.organisation_id == actor.org_id)
    return Dashboard(
        coming=await coming_events(actor),
        cohost_requests=await cohost_requests(actor),
        inbox=inbox,
        failed=sorted(failed, key=lambda m: m.id, reverse=True)[:ATTENTION_LIMIT],
        to_call=calls.items,
    )
