"""Who sent an SMS: every contact with that number (in any organisation), their open
invitations (one per event) with their answers, and those events' titles in every language.

One query, on indexed columns (``contact.mobile``, ``invitation.contact_id``): the
webhook's answer waits on it, and a reply that names one of several events, or a
confirmation that names its event, needs nothing more. Plain rows, not model instances:
this runs for every inbound SMS, at Twilio's speed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus
from parentinfo.lib.sql import fetch, moment
from parentinfo.rsvp.answers import ANSWER_COLUMNS, SeenAnswer, seen_answer_in


@dataclass(frozen=True)
class KnownContact:
    """A contact with the sender's number, as far as a reply needs it."""

    id: int
    organisation_id: int
    language: str
    sms_opt_out: bool


@dataclass
class OpenEvent:
    """A published event that has not ended, with its titles (language → title, description)."""

    id: int
    reply_code: str
    starts_at: datetime
    timezone: str
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenInvitation:
    """An invitation the sender can still answer."""

    id: int
    contact_id: int
    token: str
    event: OpenEvent
    seen: SeenAnswer  # lets an answer that moves no places skip the event's lock


@dataclass
class Sender:
    """The parent behind a number, as far as we know them."""

    number: str | None
    contacts: list[KnownContact] = field(default_factory=list)
    invitations: list[OpenInvitation] = field(default_factory=list)  # by start, one per event

    @property
    def known(self) -> bool:
        """True when at least one organisation has this number as a contact."""
        return bool(self.contacts)

    @property
    def opted_out(self) -> bool:
        """Opted out of SMS anywhere: then we send nothing but what STOP/START/HELP need."""
        return any(contact.sms_opt_out for contact in self.contacts)

    def contact_of(self, invitation: OpenInvitation | None) -> KnownContact:
        """The contact an invitation belongs to (else the one with the first open invitation)."""
        if invitation is None and self.invitations:
            invitation = self.invitations[0]
        wanted = invitation.contact_id if invitation else None
        return next((c for c in self.contacts if c.id == wanted), self.contacts[0])

    def by_code(self, code: str | None) -> OpenInvitation | None:
        """The open invitation an answer is for: by its code, or the only one."""
        if code is not None:
            return next((i for i in self.invitations if i.event.reply_code == code), None)
        return self.invitations[0] if len(self.invitations) == 1 else None


# The parenthesised join keeps contacts without an open invitation (STOP, HELP, unknown).
_SENDER_SQL = f"""
SELECT c.id AS contact_id, c.organisation_id, c.language, c.sms_opt_out,
       i.id AS invitation_id, i.token, {ANSWER_COLUMNS},
       e.id AS event_id, e.reply_code, e.starts_at, e.timezone, e.capacity,
       t.language AS text_language, t.title, t.description
FROM contact c
LEFT JOIN (invitation i
           JOIN event e ON e.id = i.event_id AND e.status = :published AND e.ends_at > :now)
       ON i.contact_id = c.id
LEFT JOIN event_text t ON t.event_id = e.id
WHERE c.mobile = :mobile
ORDER BY c.id, e.starts_at, i.id
"""  # noqa: S608 - constants only


async def look_up(number: str | None) -> Sender:
    """The contacts and open invitations of ``number`` (E.164), across organisations."""
    if not number:
        return Sender(number)
    rows = await fetch(
        _SENDER_SQL, {"mobile": number, "published": EventStatus.PUBLISHED.value, "now": now()}
    )
    return _sender_from_rows(number, rows)


def _sender_from_rows(number: str, rows: list[dict[str, Any]]) -> Sender:
    """One row per contact × open invitation × title: fold them back together."""
    contacts: dict[int, KnownContact] = {}
    invitations: dict[int, OpenInvitation] = {}
    for row in rows:
        contact = contacts.setdefault(int(row["contact_id"]), _contact_in(row))
        if row["invitation_id"] is None:
            continue
        invitation = invitations.setdefault(int(row["invitation_id"]), _invitation_in(row, contact))
        if row["text_language"] is not None:
            title = (str(row["title"]), str(row["description"]))
            invitation.event.texts[str(row["text_language"])] = title
    ordered = sorted(invitations.values(), key=lambda i: (i.event.starts_at, i.id))
    return Sender(number, list(contacts.values()), _one_per_event(ordered))


def _contact_in(row: dict[str, Any]) -> KnownContact:
    return KnownContact(
        int(row["contact_id"]),
        int(row["organisation_id"]),
        str(row["language"]),
        bool(row["sms_opt_out"]),
    )


def _invitation_in(row: dict[str, Any], contact: KnownContact) -> OpenInvitation:
    event = OpenEvent(
        int(row["event_id"]), str(row["reply_code"]), moment(row["starts_at"]), str(row["timezone"])
    )
    return OpenInvitation(
        int(row["invitation_id"]), contact.id, str(row["token"]), event, seen_answer_in(row)
    )


def _one_per_event(invitations: list[OpenInvitation]) -> list[OpenInvitation]:
    """A number known to two co-hosts may hold two invitations to one event: answer one.

    The one already answered wins (it holds the places); else the older invitation.
    """
    chosen: dict[int, OpenInvitation] = {}
    for invitation in invitations:
        held = chosen.get(invitation.event.id)
        answered = invitation.seen.answered_at is not None
        if held is None or (held.seen.answered_at is None and answered):
            chosen[invitation.event.id] = invitation
    return list(chosen.values())
