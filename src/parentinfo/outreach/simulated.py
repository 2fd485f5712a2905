"""What the phone simulator and the mail outbox show: what each parent received and sent.

A phone has two threads, as a real one does: the SMS and the WhatsApp chat. A WhatsApp
message shows its ticks (sent, delivered, read) and, for an invitation or a nudge about
one invitation, the template's Yes / No / Maybe buttons. Nothing extra is stored for
them: the buttons follow from the row (its kind, invitation and language), the payload
from the invitation's token (``rsvp.buttons``), the labels from the reply words of the
row's language (``outreach.composing.keywords``), the words the parser reads anyway.

Embedded mode only. A user sees what the outbox API shows them (``outreach.listings``): the
active organisation's messages to contacts they may see, and never a password-reset mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.expressions import Subquery

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import MAX_ID, contact_query_for
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from parentinfo.lib.enums import Answer, Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.composing.keywords import reply_words
from parentinfo.outreach.lists.messages import message_query_for
from parentinfo.rsvp.buttons import BUTTON_ANSWERS, button_payload
from parentinfo.rsvp.inbound.service import came_by
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.runtime import runtime

# What reached the phone: an SMS the provider took. Pending ones wait (for their time, or
# the end of the quiet hours); withheld and failed ones never left.
LEFT = frozenset(
    {MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.UNDELIVERED}
)
WAITING = frozenset({MessageStatus.PENDING, MessageStatus.SENDING})
# WhatsApp also reports "read" (a status the WhatsApp sender adds): it left, and was read.
LEFT_VALUES = frozenset({status.value for status in LEFT} | {"read"})
PHONE_CHANNELS = (Channel.SMS, Channel.WHATSAPP)
WITH_BUTTONS = frozenset({MessageKind.INVITATION, MessageKind.NUDGE})


@dataclass(frozen=True)
class Button:
    """A quick-reply button under a WhatsApp message: what it says, what a tap sends."""

    label: str
    payload: str


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
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Phone:
    """One parent's phone: the contact, every SMS to and from it, and the WhatsApp chat,
    each oldest first."""

    contact: Contact
    bubbles: list[Bubble]
    whatsapp: list[Bubble] = field(default_factory=list)


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
        message_query_for(actor)
        .filter(channel__in=PHONE_CHANNELS, contact_id__in=visible)
        .order_by("-id")
    )
    latest: dict[int, OutboundMessage] = {}
    received: dict[int, int] = {}
    waiting: dict[int, int] = {}
    for row in rows:
        contact_id = int(row.contact_id)  # type: ignore[attr-defined]
        if row.status.value in LEFT_VALUES:
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
    """One parent's conversations (a contact the actor may see, else 404)."""
    in_range = 0 < contact_id <= MAX_ID
    contact = await contact_query_for(actor).get_or_none(id=contact_id) if in_range else None
    if contact is None:
        raise NotFound("No such contact.")
    sent = await message_query_for(actor).filter(contact_id=contact.id, channel__in=PHONE_CHANNELS)
    received = await InboundMessage.filter(contact_id=contact.id)
    tokens = await _tokens([m for m in sent if m.channel == Channel.WHATSAPP])
    threads: dict[Channel, list[Bubble]] = {channel: [] for channel in PHONE_CHANNELS}
    for message in sent:
        threads[message.channel].append(_ours(message, tokens))
    for inbound in received:
        threads[came_by(inbound.to_number)].append(Bubble(inbound.received_at, inbound.body, True))
    return Phone(
        contact=contact,
        bubbles=sorted(threads[Channel.SMS], key=lambda b: b.at),
        whatsapp=sorted(threads[Channel.WHATSAPP], key=lambda b: b.at),
    )


async def _tokens(messages: list[OutboundMessage]) -> dict[int, str]:
    """Invitation id → token, for the WhatsApp messages that carry answer buttons."""
    ids = {
        int(m.invitation_id)  # type: ignore[attr-defined]
        for m in messages
        if m.kind in WITH_BUTTONS and m.invitation_id is not None  # type: ignore[attr-defined]
    }
    if not ids:
        return {}
    rows = await Invitation.filter(id__in=ids).values_list("id", "token")
    return {int(i): str(token) for i, token in rows}


def button_label(language: str, answer: Answer) -> str:
    """A button's label: the reply word of ``language`` in sentence case ("Tak", "Może")."""
    words = reply_words(language)
    word = {Answer.YES: words.yes, Answer.NO: words.no}.get(answer, words.maybe)
    if language == "tr":  # Turkish keeps its dotted and dotless i apart
        word = word.replace("I", "ı").replace("İ", "i")
    return word[:1] + word[1:].lower()


def buttons_of(message: OutboundMessage, tokens: dict[int, str]) -> tuple[Button, ...]:
    """The quick-reply buttons a WhatsApp template message showed (none for other kinds)."""
    token = tokens.get(message.invitation_id or 0)  # type: ignore[attr-defined]
    if message.channel != Channel.WHATSAPP or message.kind not in WITH_BUTTONS or not token:
        return ()
    return tuple(
        Button(button_label(message.language, answer), button_payload(token, answer))
        for answer in BUTTON_ANSWERS
    )


def _ours(message: OutboundMessage, tokens: dict[int, str] | None = None) -> Bubble:
    """Our message as the phone saw it: arrived, still waiting for its time, or never sent."""
    status, kind = message.status.value, message.kind.value
    if status in LEFT_VALUES:
        at = message.sent_at or message.created_at
        buttons = buttons_of(message, tokens or {})
        return Bubble(at, message.body, False, status, kind, buttons=buttons)
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
