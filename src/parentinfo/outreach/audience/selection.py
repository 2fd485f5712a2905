"""Who gets a message, and on which channel: an organisation's own contacts, filtered.

The channel rule is a pure core: SMS when the mobile works and the parent has not opted
out of it, else email, else a volunteer's phone call; a parent who opted out of every
channel they have is never contacted at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel
from parentinfo.outreach.audience.rows import ContactRow, contact_rows
from parentinfo.outreach.sending.outbox import ids_in


class Route(StrEnum):
    """How a parent will be reached: by SMS, by email, by a volunteer's call, or not at all."""

    SMS = "sms"
    EMAIL = "email"
    CALL = "call"
    NONE = "none"


@dataclass(frozen=True)
class AudienceFilter:
    """Which of the organisation's contacts to invite (an empty list means: any)."""

    languages: Sequence[str] = field(default_factory=tuple)
    age_groups: Sequence[str] = field(default_factory=tuple)
    attended_before: bool | None = None
    # Chosen one by one in the contacts list: only these (still filtered by the rest).
    contact_ids: Sequence[int] = field(default_factory=tuple)


def sms_usable(contact: ContactRow) -> bool:
    """A mobile that works and that the parent has not opted out of."""
    usable = bool(contact.mobile) and not contact.sms_opt_out and not contact.mobile_invalid
    return usable and not contact.on_hold


def email_usable(contact: ContactRow) -> bool:
    """An email address the parent has not opted out of."""
    return bool(contact.email) and not contact.email_opt_out and not contact.on_hold


def route_for(contact: ContactRow, *, avoid: Channel | None = None) -> Route:
    """The channel to use; ``avoid`` skips one (the SMS that just failed, for the fallback)."""
    if avoid != Channel.SMS and sms_usable(contact):
        return Route.SMS
    if avoid != Channel.EMAIL and email_usable(contact):
        return Route.EMAIL
    if contact.sms_opt_out or contact.email_opt_out or contact.on_hold:
        return Route.NONE  # opted out: a phone call would ignore their wish just the same
    return Route.CALL


def matches(contact: ContactRow, audience: AudienceFilter, attended: set[int]) -> bool:
    """True when ``contact`` is in ``audience`` (``attended``: ids of contacts who came)."""
    if audience.contact_ids and contact.id not in audience.contact_ids:
        return False
    if audience.languages and contact.language not in audience.languages:
        return False
    if audience.age_groups and not set(contact.age_groups) & set(audience.age_groups):
        return False
    if audience.attended_before is not None:
        return (contact.id in attended) == audience.attended_before
    return True


def reachable(contacts: Iterable[ContactRow]) -> list[ContactRow]:
    """The contacts that may be contacted at all (opted out of everything: left out)."""
    return [contact for contact in contacts if route_for(contact) != Route.NONE]


async def attended_contact_ids(*, org_id: int) -> set[int]:
    """Ids of the organisation's contacts who were checked in at any session."""
    query = CheckIn.filter(undone_at=None, invitation__contact__organisation_id=org_id)
    return set(await ids_in(query, "invitation__contact_id"))


async def select_audience(*, org_id: int, audience: AudienceFilter) -> list[ContactRow]:
    """The organisation's contacts in ``audience`` that may be contacted, by name."""
    query = Contact.filter(organisation_id=org_id)
    if audience.languages:
        query = query.filter(language__in=list(audience.languages))
    attended = (
        await attended_contact_ids(org_id=org_id) if audience.attended_before is not None else set()
    )
    contacts = await contact_rows(query.order_by("name", "id"))
    return reachable(c for c in contacts if matches(c, audience, attended))
