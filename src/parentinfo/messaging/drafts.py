"""A draft: one message to one address on one channel, as a feature composed it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.channels import Cost


@dataclass(frozen=True)
class Draft:
    """Everything the outbox row of one message holds before it is sent.

    The ids tie the row to what a feature keeps (who, which event, which invitation); the
    core stores them and never reads them. ``dedupe_key`` makes posting the same draft
    twice a no-op; ``not_before`` holds it until then (quiet hours may hold it longer).
    ``cost`` may be given when the composer already measured the text (in bulk, cached).
    ``answered_inline`` is a reply the provider carries in its webhook answer: kept as sent,
    never queued.
    """

    channel: Channel
    kind: MessageKind
    language: str
    to_address: str | None
    body: str
    subject: str = ""
    html_body: str = ""
    calendar: str = ""  # the iTIP attachment of an email
    dedupe_key: str | None = None
    not_before: datetime | None = None
    organisation_id: int | None = None
    event_id: int | None = None
    invitation_id: int | None = None
    contact_id: int | None = None
    created_by_id: int | None = None
    changes: str = ""  # what a change notice says moved ("time", "place", "time place")
    cost: Cost | None = None
    answered_inline: bool = False
