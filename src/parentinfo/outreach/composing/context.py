"""From database rows to a :class:`MessageContext`: what one parent's message is about.

The event's facts (texts, hosts, guest) are read once per event, then each parent's
context is built without further queries, so queueing ten thousand messages stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from parentinfo.calendar.records import EventCalendar, session_facts
from parentinfo.events.access import accepted_cohost_ids
from parentinfo.events.guests import accepted_guest_id
from parentinfo.events.models import Event, EventText
from parentinfo.events.texts import ChosenText, PracticalNotes, choose_notes, choose_text
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, EventStatus, MessageKind, Topic
from parentinfo.lib.sql import fetch_in
from parentinfo.lib.urls import parent_page_url
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.composing.compose import MessageContext


@dataclass(frozen=True)
class EventFacts:
    """What every message about one event shares."""

    event: Event
    texts: dict[str, tuple[str, str]]
    host_names: tuple[str, ...]
    guest_name: str
    calendar: EventCalendar  # the same facts, as every parent's calendar is built from them
    org_names: dict[int, str] = field(default_factory=dict)
    plain_languages: dict[int, frozenset[str]] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # accessibility, directions
    # The text and notes chosen per language, once per send rather than once per parent.
    chosen: dict[str, tuple[ChosenText | None, PracticalNotes]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def chosen_for(self, language: str) -> tuple[ChosenText | None, PracticalNotes]:
        """The title and description, and the practical notes, a reader of ``language`` gets."""
        if language not in self.chosen:
            self.chosen[language] = (
                choose_text(self.texts, language),
                choose_notes(self.notes, language, event_wide=self.event.accessibility_notes),
            )
        return self.chosen[language]

    @property
    def has_text(self) -> bool:
        """True when the event has a title in at least one language."""
        return any(title.strip() for title, _ in self.texts.values())


async def event_facts(event: Event) -> EventFacts:
    """Read the texts, hosts and guest of ``event`` once: the snapshot every SMS, email and
    calendar of one send is built from (three statements, whatever the audience)."""
    rows = await EventText.filter(event_id=event.id)
    texts = {text.language: (text.title, text.description) for text in rows}
    notes = {text.language: (text.accessibility_notes, text.directions) for text in rows}
    owner_id = int(event.organisation_id)  # type: ignore[attr-defined]
    cohost_ids = await accepted_cohost_ids(event_id=event.id)
    guest_id = accepted_guest_id(event)  # parents hear only of a guest that agreed
    wanted = [owner_id, *cohost_ids, *([guest_id] if guest_id else [])]
    organisations = await Organisation.filter(id__in=wanted)
    by_id = {org.id: org for org in organisations}
    hosts = [by_id[i] for i in dict.fromkeys([owner_id, *cohost_ids]) if i in by_id]
    host_names = tuple(org.name for org in hosts)
    guest_name = by_id[guest_id].name if guest_id in by_id else ""
    return EventFacts(
        event=event,
        texts=texts,
        host_names=host_names,
        guest_name=guest_name,
        calendar=EventCalendar(
            event=event,
            organiser=by_id[owner_id],
            texts=texts,
            facts=session_facts(event, [*host_names, guest_name]),
            notes=notes,
        ),
        notes=notes,
        org_names={org.id: org.name for org in organisations},
        plain_languages={org.id: frozenset(org.plain_sms_languages or ()) for org in organisations},
    )


async def remember_sender(facts: EventFacts, org_id: int) -> None:
    """Make sure ``facts`` knows the name of an organisation that sends (a co-host's own)."""
    if org_id not in facts.org_names:
        org = await Organisation.get(id=org_id)
        facts.org_names[org.id] = org.name
        facts.plain_languages[org.id] = frozenset(org.plain_sms_languages or ())


async def contacts_with_other_open(contact_ids: Iterable[int], *, event_id: int) -> set[int]:
    """Contacts with an open invitation to another upcoming session (they need a reply code)."""
    ends_at = Event._meta.fields_map["ends_at"]  # the moment bound as the ORM binds it
    rows = await fetch_in(
        "SELECT i.contact_id FROM invitation i JOIN event e ON e.id = i.event_id"
        " WHERE i.contact_id {in_values} AND e.status = :published AND e.ends_at > :now"
        " AND i.event_id <> :event_id",
        list(contact_ids),
        {
            "published": EventStatus.PUBLISHED.value,
            "now": ends_at.to_db_value(now(), Event),
            "event_id": event_id,
        },
    )
    return {int(row["contact_id"]) for row in rows}


def message_context(
    facts: EventFacts,
    *,
    kind: MessageKind,
    invitation: InvitationRow,
    contact: ContactRow | None,
    several_open: bool = False,
    time_changed: bool = False,
    place_changed: bool = False,
    attended: bool = True,
) -> MessageContext | None:
    """The context of one message to one parent; None when the event has no text at all."""
    event = facts.event
    chosen, notes = facts.chosen_for(invitation.language)
    if chosen is None:
        return None
    org_id = invitation.organisation_id
    return MessageContext(
        language=invitation.language,
        kind=kind,
        title=chosen.title,
        description=chosen.description,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        topic=Topic(event.topic),
        venue=event.venue,
        address=event.address,
        accessibility_notes=notes.accessibility,
        directions=notes.directions,
        childcare=event.childcare,
        session_languages=tuple(event.session_languages or ()),
        interpreter_languages=tuple(event.interpreter_languages or ()),
        host_names=facts.host_names,
        guest_name=facts.guest_name,
        sender_name=facts.org_names.get(org_id, ""),
        recipient_name=contact.name if contact else "",
        reply_code=event.reply_code,
        several_open=several_open,
        page_url=parent_page_url(invitation.token),
        plain=invitation.language in facts.plain_languages.get(org_id, frozenset()),
        answer=Answer(invitation.answer),
        party_size=invitation.party_size,
        waitlisted=invitation.waitlisted,
        time_changed=time_changed,
        place_changed=place_changed,
        attended=attended,
    )
