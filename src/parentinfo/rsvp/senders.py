"""Who sent an SMS: every contact with that number (in any organisation), and their open
invitations, one per event. Two queries, both on indexed columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from parentinfo.contacts.models import Contact
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus
from parentinfo.rsvp.models import Invitation


@dataclass
class Sender:
    """The parent behind a number, as far as we know them."""

    number: str | None
    contacts: list[Contact] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)  # open, event loaded

    @property
    def known(self) -> bool:
        """True when at least one organisation has this number as a contact."""
        return bool(self.contacts)

    @property
    def opted_out(self) -> bool:
        """Opted out of SMS anywhere: then we send nothing but what STOP/START/HELP need."""
        return any(contact.sms_opt_out for contact in self.contacts)

    def contact_of(self, invitation: Invitation | None) -> Contact:
        """The contact an invitation belongs to (else the one with the first open invitation)."""
        if invitation is None and self.invitations:
            invitation = self.invitations[0]
        wanted = invitation.contact_id if invitation else None  # type: ignore[attr-defined]
        return next((c for c in self.contacts if c.id == wanted), self.contacts[0])

    def by_code(self, code: str | None) -> Invitation | None:
        """The open invitation an answer is for: by its code, or the only one."""
        if code is not None:
            return next((i for i in self.invitations if i.event.reply_code == code), None)
        return self.invitations[0] if len(self.invitations) == 1 else None


async def look_up(number: str | None) -> Sender:
    """The contacts and open invitations of ``number`` (E.164), across organisations."""
    if not number:
        return Sender(number)
    contacts = await Contact.filter(mobile=number).order_by("id")
    if not contacts:
        return Sender(number)
    invitations = (
        await Invitation.filter(
            contact_id__in=[c.id for c in contacts],
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gt=now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "id")
    )
    return Sender(number, list(contacts), _one_per_event(invitations))


def _one_per_event(invitations: list[Invitation]) -> list[Invitation]:
    """A number known to two co-hosts may hold two invitations to one event: answer one.

    The one already answered wins (it holds the places); else the older invitation.
    """
    chosen: dict[int, Invitation] = {}
    for invitation in invitations:
        held = chosen.get(invitation.event.id)
        if held is None or (held.answered_at is None and invitation.answered_at is not None):
            chosen[invitation.event.id] = invitation
    return list(chosen.values())
