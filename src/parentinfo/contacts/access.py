"""Who may see which contact: the active organisation's, and for a volunteer only their own.

Every contact query starts here, so isolation between organisations is decided in one place.
A contact someone may not see is answered as not found, never as forbidden.
"""

from __future__ import annotations

from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Role

MAX_ID = 2**31 - 1  # the largest id an INTEGER primary key holds on PostgreSQL


def contact_query_for(actor: Actor) -> QuerySet[Contact]:
    """The contacts ``actor`` may see: their organisation's; a volunteer's own additions only."""
    query = Contact.filter(organisation_id=actor.org_id)
    if actor.role == Role.VOLUNTEER:
        query = query.filter(created_by_id=actor.user_id)
    return query


async def visible_contact(*, actor: Actor, contact_id: int) -> Contact:
    """The contact with this id if ``actor`` may see it, else :class:`NotFound` (404)."""
    # An id no column can hold would make the database driver raise: it is simply not there.
    in_range = 1 <= contact_id <= MAX_ID
    contact = await contact_query_for(actor).get_or_none(id=contact_id) if in_range else None
    if contact is None:
        raise NotFound(_("No contact with id {id}.").format(id=contact_id))
    return contact
