"""The door: the list of who is expected, check-ins, walk-ins, the headcount, offline sync.

Every host organisation that accepted sees every invitation of the event (name, language,
answer, party size, check-in); the number and email only of its own contacts. The list of
one event is read in one query; a search finds names by their folded column, so ``elena``
finds Елена and ``kozlowska`` finds Kozłowska, as in the contacts list.
"""

from __future__ import annotations

from collections import Counter

from tortoise.expressions import Q

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import door_event
from parentinfo.attendance.checkins import check_in, undo_check_in
from parentinfo.attendance.models import CheckIn
from parentinfo.attendance.results import (
    AttendeeRow,
    CheckInResult,
    Headcount,
    Op,
    OpResult,
    WalkInResult,
)
from parentinfo.attendance.search import fold, matches, query_words
from parentinfo.attendance.sync import sync_offline
from parentinfo.attendance.walkins import add_walk_in
from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import Role
from parentinfo.rsvp.models import Invitation

__all__ = [
    "AttendeeRow",
    "CheckInResult",
    "Headcount",
    "Op",
    "OpResult",
    "WalkInResult",
    "add_walk_in",
    "attendance_list",
    "check_in",
    "headcount",
    "sync_offline",
    "undo_check_in",
]


async def attendance_list(
    *, actor: Actor, event_id: int, q: str | None = None
) -> list[AttendeeRow]:
    """Everyone invited to the event, by name; ``q`` finds names whatever the accents or case."""
    event = await door_event(actor=actor, event_id=event_id)
    return await list_at_door(actor=actor, event=event, q=q)


async def list_at_door(*, actor: Actor, event: Event, q: str | None = None) -> list[AttendeeRow]:
    """:func:`attendance_list` of an event the actor's door access was checked for."""
    query = Invitation.filter(event_id=event.id)
    for word in query_words(q):
        query = query.filter(Q(contact__search_fold__contains=word) | Q(contact_id__isnull=True))
    invitations = await query.select_related("contact")
    checkins = {c.invitation_id: c for c in await CheckIn.filter(event_id=event.id)}  # type: ignore[attr-defined]
    rows = [
        _row(actor, invitation, checkins.get(invitation.id))
        for invitation in invitations
        # A named walk-in has no contact row to search: their name is matched here.
        if invitation.contact is not None or matches(invitation.walk_in_name or "", q or "")
    ]
    return sorted(rows, key=lambda row: (fold(row.name), row.invitation_id))


async def headcount(*, actor: Actor, event_id: int) -> Headcount:
    """People checked in, per language of their invitation, and walk-in households."""
    return await count_at_door(event=await door_event(actor=actor, event_id=event_id))


async def count_at_door(*, event: Event) -> Headcount:
    """:func:`headcount` of an event the actor's door access was checked for."""
    rows = await CheckIn.filter(event_id=event.id, undone_at=None).values_list(
        "party_size", "invitation__language", "invitation__walk_in"
    )
    per_language: Counter[str] = Counter()
    for party_size, language, _walk_in in rows:
        if language:  # an anonymous walk-in has no language: counted in the total only
            per_language[str(language)] += int(party_size)
    return Headcount(
        total_people=sum(int(size) for size, _language, _walk_in in rows),
        checked_in_invitations=len(rows),
        per_language=dict(sorted(per_language.items())),
        walk_ins=sum(1 for _size, _language, walk_in in rows if walk_in),
    )


def _row(actor: Actor, invitation: Invitation, checkin: CheckIn | None) -> AttendeeRow:
    contact = invitation.contact
    mine = invitation.organisation_id == actor.org_id  # type: ignore[attr-defined]
    shown = contact is not None and mine and _may_see_address(actor, contact)
    active = checkin is not None and checkin.undone_at is None
    return AttendeeRow(
        invitation_id=invitation.id,
        name=contact.name if contact else invitation.walk_in_name,
        language=invitation.language,
        answer=str(invitation.answer.value),
        party_size=invitation.party_size,
        waitlisted=invitation.waitlisted,
        checked_in=active,
        checked_in_party_size=checkin.party_size if checkin and active else 0,
        checked_in_at=checkin.checked_in_at if checkin and active else None,
        walk_in=invitation.walk_in,
        mine=mine,
        mobile=contact.mobile if contact and shown else None,
        email=contact.email if contact and shown else None,
    )


def _may_see_address(actor: Actor, contact: Contact) -> bool:
    """A volunteer sees the number only of contacts they added, as everywhere in contacts."""
    return actor.role != Role.VOLUNTEER or contact.created_by_id == actor.user_id  # type: ignore[attr-defined]
