""" "Call these parents automatically": the volunteers' call list, rung by the service.

At a volunteer's press of a button, every parent on their call list with a mobile, no
STOP, in a language a call can speak (a voice or a recording), to an upcoming published
event, gets a spoken call: one outbox row per call (kind ``invitation``, channel
``voice``, the spoken text as its body for the record), posted through the messaging core
like every message. They leave the call list; a call that does not get through (busy or
no answer three times, or failed) puts them back on it, and pressing again leaves them
there for a volunteer: nobody is rung automatically twice for the same invitation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from parentinfo.accounts.actor import Actor
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, EventStatus, MessageKind
from parentinfo.messaging.post import existing_keys, sending
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import sms_usable
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.composing.enqueue import Recipient, queue_messages
from parentinfo.outreach.lists.calls import call_query
from parentinfo.outreach.sending.outbox import dedupe_key
from parentinfo.outreach.voice import voices
from parentinfo.rsvp.models import Invitation


@dataclass(frozen=True)
class Rung:
    """What pressing the button did: calls posted, and parents left for a volunteer."""

    called: int
    left: int  # no working mobile, or a language no call can speak


async def call_automatically(*, actor: Actor, event_id: int | None = None) -> Rung:
    """Post a voice call for each parent on ``actor``'s call list a call can reach."""
    query = call_query(actor).filter(
        event__status=EventStatus.PUBLISHED, event__starts_at__gt=now()
    )
    if event_id is not None:
        query = query.filter(event_id=event_id)
    invitations = await query.select_related("contact", "event").order_by("id")
    by_event: dict[int, list[Invitation]] = defaultdict(list)
    for invitation in invitations:
        by_event[invitation.event.id].append(invitation)
    called, left = 0, 0
    async with sending():
        for invitations_of_event in by_event.values():
            event = invitations_of_event[0].event
            languages = await voices.callable_languages(
                organisation_id=actor.org_id, event_id=event.id
            )
            recipients = [
                Recipient(InvitationRow.of(i), ContactRow.of(i.contact), Channel.VOICE)
                for i in invitations_of_event
                if i.contact is not None
                and i.language in languages
                and sms_usable(ContactRow.of(i.contact))
            ]
            # A parent already called automatically (and back on the list) is a volunteer's.
            keys = {_key(r): r for r in recipients}
            done = await existing_keys(list(keys))
            recipients = [r for key, r in keys.items() if key not in done]
            left += len(invitations_of_event) - len(recipients)
            if not recipients:
                continue
            facts = await event_facts(event)
            await queue_messages(
                facts,
                kind=MessageKind.INVITATION,
                recipients=recipients,
                created_by_id=actor.user_id,
            )
            ids = [r.invitation.id for r in recipients]
            called += await Invitation.filter(id__in=ids, to_call=True).update(to_call=False)
    return Rung(called=called, left=left)


def _key(recipient: Recipient) -> str:
    return dedupe_key(MessageKind.INVITATION, recipient.invitation.id, Channel.VOICE)
