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
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.lists.messages import message_query_for
from parentinfo.rsvp.models import InboundMessage
from parentinfo.runtime import runtime

# What reached the phone: an SMS the provider took. Pending ones wait (for their time, or
# the end of the quiet hours); withheld and failed ones never left.
LEFT = frozenset(
    {MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.UNDELIVERED}
)
WAITING = frozenset({MessageStatus.PENDING, MessageStatus.SENDING})


@dataclass(frozen=True)
class Bubble:
    """One SMS in a conversation: ours (to the parent) or theirs.

    ``state`` says what the phone saw: ``received``, ``waiting`` (``at`` is when it
    leaves) or ``not_sent``; only received ones show their text as arrived.
    """

    at: datetime
    body: str
    from_parent: bool
    status: str = ""
    kind: str = ""
    state: str = "received"


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


@dataclass(frozen=True)
class PhoneSummary:
    """One phone in the list: how many SMS arrived, the latest, and how many wait."""

    contact: Contact
    received: int
    latest: OutboundMessage | None
    waiting: int


async def phones(*, actor: Actor) -> list[PhoneSummary]:
    """The contacts with SMS, newest first: what arrived (only what left) and what waits."""
    visible = Subquery(contact_query_for(actor).values("id"))
    rows = await (
        message_query_for(actor).filter(channel=Channel.SMS, contact_id__in=visible).order_by("-id")
    )
    latest: dict[int, OutboundMessage] = {}
    received: dict[int, int] = {}
    waiting: dict[int, int] = {}
    for row in rows:
        contact_id = int(row.contact_id)  # type: ignore[attr-defined]
        if row.status in LEFT:
            latest.setdefault(contact_id, row)
            received[contact_id] = received.get(contact_id, 0) + 1
        elif row.status in WAITING:
            waiting[contact_id] = waiting.get(contact_id, 0) + 1
    order = list(dict.fromkeys(int(row.contact_id) for row in rows))  # type: ignore[attr-defined]
    contacts = {c.id: c for c in await Contact.filter(id__in=order)}
    return [
        PhoneSummary(contacts[cid], received.get(cid, 0), latest.get(cid), waiting.get(cid, 0))
        for cid in order
        if cid in contacts and (cid in received or cid in waiting)
    ]


async def phone(*, actor: Actor, contact_id: int) -> Phone:
    """One parent's conversation (a contact the actor may see, else 404)."""
    contact = await contact_query_for(actor).get_or_none(id=contact_id)
    if contact is None:
        raise NotFound("No such contact.")
    sent = await message_query_for(actor).filter(contact_id=contact.id, channel=Channel.SMS)
    received = await InboundMessage.filter(contact_id=contact.id)
    bubbles = [_ours(m) for m in sent] + [Bubble(m.received_at, m.body, True) for m in received]
    return Phone(contact=contact, bubbles=sorted(bubbles, key=lambda b: b.at))


def _ours(message: OutboundMessage) -> Bubble:
    """Our SMS as the phone saw it: arrived, still waiting for its time, or never sent."""
    status, kind = message.status.value, message.kind.value
    if message.status in LEFT:
        return Bubble(message.sent_at or message.created_at, message.body, False, status, kind)
    if message.status in WAITING:
        due = message.send_after or message.created_at
        return Bubble(due, message.body, False, status, kind, state="waiting")
    return Bubble(message.updated_at, message.body, False, status, kind, state="not_sent")


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
