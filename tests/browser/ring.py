"""A call ringing in the browser test's server: a demo parent invited by a spoken call.

Run as ``python -m tests.browser.ring NAME`` with the server's environment. The voice row
goes through the messaging core and the call is placed through the simulator's voice
sender, as the dispatcher places it (without waiting for the calling hours). Prints the
outbox row's id. ``python -m tests.browser.ring --answer NAME`` prints the invitation's
answer and party size instead.
"""

from __future__ import annotations

import asyncio
import sys

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.lib.tokens import new_token
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import Draft, post_messages, sending
from parentinfo.outreach.voice.placing import place_call
from parentinfo.process import open_runtime
from parentinfo.rsvp.models import Invitation
from parentinfo.settings import load_settings


async def _invitation(name: str) -> Invitation:
    contact = await Contact.get(name=name)
    event = (
        await Event.filter(
            organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
            status=EventStatus.PUBLISHED,
            starts_at__gt=now(),
        )
        .order_by("starts_at")
        .first()
    )
    assert event is not None, "the demo has no upcoming event"
    invitation, _ = await Invitation.get_or_create(
        event_id=event.id,
        contact_id=contact.id,
        defaults={
            "organisation_id": contact.organisation_id,  # type: ignore[attr-defined]
            "language": contact.language,
            "token": new_token(),
        },
    )
    return invitation


async def ring(name: str) -> int:
    """Post and place a call to the demo parent ``name``; the outbox row's id."""
    invitation = await _invitation(name)
    contact = await Contact.get(id=invitation.contact_id)  # type: ignore[attr-defined]
    async with sending():
        await post_messages(
            [
                Draft(
                    channel=Channel.VOICE,
                    kind=MessageKind.INVITATION,
                    language=invitation.language,
                    to_address=contact.mobile,
                    body="(call)",
                    dedupe_key=f"browser-call:{invitation.id}",
                    organisation_id=int(invitation.organisation_id),  # type: ignore[attr-defined]
                    event_id=int(invitation.event_id),  # type: ignore[attr-defined]
                    invitation_id=invitation.id,
                    contact_id=contact.id,
                    not_before=now().replace(year=now().year + 1),  # the test places it
                )
            ]
        )
    row = await OutboundMessage.get(dedupe_key=f"browser-call:{invitation.id}")
    placed = await place_call(row)
    await OutboundMessage.filter(id=row.id).update(
        status=MessageStatus.SENT, provider_id=placed.provider_id, sent_at=now(), send_after=None
    )
    return row.id


async def main(args: list[str]) -> None:
    async with open_runtime(load_settings()):
        if args[0] == "--answer":
            invitation = await _invitation(args[1])
            print(invitation.answer.value, invitation.party_size)  # noqa: T201
        else:
            print(await ring(args[0]))  # noqa: T201


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
