"""Answering a parent: preview what the answer says, then send it in their language.

Only coordinators and admins of the organisation that owns the contact answer, and only
for contacts they may see (:mod:`parentinfo.contacts.access`); anything else is a 404.
A ready answer is written in the parent's language from the event's facts and shown to
staff in their own; free text is sent as staff wrote it. Sending marks the parent's open
inbox items answered (resolved by this user).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from parentinfo.accounts.actor import Actor
from parentinfo.answers import ready
from parentinfo.answers.facts import facts_of
from parentinfo.answers.sending import AnswerDraft, post_answer
from parentinfo.answers.thread import ThreadEntry, last_channel, thread_of
from parentinfo.contacts.access import visible_contact
from parentinfo.contacts.models import Contact
from parentinfo.errors import FieldError, Invalid, NotFound, invalid_field
from parentinfo.events.access import event_query_for
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, EventStatus, InboxStatus
from parentinfo.messaging.segments import count_segments
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.eventlines import event_lines
from parentinfo.rsvp.models import InboundMessage, Invitation

MAX_TEXT = 480  # three SMS parts of GSM-7: an answer, not a letter


class UnfillableAnswer(Invalid):
    """A ready answer whose fact the event lacks (422); ``fact`` names what to fill in."""

    def __init__(self, fact: str, message: str) -> None:
        self.fact = fact
        super().__init__(f"ready: {message}", errors=[FieldError("ready", message)])


@dataclass(frozen=True)
class AnswerRequest:
    """What staff chose: a ready answer (by key) or their own text, about an event."""

    ready: str | None = None
    text: str | None = None
    event_id: int | None = None


@dataclass(frozen=True)
class Preview:
    """What the parent will receive, and (for a ready answer) what it says in staff's language."""

    contact: Contact
    channel: Channel
    language: str
    body: str
    staff_language: str
    staff_body: str | None  # None for free text: staff wrote it themselves
    encoding: str
    segments: int
    event: Event | None
    invitation_id: int | None
    address: str  # where it goes (never shown: staff see the channel, not the number)


async def contact_thread(*, actor: Actor, contact_id: int) -> tuple[Contact, list[ThreadEntry]]:
    """The contact (if ``actor`` may answer them) and their whole thread, oldest first."""
    contact = await answerable_contact(actor=actor, contact_id=contact_id)
    return contact, await thread_of(contact)


async def answerable_contact(*, actor: Actor, contact_id: int) -> Contact:
    """A contact of the actor's organisation that the actor may see and answer."""
    actor.require_coordinator()
    return await visible_contact(actor=actor, contact_id=contact_id)


async def item_contact(*, actor: Actor, item_id: int) -> tuple[InboundMessage, Contact]:
    """The inbox item and the parent who sent it (404 unless it is this organisation's)."""
    actor.require_coordinator()
    item = await InboundMessage.get_or_none(id=item_id, organisation_id=actor.org_id)
    if item is None:
        raise NotFound("No such inbox item.")
    if item.contact_id is None:  # type: ignore[attr-defined]
        raise Invalid("This message has no known parent to answer (the contact was erased).")
    contact = await visible_contact(actor=actor, contact_id=item.contact_id)  # type: ignore[attr-defined]
    return item, contact


async def preview_answer(
    *, actor: Actor, contact: Contact, request: AnswerRequest, item: InboundMessage | None = None
) -> Preview:
    """The answer as it will be sent, refused (422) when it cannot be filled or delivered."""
    event, invitation_id = await _about(actor, contact, request.event_id, item)
    channel, address = _channel(contact, await thread_of(contact))
    body, staff_body = _bodies(actor, contact, request, event)
    cost = count_segments(body)
    return Preview(
        contact=contact,
        channel=channel,
        language=contact.language,
        body=body,
        staff_language=actor.language,
        staff_body=staff_body,
        encoding=cost.encoding if channel == Channel.SMS else "",
        segments=cost.segments if channel == Channel.SMS else 0,
        event=event,
        invitation_id=invitation_id,
        address=address,
    )


