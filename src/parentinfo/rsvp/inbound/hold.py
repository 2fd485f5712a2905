"""Contacts on hold: a reply that could be an opt-out *and* an answer ("nee, en stuur me niks
meer") is kept for a person, and nothing more is sent to that number until staff decide.

The hold, like STOP, is number-wide: every contact with the number is held (one parent, one
wish), and staff's decision applies to all of them the same way a STOP or START would: "opt
out" is the parent's STOP, "keep sending" lifts the hold and changes nothing else. Outreach
reads ``Contact.on_hold`` (no route, "on hold" as the reason a message was not sent).
"""

from __future__ import annotations

from typing import Literal

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.models import Contact
from parentinfo.contacts.optout import set_opt_out
from parentinfo.errors import NotFound, invalid_field
from parentinfo.lib.clock import now
from parentinfo.lib.enums import ConsentMethod, InboxStatus
from parentinfo.rsvp.inbound.control import kept_email_on_page
from parentinfo.rsvp.inbound.senders import Sender
from parentinfo.rsvp.models import InboundMessage

Decision = Literal["opt_out", "keep_sending"]
DECISIONS: tuple[Decision, ...] = ("opt_out", "keep_sending")


async def put_on_hold(sender: Sender) -> None:
    """Hold every contact with the sender's number: nothing is sent until staff decide."""
    await Contact.filter(id__in=[c.id for c in sender.contacts]).update(on_hold=True)


async def decide(*, actor: Actor, item_id: int, decision: str) -> InboundMessage:
    """Staff read the message: opt the number out, or keep sending; the item is resolved."""
    actor.require_coordinator()
    if decision not in DECISIONS:
        raise invalid_field("decision", "must be opt_out or keep_sending")
    item = await InboundMessage.get_or_none(id=item_id, organisation_id=actor.org_id)
    if item is None or item.contact_id is None:  # type: ignore[attr-defined]
        raise NotFound("No such inbox item.")
    contact = await Contact.get(id=item.contact_id)  # type: ignore[attr-defined]
    held = await _same_number(contact)
    async with in_transaction():
        for other in held:
            if decision == "opt_out":
                keep_email = await kept_email_on_page(other)
                await set_opt_out(
                    contact=other,
                    sms=True,
                    email=None if keep_email else True,
                    method=ConsentMethod.SMS,
                    note="reply read as an opt-out by staff",
                )
        await Contact.filter(id__in=[c.id for c in held]).update(on_hold=False)
        await InboundMessage.filter(id=item.id).update(
            status=InboxStatus.RESOLVED, resolved_by_id=actor.user_id, resolved_at=now()
        )
    return await InboundMessage.get(id=item.id).select_related("contact")


async def _same_number(contact: Contact) -> list[Contact]:
    if not contact.mobile:
        return [contact]
    return list(await Contact.filter(mobile=contact.mobile).order_by("id"))
