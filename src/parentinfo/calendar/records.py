"""Loading one invitation with everything its calendar entry and page show.

A token that is unknown, or whose parent was erased, is one and the same "not found":
the lookup is the same single query either way, so neither the answer nor its timing
says whether a token ever existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from email.utils import parseaddr

from parentinfo.calendar.builder import CANCELLED, CONFIRMED, PARTSTAT, CalendarEvent
from parentinfo.calendar.facts import SessionFacts
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.events.guests import accepted_guest_id
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.events.texts import ChosenText, PracticalNotes, choose_notes, choose_text
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import EventStatus, HostStatus
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime

NOT_FOUND = "This link is not valid."


@dataclass(frozen=True)
class EventCalendar:
    """What every calendar entry of one event shares, read once (per send, or per page)."""

    event: Event
    organiser: Organisation
    texts: dict[str, tuple[str, str]]
    facts: SessionFacts
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # accessibility, directions

    def practical_notes(self, language: str) -> PracticalNotes:
        """The accessibility note and directions for a reader of ``language``, by the chain."""
        return choose_notes(self.notes, language, event_wide=self.event.accessibility_notes or "")

    def facts_for(self, language: str) -> SessionFacts:
        """The facts with the notes a reader of ``language`` gets."""
        notes = self.practical_notes(language)
        return replace(
            self.facts, accessibility_notes=notes.accessibility, directions=notes.directions
        )

    def text(self, language: str) -> ChosenText:
        """The title and description through the fallback chain, or a plain stand-in title."""
        chosen = choose_text(self.texts, language)
        return chosen or ChosenText(
            language=language, title=_("Information session"), description=""
        )

    @property
    def cancelled(self) -> bool:
        """The event was called off."""
        return self.event.status == EventStatus.CANCELLED


def session_facts(event: Event, hosts: list[str]) -> SessionFacts:
    """The session's facts the calendar description shows; ``hosts`` in the one host order
    (the drafting organisation, co-hosts in the order they were added, a guest), once each."""
    return SessionFacts(
        session_languages=tuple(event.session_languages or ()),
        interpreter_languages=tuple(event.interpreter_languages or ()),
        childcare=bool(event.childcare),
        accessibility_notes=event.accessibility_notes or "",
        hosts=tuple(dict.fromkeys(name for name in hosts if name)),
    )


@dataclass(frozen=True)
class InvitationRecord:
    """An invitation, its event, the texts per language, the hosts, and the parent."""

    invitation: Invitation
    event: Event
    contact: Contact
    texts: dict[str, tuple[str, str]]
    facts: SessionFacts
    notes: dict[str, tuple[str, str]]  # language -> (accessibility, directions)

    def practical_notes(self, language: str) -> PracticalNotes:
        """The accessibility note and directions for a reader of ``language``, by the chain."""
        return self.calendar.practical_notes(language)

    def facts_for(self, language: str) -> SessionFacts:
        """The facts with the notes a reader of ``language`` gets."""
        return self.calendar.facts_for(language)

    def text(self, language: str) -> ChosenText:
        """The title and description through the fallback chain, or a plain stand-in title."""
        return self.calendar.text(language)

    @property
    def cancelled(self) -> bool:
        """The event was called off."""
        return self.calendar.cancelled

    @property
    def calendar(self) -> EventCalendar:
        """The event's calendar facts, as a send reads them once for everyone."""
        return EventCalendar(
            event=self.event,
            organiser=self.event.organisation,
            texts=self.texts,
            facts=self.facts,
            notes=self.notes,
        )


async def by_token(token: str) -> InvitationRecord:
    """The invitation behind a parent's link; NotFound for unknown links and erased parents."""
    invitation = await Invitation.get_or_none(token=token).select_related(
        "event", "event__organisation", "contact"
    )
    return await _complete(invitation)


async def by_id(invitation_id: int) -> InvitationRecord:
    """The invitation with this id; NotFound when it is gone or its parent was erased."""
    invitation = await Invitation.get_or_none(id=invitation_id).select_related(
        "event", "event__organisation", "contact"
    )
    return await _complete(invitation)


async def _complete(invitation: Invitation | None) -> InvitationRecord:
    if invitation is None or invitation.contact is None:
        raise NotFound(NOT_FOUND)
    event = invitation.event
    rows = await EventText.filter(event_id=event.id).values_list(
        "language", "title", "description", "accessibility_notes", "directions"
    )
    texts = {str(row[0]): (str(row[1]), str(row[2])) for row in rows}
    notes = {str(row[0]): (str(row[3] or ""), str(row[4] or "")) for row in rows}
    return InvitationRecord(
        invitation=invitation,
        event=event,
        contact=invitation.contact,
        texts=texts,
        notes=notes,
        facts=session_facts(event, await host_names(event)),
    )


async def host_names(event: Event) -> list[str]:
    """The drafting organisation, the co-hosts and the guest who accepted, in that order."""
    hosts = (
        await EventHost.filter(event_id=event.id, status=HostStatus.ACCEPTED)
        .order_by("role", "id")
        .values_list("organisation__name", flat=True)
    )
    found = [event.organisation.name, *(str(name) for name in hosts)]
    guest_id = accepted_guest_id(event)  # a guest that has not agreed is named nowhere
    if guest_id:
        guest = await Organisation.get_or_none(id=guest_id).values_list("name", flat=True)
        if guest:
            found.append(str(guest))
    return list(dict.fromkeys(found))  # once each, in order


def organizer_email(organisation: Organisation) -> str:
    """The organisation's public address, else the address the service sends from."""
    if organisation.contact_email:
        return organisation.contact_email
    return parseaddr(runtime().settings.mail.mail_from)[1] or "noreply@parentinfo.local"


def location(event: Event) -> str:
    """``venue, address`` (whichever is known)."""
    return ", ".join(part for part in (event.venue.strip(), event.address.strip()) if part)


def calendar_event(
    calendar: EventCalendar, *, summary: str, description: str, url: str
) -> CalendarEvent:
    """The builder's view of this event."""
    event = calendar.event
    return CalendarEvent(
        uid=event.uid,
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        summary=summary,
        description=description,
        location=location(event),
        url=url,
        organizer_name=calendar.organiser.name,
        organizer_email=organizer_email(calendar.organiser),
        status=CANCELLED if calendar.cancelled else CONFIRMED,
        last_modified=event.updated_at,
    )


def partstat(invitation: Invitation) -> str:
    """The parent's answer as an iCalendar PARTSTAT."""
    return partstat_of(str(invitation.answer))


def partstat_of(answer: str) -> str:
    """An answer (``yes``, ``no``, ``maybe``, ``none``) as an iCalendar PARTSTAT."""
    return PARTSTAT.get(str(answer), "NEEDS-ACTION")
