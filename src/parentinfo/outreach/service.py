"""Inviting an audience: preview every message per language, then queue them all.

Each organisation invites its own contacts, co-hosts included; an invitation belongs to
the organisation whose contact it is. Queueing writes the invitations and the outbox rows
in one transaction, and the send jobs only after it committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, FieldError, Invalid
from parentinfo.events.access import editable_event
from parentinfo.events.models import Event
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, MessageKind
from parentinfo.lib.sql import fetch_in
from parentinfo.lib.tokens import new_link_token
from parentinfo.messaging.bulk import insert_rows
from parentinfo.messaging.post import sending
from parentinfo.outreach.audience.recipients import Pair, mark_to_call, recipients_for
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow, invitation_rows
from parentinfo.outreach.audience.selection import AudienceFilter, select_audience
from parentinfo.outreach.composing.context import EventFacts, event_facts
from parentinfo.outreach.composing.enqueue import queue_messages
from parentinfo.outreach.departure import check_send_at
from parentinfo.outreach.whatsapp.readiness import ensure_ready
from parentinfo.privacy import audit
from parentinfo.rsvp.models import Invitation


@dataclass(frozen=True)
class SendSummary:
    """What a send did: new messages, parents already invited, parents to phone."""

    queued: int
    skipped_existing: int
    to_call: int


async def sendable_event(*, actor: Actor, event_id: int) -> Event:
    """The event, if the actor may invite parents to it now; 409 when its state forbids."""
    event = await editable_event(actor=actor, event_id=event_id)
    if event.status == EventStatus.CANCELLED:
        raise Conflict(_("This event is cancelled: nobody can be invited to it."))
    if event.status == EventStatus.DONE or event.starts_at <= now():
        raise Conflict(_("This event has already started or is over: invitations come too late."))
    if event.status != EventStatus.PUBLISHED:
        raise Conflict(_("Publish the event before inviting parents."))
    return event


def require_text(
    facts: EventFacts, contacts: Sequence[ContactRow], audience: AudienceFilter
) -> None:
    """422 naming the audience's languages when the event has no text in any language."""
    if facts.has_text:
        return
    languages = sorted({c.language for c in contacts} or set(audience.languages) or {"en", "nl"})
    message = _(
        "The event has no title in any language yet. Write one for {languages}, or at least "
        "in English or Dutch: every language falls back to those."
    ).format(languages=", ".join(languages))
    missing = _("missing: write a title in this language")
    raise Invalid(message, errors=[FieldError(f"texts.{code}", missing) for code in languages])


CALLED_OFF = "called_off"  # withheld: staff called off a scheduled send before it left


async def send_invitations(
    *, actor: Actor, event_id: int, audience: AudienceFilter, send_at: datetime | None = None
) -> SendSummary:
    """Invite the actor's organisation's contacts in ``audience`` (twice sends nothing new).

    ``send_at`` schedules the messages: they are written now and leave then (SMS not
    before the quiet hours end); until then they can be called off.
    """
    event = await sendable_event(actor=actor, event_id=event_id)
    if send_at is not None:
        check_send_at(send_at, at=now(), starts_at=event.starts_at)
    facts = await event_facts(event)
    contacts = await select_audience(org_id=actor.org_id, audience=audience)
    require_text(facts, contacts, audience)
    await ensure_ready(MessageKind.INVITATION)  # a wrong WhatsApp template stops it here
    async with sending():
        pairs = await ensure_invitations(event, contacts)
        done = await already_invited([invitation.id for invitation, _ in pairs])
        fresh = [pair for pair in pairs if pair[0].id not in done]
        routed = await recipients_for(fresh, event_id=event.id, kind=MessageKind.INVITATION)
        queued = await queue_messages(
            facts,
            kind=MessageKind.INVITATION,
            recipients=routed.recipients,
            created_by_id=actor.user_id,
            not_before=send_at,
        )
        await mark_to_call(routed.to_call)
    await audit.record(
        actor=actor,
        action="outreach.send",
        subject_type="event",
        subject_id=event.id,
        details={
            "messages": queued.count,
            "to_call": len(routed.to_call),
            "send_at": send_at.isoformat() if send_at else None,
        },
    )
    return SendSummary(
        queued=queued.count,
        skipped_existing=len(done) + queued.existing,
        to_call=len(routed.to_call),
    )


# A new token that happens to equal a stored one is skipped by the insert (the unique index on
# ``invitation.token``) and written again with a fresh one. At 59.5 bits a single collision
# is already unheard of; three in a row for one parent mean something else is wrong.
TOKEN_ATTEMPTS = 3


async def ensure_invitations(event: Event, contacts: Sequence[ContactRow]) -> list[Pair]:
    """One invitation per contact (existing ones kept), each paired with its contact."""
    by_contact = {contact.id: contact for contact in contacts}
    ids = list(by_contact)
    existing = await invitations_of(event.id, ids)
    for _attempt in range(TOKEN_ATTEMPTS):
        missing = [contact for contact in contacts if contact.id not in existing]
        if not missing:
            break
        await insert_rows(Invitation, [_new_invitation(event, contact) for contact in missing])
        existing = await invitations_of(event.id, ids)
    else:
        if any(contact.id not in existing for contact in contacts):
            raise Conflict(_("Some invitations could not be written. Please send again."))
    return [(invitation, by_contact[contact_id]) for contact_id, invitation in existing.items()]


def _new_invitation(event: Event, contact: ContactRow) -> dict[str, object]:
    """The row of a new invitation, with a short token for the parent's link."""
    return {
        "event_id": event.id,
        "contact_id": contact.id,
        "organisation_id": contact.organisation_id,
        "language": contact.language,
        "token": new_link_token(),
    }


async def invitations_of(event_id: int, contact_ids: list[int]) -> dict[int, InvitationRow]:
    """The event's invitations of these contacts, by contact id."""
    wanted = set(contact_ids)
    # One query for the whole event beats many IN (…) lists: PostgreSQL plans those badly
    # right after a bulk insert, when its statistics still say the table is empty.
    rows = await invitation_rows(Invitation.filter(event_id=event_id, contact_id__isnull=False))
    return {row.contact_id: row for row in rows if row.contact_id in wanted}


async def already_invited(invitation_ids: list[int]) -> set[int]:
    """Invitations that already have an invitation message, or a volunteer's phone call.

    A message staff called off before it left does not count: that parent heard nothing.
    """
    sent = await fetch_in(
        "SELECT invitation_id FROM outbound_message WHERE invitation_id {in_values}"
        " AND kind = :kind AND withheld_reason <> :called_off",
        invitation_ids,
        {"kind": MessageKind.INVITATION.value, "called_off": CALLED_OFF},
    )
    calls = await fetch_in(
        "SELECT id FROM invitation WHERE id {in_values} AND (to_call OR called_at IS NOT NULL)",
        invitation_ids,
    )
    return {int(row["invitation_id"]) for row in sent} | {int(row["id"]) for row in calls}