async def send_answer(
    *, actor: Actor, contact: Contact, request: AnswerRequest, item: InboundMessage | None = None
) -> tuple[Preview, int]:
    """Write the answer into the outbox and mark the parent's open questions answered."""
    preview = await preview_answer(actor=actor, contact=contact, request=request, item=item)
    draft = AnswerDraft(
        organisation_id=actor.org_id,
        contact_id=contact.id,
        event_id=preview.event.id if preview.event else None,
        invitation_id=preview.invitation_id,
        channel=preview.channel,
        to_address=preview.address,
        language=contact.language,
        subject=await _subject(preview) if preview.channel == Channel.EMAIL else "",
        body=preview.body,
        created_by_id=actor.user_id,
    )

    async def mark_answered() -> None:
        open_items = InboundMessage.filter(
            contact_id=contact.id, organisation_id=actor.org_id
        ).exclude(status=InboxStatus.RESOLVED)
        if item is not None:  # the item answered from the inbox, whatever its status
            await InboundMessage.filter(id=item.id).update(
                status=InboxStatus.RESOLVED, resolved_by_id=actor.user_id, resolved_at=now()
            )
        await open_items.filter(status=InboxStatus.NEEDS_ATTENTION).update(
            status=InboxStatus.RESOLVED, resolved_by_id=actor.user_id, resolved_at=now()
        )

    message_id = await post_answer(draft, with_it=mark_answered)
    return preview, message_id


def _bodies(
    actor: Actor, contact: Contact, request: AnswerRequest, event: Event | None
) -> tuple[str, str | None]:
    """The parent's text and staff's reading of it."""
    if (request.ready is None) == (request.text is None):
        raise Invalid("Choose a ready answer (ready) or write your own text (text), not both.")
    if request.text is not None:
        text = request.text.strip()
        if not text:
            raise invalid_field("text", "is empty: write the answer, or choose a ready one")
        if any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in text):
            raise invalid_field("text", "contains control characters: write plain text")
        if len(text) > MAX_TEXT:
            raise invalid_field("text", f"is longer than {MAX_TEXT} characters")
        return text, None
    key = request.ready
    if key not in ready.BY_KEY:
        raise invalid_field("ready", f"must be one of {', '.join(ready.BY_KEY)}")
    if event is None and ready.BY_KEY[key].needs:
        raise invalid_field("event_id", "is needed: which event is this answer about?")
    facts = facts_of(event)
    try:
        parent = ready.render(
            key, facts, parent_language=contact.language, language=contact.language
        )
        staff = ready.render(key, facts, parent_language=contact.language, language=actor.language)
    except ready.MissingFact as missing:
        raise UnfillableAnswer(missing.fact, str(missing)) from missing
    return parent, staff


def _channel(contact: Contact, entries: list[ThreadEntry]) -> tuple[Channel, str]:
    """The channel the parent wrote on (SMS unless the thread is email), with its address."""
    usable = {
        Channel.SMS: contact.mobile if contact.mobile and not contact.sms_opt_out else "",
        Channel.EMAIL: contact.email if contact.email and not contact.email_opt_out else "",
    }
    first = last_channel(entries) or Channel.SMS
    for channel in (first, Channel.SMS, Channel.EMAIL):
        if usable[channel]:
            return channel, str(usable[channel])
    raise Invalid("This parent has no mobile number or email address we may write to.")


async def _about(
    actor: Actor, contact: Contact, event_id: int | None, item: InboundMessage | None
) -> tuple[Event | None, int | None]:
    """The event the answer is about, and the parent's invitation to it when there is one.

    The event asked for (one of the parent's, or any event this organisation hosts: a
    parent may ask about one they were not invited to), else the item's own, else the
    parent's one open invitation.
    """
    mine = Invitation.filter(contact_id=contact.id, organisation_id=actor.org_id)
    if event_id is not None:
        found = await mine.filter(event_id=event_id).select_related("event").first()
        if found is not None:
            return found.event, found.id
        hosted = await event_query_for(actor).filter(id=event_id).first()
        if hosted is None:
            raise invalid_field("event_id", "is not an event of your organisation")
        return hosted, None
    if item is not None and item.invitation_id is not None:  # type: ignore[attr-defined]
        own = await mine.filter(id=item.invitation_id).select_related("event").first()  # type: ignore[attr-defined]
        if own is not None:
            return own.event, own.id
    open_ones = (
        await mine.filter(event__status=EventStatus.PUBLISHED, event__ends_at__gt=now())
        .select_related("event")
        .limit(2)
    )
    return (open_ones[0].event, open_ones[0].id) if len(open_ones) == 1 else (None, None)


async def _subject(preview: Preview) -> str:
    """An email answer's subject: the event's title in the parent's language."""
    if preview.event is None:
        organisation = await Organisation.get(id=preview.contact.organisation_id)  # type: ignore[attr-defined]
        return organisation.name
    lines = await event_lines([preview.event], preview.language)
    return lines[preview.event.id].title
