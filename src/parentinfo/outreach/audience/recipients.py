"""From invitations to recipients: the channel for each parent, and who needs a phone call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parentinfo.lib.chunks import chunked
from parentinfo.lib.enums import Channel
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import Route, route_for
from parentinfo.outreach.composing.context import contacts_with_other_open
from parentinfo.outreach.composing.enqueue import Recipient
from parentinfo.rsvp.models import Invitation

Pair = tuple[InvitationRow, ContactRow]


@dataclass
class Routed:
    """Recipients by SMS or email, and invitations only a volunteer's call can reach."""

    recipients: list[Recipient] = field(default_factory=list)
    to_call: list[InvitationRow] = field(default_factory=list)


def pairs_of(invitations: Iterable[Invitation]) -> list[Pair]:
    """Loaded invitations (``contact`` fetched) as rows; erased parents are left out."""
    return [
        (InvitationRow.of(invitation), ContactRow.of(invitation.contact))
        for invitation in invitations
        if invitation.contact is not None
    ]


async def recipients_for(
    pairs: Sequence[Pair], *, event_id: int, attended: set[int] | None = None
) -> Routed:
    """Route each invitation to its parent; opted-out parents are left out."""
    several = await contacts_with_other_open([c.id for _, c in pairs], event_id=event_id)
    routed = Routed()
    for invitation, contact in pairs:
        route = route_for(contact)
        if route in (Route.SMS, Route.EMAIL, Route.VOICE):
            routed.recipients.append(
                Recipient(
                    invitation,
                    contact,
                    Channel(route.value),
                    several_open=contact.id in several,
                    attended=attended is None or invitation.id in attended,
                )
            )
        elif route == Route.CALL:
            routed.to_call.append(invitation)
    return routed


async def mark_to_call(invitations: Sequence[InvitationRow]) -> int:
    """Put these invitations on their organisation's call list."""
    ids = [invitation.id for invitation in invitations]
    changed = 0
    for chunk in chunked(ids):
        changed += await Invitation.filter(id__in=chunk, to_call=False).update(
            to_call=True, called_at=None
        )
    return changed
