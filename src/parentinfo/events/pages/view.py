"""What the event page shows: the event, its hosts, its texts per language, and the answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from parentinfo.accounts.actor import Actor
from parentinfo.events import service
from parentinfo.events.access import host_status
from parentinfo.events.models import Event, EventHost
from parentinfo.events.pages.form import text_languages
from parentinfo.events.texts import choose_text
from parentinfo.events.wording import texts_map
from parentinfo.i18n import current_language
from parentinfo.lib.enums import HostStatus, Role
from parentinfo.organisations.models import Organisation
from parentinfo.privacy.models import AuditEntry
from parentinfo.reports.dashboard import AnswerCounts
from parentinfo.rsvp.models import Invitation
from parentinfo.rsvp.waitlist.staff import Places, places_of

TOLD_ACTIONS = {"event.moved": "moved", "event.cancelled": "cancelled"}


@dataclass(frozen=True)
class TextSlot:
    """One language's place in the side-by-side texts: written, or missing."""

    language: str
    title: str
    description: str

    @property
    def missing(self) -> bool:
        """No text in this language yet: readers get the fallback."""
        return not self.title


@dataclass(frozen=True)
class Telling:
    """One move or cancellation of the event: when, by whom, and whether parents were told."""

    at: datetime
    action: str  # "moved" or "cancelled"
    by: str
    told: bool
    time: bool
    place: bool


@dataclass(frozen=True)
class EventPage:
    """An event with everything its page needs."""

    event: Event
    title: str
    description: str
    hosts: list[EventHost]
    my_status: HostStatus | None
    my_slug: str
    my_org_id: int
    is_owner: bool
    texts: list[TextSlot]
    counts: AnswerCounts
    per_language: dict[str, int]
    invitable: list[Organisation]
    coordinator: bool
    tellings: list[Telling]
    places: Places | None  # the hosts' view of places and the waiting list

    @property
    def hosting(self) -> bool:
        """The active organisation hosts it (owner or accepted co-host): the door is theirs."""
        return self.my_status == HostStatus.ACCEPTED

    @property
    def guest_to_answer(self) -> bool:
        """The active organisation is named as guest and has not accepted yet."""
        return (
            self.event.guest_organisation_id == self.my_org_id  # type: ignore[attr-defined]
            and self.event.guest_status != HostStatus.ACCEPTED
        )

    @property
    def can_edit(self) -> bool:
        """A coordinator of a hosting organisation may change it."""
        return self.hosting and self.coordinator


async def answer_counts(event_id: int) -> tuple[AnswerCounts, dict[str, int]]:
    """Answers over every host's invitations, and invitations per language (counts only);
    walk-ins are counted apart, never as invited."""
    counts = AnswerCounts()
    per_language: Counter[str] = Counter()
    rows = await Invitation.filter(event_id=event_id).values_list(
        "answer", "party_size", "language", "walk_in"
    )
    for answer, party_size, language, walk_in in rows:
        counts.add(str(answer), int(party_size), walk_in=bool(walk_in))
        if not walk_in:
            per_language[str(language)] += 1
    return counts, dict(sorted(per_language.items()))


async def tellings_of(event_id: int) -> list[Telling]:
    """The event's moves and cancellations from the audit log, newest first."""
    entries = await AuditEntry.filter(
        subject_type="event", subject_id=event_id, action__in=list(TOLD_ACTIONS)
    ).select_related("user")
    return [
        Telling(
            at=entry.at,
            action=TOLD_ACTIONS[entry.action],
            by=(entry.user.name or entry.user.email) if entry.user else "",
            told=bool(entry.details.get("notify", True)),
            time=bool(entry.details.get("time")),
            place=bool(entry.details.get("place")),
        )
        for entry in entries
    ]


async def load_event_page(*, actor: Actor, event_id: int) -> EventPage:
    """The event page for the actor's organisation (404 for an organisation not involved)."""
    event = await service.get_event(actor=actor, event_id=event_id)
    hosts = await service.list_hosts(actor=actor, event_id=event_id)
    written = texts_map(event.texts)
    chosen = choose_text(written, current_language())
    slots = [
        TextSlot(code, *written.get(code, ("", "")))
        for code in text_languages(written, event.session_languages)
    ]
    my_status = await host_status(event=event, org_id=actor.org_id)
    # Counts are for the hosts: an organisation still deciding (or a guest) sees none.
    hosting = my_status == HostStatus.ACCEPTED
    counts, per_language = await answer_counts(event.id) if hosting else (AnswerCounts(), {})
    involved = {h.organisation.id for h in hosts if h.status != HostStatus.DECLINED}
    invitable = await Organisation.exclude(id__in=list(involved)).order_by("name")
    mine = await Organisation.get(id=actor.org_id)
    return EventPage(
        event=event,
        title=chosen.title if chosen else f"#{event.id}",
        description=chosen.description if chosen else "",
        hosts=hosts,
        my_status=my_status,
        my_slug=mine.slug,
        my_org_id=mine.id,
        is_owner=event.organisation.id == actor.org_id,
        texts=slots,
        counts=counts,
        per_language=per_language,
        invitable=list(invitable),
        coordinator=actor.role in (Role.ADMIN, Role.COORDINATOR),
        tellings=await tellings_of(event.id) if hosting else [],
        places=await places_of(event=event, org_id=actor.org_id) if hosting else None,
    )
