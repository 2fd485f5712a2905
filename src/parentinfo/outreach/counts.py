"""What the outreach pages count besides the services: the audience's languages, the progress.

The counts are of the active organisation's own rows: no personal data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage

# A message is done when nothing more will happen to it without a person.
FINISHED = {
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.READ,
    MessageStatus.UNDELIVERED,
    MessageStatus.FAILED,
    MessageStatus.WITHHELD,
}


@dataclass
class Progress:
    """How far the invitations of one event are: per status, and done out of total."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Every invitation message."""
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        """Messages that went out, or that stopped (failed, withheld)."""
        return sum(n for status, n in self.counts.items() if status in FINISHED)


async def audience_languages(*, actor: Actor) -> list[tuple[str, int]]:
    """The languages of the organisation's contacts, with how many prefer each."""
    rows = await Contact.filter(organisation_id=actor.org_id).values_list("language", flat=True)
    return sorted(Counter(str(code) for code in rows).items())


async def sending_progress(*, actor: Actor, event_id: int) -> Progress:
    """The organisation's invitation messages for the event, counted per status."""
    rows = await OutboundMessage.filter(
        organisation_id=actor.org_id, event_id=event_id, kind=MessageKind.INVITATION
    ).values_list("status", flat=True)
    counts = Counter(str(getattr(s, "value", s)) for s in rows)
    return Progress(counts={status.value: counts.get(status.value, 0) for status in MessageStatus})
