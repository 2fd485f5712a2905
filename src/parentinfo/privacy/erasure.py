"""Erasing a parent: the contact goes, their messages are blanked, the counts stay.

Invitations keep their language, answer and party size with no contact (the anonymous count
for reports); check-ins point at the invitation, not the person, and stay too, each with
whether it was the parent's first visit (the report can no longer work that out once the
link is cut). Invitation tokens are replaced, so an old SMS link no longer opens a page
about the parent.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.firsts import keep_first_visits
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.i18n import gettext as _
from parentinfo.lib.tokens import new_token
from parentinfo.privacy import audit
from parentinfo.privacy.holdings import INBOUND_BLANK, OUTBOUND_BLANK, inbound_of, outbound_of
from parentinfo.rsvp.models import Invitation


@dataclass(frozen=True)
class Erased:
    """How many rows an erasure touched (numbers only, for reports)."""

    outbound: int
    inbound: int
    invitations: int


async def erase_contact(*, actor: Actor, contact_id: int) -> Erased:
    """Erase one contact of the actor's organisation (coordinator or admin)."""
    actor.require_coordinator()
    contact = await Contact.get_or_none(id=contact_id, organisation_id=actor.org_id)
    if contact is None:
        raise NotFound(_("No contact with id {id}.").format(id=contact_id))
    return await erase_and_record(contact, actor=actor, action="contact.erase")


async def erase_and_record(
    contact: Contact,
    *,
    actor: Actor | None,
    action: str,
    details: dict[str, str] | None = None,
) -> Erased:
    """Purge the contact and write ``action`` to the audit log, in one transaction."""
    contact_id = contact.id
    async with in_transaction():
        erased = await purge_contact(contact)
        await audit.record(
            actor=actor,
            action=action,
            subject_type="contact",
            subject_id=contact_id,
            organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
            details=details,
        )
    return erased


async def purge_contact(contact: Contact) -> Erased:
    """Blank the contact's messages, cut their invitations loose, delete them (no audit)."""
    outbound = await outbound_of(contact).update(**OUTBOUND_BLANK)
    inbound = await inbound_of(contact).update(**INBOUND_BLANK)
    invitations = await Invitation.filter(contact_id=contact.id)
    await keep_first_visits(contact.id, [invitation.id for invitation in invitations])
    for invitation in invitations:
        invitation.token = new_token()
        await invitation.save(update_fields=["token", "updated_at"])
    await contact.delete()  # consents cascade, invitations and messages keep a NULL contact
    return Erased(outbound=outbound, inbound=inbound, invitations=len(invitations))
