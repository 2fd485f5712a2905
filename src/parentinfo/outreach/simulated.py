"""What the phone simulator and the mail outbox show: what each parent received and sent.

Embedded mode only. A user sees what the outbox API shows them (``outreach.listings``): the
active organisation's messages to contacts they may see, and never a password-reset mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Subquery

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import MAX_ID, contact_query_for
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.lib.enums import Channel
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.lists.messages import message_query_for
from parentinfo.rsvp.models import InboundMessage
from parentinfo.runtime import runtime


@dataclass(frozen=True)
class Bubble:
    """One SMS in a conversation: ours (to the parent) or theirs."""

    at: datetime
    body: str
    from_parent: bool
    status: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Phone:
    """One parent's phone: the contact and every SMS to and from it, oldest first."""

    contact: Contact
    bubbles: list[Bubble]


def require_simulator() -> None:
    """The simulator exists only while SMS go to it."""
    if runtime().settings.sms_backend != "simulator":
        raise NotFound("The phone simulator is only there in the embedded mode.")


def require_outbox() -> None:
    """The outbox page exists only while mail stays in it."""
    if runtime().settings.mail.backend != "outbox":
        raise NotFound("The mail outbox is only there in the embedded mode.")


async def phones(*, actor: Actor) -> list[tuple[Contact, int, OutboundMessage]]:
    """The contacts that received SMS: each with how many and the latest one, newest first."""
    visible = Subquery(contact_query_for(actor).values("id"))
    rows = await (
        message_query_for(actor).filter(channel=Channel.SMS, contact_id__in=visible).order_by("-id")
    )
    latest: dict[int, OutboundMessage] = {}
    counts: dict[int, int] = {}
    for row in rows:
        contact_id = int(row.contact_id)  # type: ignore[attr-defined]
        latest.setdefault(contact_id, row)
        counts[contact_id] = counts.get(contact_id, 0) + 1
    contacts = {c.id: c for c in await Contact.filter(id__in=list(latest))}
    return [(contacts[cid], counts[cid], latest[cid]) for cid in latest if cid in contacts]


async def phone(*, actor: Actor, contact_id: int) -> Phone:
    """One parent's conversation (a contact the actor may see, else 404)."""
    contact = await contact_query_for(actor).get_or_none(id=contact_id)
    if contact is None:
        raise NotFound("No such contact.")
    sent = await message_query_for(actor).filter(contact_id=contact.id, channel=Channel.SMS)
    received = await InboundMessage.filter(contact_id=contact.id)
    bubbles = [
        Bubble(m.sent_at or m.created_at, m.body, False, m.status.value, m.kind.value) for m in sent
    ] + [Bubble(m.received_at, m.body, True) for m in received]
    return Phone(contact=contact, bubbles=sorted(bubbles, key=lambda b: b.at))


async def mails(*, actor: Actor, to: str | None = None) -> list[OutboundMessage]:
    """The emails ``actor`` may see, newest first (optionally to one address)."""
    query = message_query_for(actor).filter(channel=Channel.EMAIL)
    if to:
        query = query.filter(to_address__icontains=to.strip())
    return list(await query.order_by("-id").limit(200))


async def mail(*, actor: Actor, message_id: int) -> OutboundMessage:
    """One email ``actor`` may see (else 404, as for one that does not exist)."""
    found = None
    if 0 < message_id <= MAX_ID:
        query = message_query_for(actor).filter(id=message_id, channel=Channel.EMAIL)
        found = await query.first()
    if found is None:
        raise NotFound("No such email.")
    return found
