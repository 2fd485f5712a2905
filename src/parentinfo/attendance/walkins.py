"""Someone came without an invitation: a contact with consent, an invitation and a check-in.

All three are written in one transaction. A parent the actor may see with the same mobile
is reused, and the consent given at the door is added to the history — never on a channel
the parent switched off. What the form says is what happens (:func:`walk_in_kind`):

- a number or an email address (with or without consent): a contact, as above;
- a name alone: a named walk-in, with no contact, nothing to reach them by and no messages;
  the name stays on the invitation (retention blanks it with the event's messages);
- nothing at all: only counted, with no name and no language.

A walk-in counts as a walk-in, never as invited.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import (
    clean_client_id,
    clean_party_size,
    door_event,
    moment,
    require_open,
)
from parentinfo.attendance.checkins import result_for, write_check_in
from parentinfo.attendance.models import CheckIn
from parentinfo.attendance.results import WalkInResult
from parentinfo.contacts.access import contact_query_for
from parentinfo.contacts.models import Contact
from parentinfo.contacts.optout import ON_THE_MOBILE, record_consent
from parentinfo.contacts.store import insert_contact
from parentinfo.contacts.validation import ContactDraft, build_draft, clean_language, clean_name
from parentinfo.errors import Conflict
from parentinfo.events.models import Event
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Answer, ConsentMethod
from parentinfo.lib.tokens import new_token
from parentinfo.privacy import audit
from parentinfo.rsvp.answers import add_places
from parentinfo.rsvp.models import Invitation


async def add_walk_in(
    *,
    actor: Actor,
    event_id: int,
    name: str,
    language: str,
    mobile: str | None,
    email: str | None,
    party_size: int,
    consent_channels: list[str],
    client_id: str | None,
    at: datetime | None = None,
) -> WalkInResult:
    """Register and check in someone at the door; a replayed ``client_id`` returns the first."""
    event = await door_event(actor=actor, event_id=event_id)
    require_open(event.status)
    size = clean_party_size(party_size)
    cid = clean_client_id(client_id)
    kind = walk_in_kind(name, mobile, email, consent_channels)
    anonymous = kind == WalkInKind.HEADCOUNT
    draft = None
    door_name = ""
    if kind == WalkInKind.CONTACT:
        draft = _draft(name, language, mobile, email, consent_channels)
        language_code = draft.language
    elif kind == WalkInKind.NAMED:
        door_name = clean_name(name)
        language_code = clean_language(language) if language.strip() else ""
    else:
        language_code = ""  # nobody asked: a headcount has no language
    if cid is not None and (earlier := await CheckIn.get_or_none(client_id=cid)) is not None:
        return await _replayed(earlier, event.id)
    async with in_transaction():
        contact, reused = await _contact_for(actor, draft) if draft else (None, False)
        invitation = await _invitation_for(
            event, contact, language_code, size, actor, door_name=door_name
        )
        done = await write_check_in(
            org_id=actor.org_id,
            event_id=event.id,
            invitation_id=invitation.id,
            party_size=size,
            at=moment(at),
            client_id=cid,
            user_id=actor.user_id,
        )
        await audit.record(
            actor=actor,
            action="attendance.walk_in",
            subject_type="invitation",
            subject_id=invitation.id,
            details={
                "event_id": event.id,
                "reused_contact": reused,
                "anonymous": anonymous,
                "kind": kind.value,
            },
        )
    return WalkInResult(invitation.id, contact.id if contact else None, reused, done)


class WalkInKind(StrEnum):
    """What a walk-in becomes, by what was filled in."""

    CONTACT = "contact"  # a number or an address: someone we may write to (with consent)
    NAMED = "named"  # a name alone: on the list by name, never written to
    HEADCOUNT = "headcount"  # nothing: only counted


def walk_in_kind(
    name: str, mobile: str | None, email: str | None, consent_channels: list[str]
) -> WalkInKind:
    """The form's rule: details to reach someone make a contact; a name alone is a named
    walk-in; nothing is a headcount. Consent without a number or address is a contact
    draft too, so its refusal says what is missing."""
    if (mobile or "").strip() or (email or "").strip() or consent_channels:
        return WalkInKind.CONTACT
    return WalkInKind.NAMED if name.strip() else WalkInKind.HEADCOUNT


def _draft(
    name: str, language: str, mobile: str | None, email: str | None, channels: list[str]
) -> ContactDraft:
    return build_draft(
        name=name,
        mobile=mobile,
        email=email,
        language=language,
        age_groups=[],
        consent_channels=channels,
        consent_method=ConsentMethod.AT_THE_DOOR.value,
    )


async def _replayed(row: CheckIn, event_id: int) -> WalkInResult:
    """The walk-in an earlier copy of this operation made."""
    if row.event_id != event_id:  # type: ignore[attr-defined]
        raise Conflict(_("This client_id was already used for another check-in."))
    invitation = await Invitation.get(id=row.invitation_id)  # type: ignore[attr-defined]
    contact_id = invitation.contact_id  # type: ignore[attr-defined]
    return WalkInResult(invitation.id, contact_id, False, result_for(row, "unchanged"))


async def _contact_for(actor: Actor, draft: ContactDraft) -> tuple[Contact, bool]:
    """The contact with this mobile that ``actor`` may see (merged into), or a new one.

    The door tells a volunteer nothing about contacts they may not see (the contacts rule,
    ``contacts.access``): a number held by one of those is not merged into it — that would
    show its name on the door list — and is not stored twice (one number, one contact per
    organisation), so the walk-in becomes a new contact without it. The answer has the
    same shape either way: no name, no "known", no opt-out.
    """
    if draft.mobile is not None:
        known = await contact_query_for(actor).get_or_none(mobile=draft.mobile)
        if known is not None:
            await _add_door_consent(known, draft, actor)
            return known, True
        if await Contact.exists(organisation_id=actor.org_id, mobile=draft.mobile):
            draft = replace(draft, mobile=None)
    contact = await insert_contact(draft, organisation_id=actor.org_id, created_by_id=actor.user_id)
    return contact, False


async def _add_door_consent(contact: Contact, draft: ContactDraft, actor: Actor) -> None:
    """Add the consent given at the door, on channels the parent has not switched off.

    The door never clears an opt-out: a parent who replied STOP is switched back on only
    by their own START, or by staff recording new consent on the contact itself.
    """
    opted_out = {"sms": contact.sms_opt_out, "email": contact.email_opt_out}
    # WhatsApp and calls ride on the mobile's SMS consent: off with it.
    opted_out.update(dict.fromkeys(ON_THE_MOBILE, contact.sms_opt_out or not contact.mobile))
    channels = [c for c in draft.consent_channels if not opted_out.get(c, False)]
    if not channels:
        return
    await record_consent(
        contact=contact,
        channels=channels,
        granted=True,
        method=ConsentMethod.AT_THE_DOOR,
        note=draft.consent_note,
        recorded_by_id=actor.user_id,
    )


async def _invitation_for(
    event: Event,
    contact: Contact | None,
    language: str,
    party_size: int,
    actor: Actor,
    *,
    door_name: str = "",
) -> Invitation:
    """The contact's invitation to this event if they had one, else a new walk-in's."""
    if contact is not None:
        existing = await Invitation.get_or_none(event_id=event.id, contact_id=contact.id)
        if existing is not None:
            return existing
    invitation = await Invitation.create(
        event_id=event.id,
        contact=contact,
        organisation_id=actor.org_id,
        language=contact.language if contact else language,
        answer=Answer.YES,
        party_size=party_size,
        answered_at=moment(None),
        answer_source="door",
        token=new_token(),
        walk_in=True,
        walk_in_name=door_name,
    )
    await add_places(event_id=event.id, places=party_size)  # at the door: never waits
    return invitation
