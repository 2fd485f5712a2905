"""Light, read-only views of contacts and invitations for queueing messages in bulk.

Building a Tortoise model object per row costs more than the query that reads it; a
mailing to ten thousand parents reads plain values into these instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation

CONTACT_FIELDS = (
    "id",
    "organisation_id",
    "name",
    "mobile",
    "email",
    "language",
    "age_groups",
    "sms_opt_out",
    "email_opt_out",
    "mobile_invalid",
    "on_hold",
    "whatsapp",
    "whatsapp_invalid",
    "call_me",
)
INVITATION_FIELDS = (
    "id",
    "event_id",
    "organisation_id",
    "contact_id",
    "language",
    "token",
    "answer",
    "party_size",
    "waitlisted",
)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """What routing and composing need to know about a parent."""

    id: int
    organisation_id: int
    name: str
    mobile: str | None
    email: str | None
    language: str
    age_groups: tuple[str, ...]
    sms_opt_out: bool
    email_opt_out: bool
    mobile_invalid: bool
    on_hold: bool = False  # kept for a person: no message until staff decide
    whatsapp: bool = False  # agreed to WhatsApp on the mobile
    whatsapp_invalid: bool = False  # the mobile has no WhatsApp account
    call_me: bool = False  # asked to be called rather than read

    @classmethod
    def of(cls, contact: Contact) -> ContactRow:
        """The row of a loaded contact."""
        return cls.from_values({name: getattr(contact, name) for name in CONTACT_FIELDS})

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> ContactRow:
        """The row from ``.values(*CONTACT_FIELDS)``."""
        return cls(**{**values, "age_groups": tuple(values.get("age_groups") or ())})


@dataclass(frozen=True, slots=True)
class InvitationRow:
    """What composing a message needs to know about an invitation."""

    id: int
    event_id: int
    organisation_id: int
    contact_id: int | None
    language: str
    token: str
    answer: Answer
    party_size: int
    waitlisted: bool

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationRow:
        """The row of a loaded invitation."""
        return cls.from_values({name: getattr(invitation, name) for name in INVITATION_FIELDS})

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> InvitationRow:
        """The row from ``.values(*INVITATION_FIELDS)``."""
        return cls(**{**values, "answer": Answer(values["answer"])})


async def contact_rows(query: QuerySet[Contact]) -> list[ContactRow]:
    """The contacts of ``query`` as rows."""
    return [ContactRow.from_values(v) for v in await query.values(*CONTACT_FIELDS)]


async def invitation_rows(query: QuerySet[Invitation]) -> list[InvitationRow]:
    """The invitations of ``query`` as rows."""
    return [InvitationRow.from_values(v) for v in await query.values(*INVITATION_FIELDS)]
