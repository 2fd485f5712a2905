"""Inbound SMS and WhatsApp: store it once, understand it, answer it — fast, and the same
way twice.

Both channels take this one path; the channel is a parameter. A WhatsApp message also
notes the 24-hour window (``messaging.window``) for the sender's contacts, may carry a
button's payload (answered by ``rsvp.inbound.tap``, no parsing), and our reply is a
WhatsApp row. Which channel an inbox row came by is kept in its ``to_number`` (our
``whatsapp:`` address, as Twilio sent it): :func:`came_by`.

The message row is written in the same transaction as everything it causes, last, and
its provider id is unique: a redelivery (or two identical deliveries at the same moment)
fails on that index, rolls back whatever it did, and returns the reply stored the first
time. An answer takes one transaction of six statements (who sent it, the event's lock,
the answer as stored with the places taken, the answer, the inbox row, our reply): Twilio
waits on it. Our reply is kept as an outbox row (kind ``reply``) so staff see the
conversation and the SMS cost counts it; Twilio sends it from our TwiML, so it has no
provider id. Only what can wait (telling the waiting list a place came free) goes to a job.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, InboxStatus, MessageKind
from parentinfo.lib.phones import parse_sender
from parentinfo.logs import mask_phone
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import post_messages
from parentinfo.messaging.window import note_inbound
from parentinfo.rsvp import replies
from parentinfo.rsvp.answers import notify_promoted
from parentinfo.rsvp.inbound.respond import Outcome, respond
from parentinfo.rsvp.inbound.senders import Sender, look_up
from parentinfo.rsvp.inbound.tap import respond_to_tap
from parentinfo.rsvp.models import InboundMessage

logger = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio's own limit for one message
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # could disguise text in the staff inbox
WHATSAPP_PREFIX = "whatsapp:"


def clean_body(raw: str) -> tuple[str, bool]:
    """Control characters out, newlines kept; cut at 1,600 characters (True when cut)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _BIDI.sub("", text)
    text = "".join(c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cs"))
    text = text.strip()
    return text[:MAX_BODY], len(text) > MAX_BODY


def clean_field(raw: str, limit: int) -> str:
    """A short header-like field (a number, an id): printable, trimmed, at most ``limit``."""
    return "".join(c for c in raw if c.isprintable()).strip()[:limit]


def without_prefix(address: str) -> str:
    """``whatsapp:+316…`` → ``+316…``: WhatsApp names both ends with a prefix."""
    address = address.strip()
    if address.lower().startswith(WHATSAPP_PREFIX):
        return address[len(WHATSAPP_PREFIX) :].strip()
    return address


def our_address(to_number: str, channel: Channel) -> str:
    """The ``To`` we keep: a WhatsApp one always carries ``whatsapp:`` (see :func:`came_by`)."""
    address = clean_field(without_prefix(to_number), 22)
    return f"{WHATSAPP_PREFIX}{address}" if channel == Channel.WHATSAPP else address


def came_by(to_number: str) -> Channel:
    """The channel an inbox row arrived by, read from the address it was sent to."""
    return Channel.WHATSAPP if to_number.startswith(WHATSAPP_PREFIX) else Channel.SMS


async def handle_inbound(
    *,
    message_sid: str,
    from_number: str,
    to_number: str,
    body: str,
    channel: Channel = Channel.SMS,
    button_payload: str = "",
) -> str:
    """Store, understand and answer one inbound SMS or WhatsApp message; returns the reply
    text (may be empty). A WhatsApp button's ``button_payload`` answers without parsing."""
    text, too_long = clean_body(body)
    number = parse_sender(clean_field(without_prefix(from_number), 64))
    try:
        async with in_transaction():
            sender = await look_up(number)
            if channel == Channel.WHATSAPP:
                await note_inbound([c.id for c in sender.contacts], Channel.WHATSAPP, now())
            if button_payload:
                outcome = await respond_to_tap(sender, clean_field(button_payload, 128))
            else:
                outcome = await respond(sender, text, too_long=too_long, channel=channel)
            inbound = await _record(
                sender,
                outcome,
                channel,
                provider_id=message_sid,
                from_number=number or clean_field(from_number, 32) or None,
                to_number=our_address(to_number, channel),
                body=text,
            )
    except IntegrityError:
        stored = await InboundMessage.get_or_none(provider_id=message_sid)
        if stored is None:
            raise
        return stored.reply_body
    await notify_promoted(outcome.promoted)
    logger.info(
        "inbound %s %s from %s: %s",
        channel.value,
        inbound.id,
        mask_phone(number),
        outcome.reading or "-",
    )
    return outcome.reply


async def keep_unprocessed(
    *,
    message_sid: str,
    from_number: str,
    body: str,
    to_number: str = "",
    channel: Channel = Channel.SMS,
) -> str:
    """Last resort after an unexpected error: keep the message for staff, answer politely."""
    text, _ = clean_body(body)
    reply = replies.cannot_process()
    sender = without_prefix(from_number)
    try:
        await InboundMessage.get_or_create(
            provider_id=message_sid,
            defaults={
                "from_number": parse_sender(sender) or clean_field(sender, 32) or None,
                "to_number": our_address(to_number, channel),
                "body": text,
                "status": InboxStatus.NEEDS_ATTENTION,
                "reply_body": reply,
            },
        )
    except Exception:  # the database itself is down: nothing more we can do here
        sid = clean_field(message_sid, 64)
        logger.exception("could not keep inbound %s %s", channel.value, sid)
    return reply


async def _record(
    sender: Sender, outcome: Outcome, channel: Channel, **message: Any
) -> InboundMessage:
    """Write the inbox row, last: its unique provider id turns a redelivery into a rollback.

    Our reply goes into the outbox too, on the channel the message came by (staff see the
    conversation; the cost counts it).
    """
    invitation = outcome.invitation
    contact = sender.contact_of(invitation) if sender.known else None
    inbound = await InboundMessage.create(
        **message,
        contact_id=contact.id if contact else None,
        invitation_id=invitation.id if invitation else None,
        organisation_id=contact.organisation_id if contact else None,
        reading=outcome.reading,
        status=outcome.status,
        reply_body=outcome.reply,
    )
    if outcome.reply:
        await post_messages(
            [
                Draft(
                    organisation_id=contact.organisation_id if contact else None,
                    event_id=invitation.event.id if invitation else None,
                    invitation_id=invitation.id if invitation else None,
                    contact_id=contact.id if contact else None,
                    channel=channel,
                    kind=MessageKind.REPLY,
                    language=contact.language if contact else "en",
                    to_address=inbound.from_number,
                    body=outcome.reply,
                    answered_inline=True,  # Twilio sends it from our TwiML answer (both)
                )
            ]
        )
    return inbound
