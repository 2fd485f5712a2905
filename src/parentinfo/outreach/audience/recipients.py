"""From invitations to recipients: the channel for each parent, and who needs a phone call.

The channel follows each organisation's plan for the kind of message (its order of channels,
and the languages WhatsApp can carry that kind in): :func:`plans_for`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parentinfo.lib.chunks import chunked
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.outreach.audience.plan import channel_plan
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import DEFAULT_PLAN, ChannelPlan, Route, route_for
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


# The routes a message reaches by itself (a call, from the call list, needs a person).
MESSAGE_ROUTES = frozenset({Route.SMS, Route.EMAIL, Route.WHATSAPP})


async def recipients_for(
    pairs: Sequence[Pair],
    *,
    event_id: int,
    attended: set[int] | None = None,
    kind: MessageKind | None = None,
) -> Routed:
    """Route each invitation to its parent; opted-out parents are left out.

    ``kind``: the message, whose organisation's plan routes it; None keeps SMS, then email.
    """
    several = await contacts_with_other_open([c.id for _, c in pairs], event_id=event_id)
    plans = await plans_for(pairs, kind=kind, event_id=event_id)
    routed = Routed()
    for invitation, contact in pairs:
        route = route_for(contact, plan=plans.get(invitation.organisation_id, DEFAULT_PLAN))
        if route in MESSAGE_ROUTES:
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


async def plans_for(
    pairs: Sequence[Pair], *, kind: MessageKind | None, event_id: int | None
) -> dict[int, ChannelPlan]:
    """The channel plan of each organisation among ``pairs`` for ``kind`` (none: default)."""
    if kind is None:
        return {}
    organisations = dict.fromkeys(invitation.organisation_id for invitation, _ in pairs)
    return {
        org_id: await channel_plan(organisation_id=org_id, kind=kind, event_id=event_id)
        for org_id in organisations
    }


async def mark_to_call(invitations: Sequence[InvitationRow]) -> int:
    """Put these invitations on their organisation's call list."""
    ids = [invitation.id for invitation in invitations]
    changed = 0
    for chunk in chunked(ids):
        changed += await Invitation.filter(id__in=chunk, to_call=False).update(
            to_call=True, called_at=None
        )
    return changed
