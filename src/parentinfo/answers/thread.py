"""The whole conversation with one parent: what they sent us and what we sent them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage

MAX_ENTRIES = 200  # the newest of a long history; older messages are in the outbox listing


@dataclass(frozen=True)
class ThreadEntry:
    """One message of the thread, in or out, with its status."""

    direction: str  # "in" (from the parent) or "out" (to the parent)
    id: int
    at: datetime
    channel: str
    kind: str  # "inbound" for the parent's messages, else the outbox kind
    body: str
    status: str
    language: str


async def thread_of(contact: Contact) -> list[ThreadEntry]:
    """Every message to and from ``contact``, oldest first (the newest MAX_ENTRIES)."""
    inbound = (
        await InboundMessage.filter(contact_id=contact.id)
        .order_by("-received_at")
        .limit(MAX_ENTRIES)
    )
    outbound = (
        await OutboundMessage.filter(contact_id=contact.id)
        .order_by("-created_at")
        .limit(MAX_ENTRIES)
    )
    entries = [_in(message, contact) for message in inbound] + [_out(m) for m in outbound]
    entries.sort(key=lambda entry: (entry.at, entry.direction == "out", entry.id))
    return entries[-MAX_ENTRIES:]


def _in(message: InboundMessage, contact: Contact) -> ThreadEntry:
    return ThreadEntry(
        direction="in",
        id=message.id,
        at=message.received_at,
        channel=Channel.SMS.value,  # inbound messages arrive by SMS
        kind="inbound",
        body=message.body,
        status=message.status.value,
        language=contact.language,
    )


def _out(message: OutboundMessage) -> ThreadEntry:
    # An email's thread line is its plain-text body; its subject is in the outbox listing.
    return ThreadEntry(
        direction="out",
        id=message.id,
        at=message.sent_at or message.created_at,
        channel=message.channel.value,
        kind=message.kind.value,
        body=message.body,
        status=message.status.value,
        language=message.language,
    )


def last_channel(entries: list[ThreadEntry]) -> Channel | None:
    """The channel the parent last wrote on, else the one we last wrote on."""
    for direction in ("in", "out"):
        for entry in reversed(entries):
            if entry.direction == direction:
                return Channel(entry.channel)
    return None
