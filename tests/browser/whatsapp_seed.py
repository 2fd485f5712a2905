"""Run against a browser test's server database: a WhatsApp invitation already delivered.

``python -m tests.browser.whatsapp_seed post NAME`` invites the contact called NAME to the
organisation's first coming published event (if not yet invited) and posts, through the
messaging core, the WhatsApp invitation the sender would have left: sent inline (no job),
then delivered. Prints the contact's id. ``... answer NAME`` prints that invitation's
answer and source. The WhatsApp sender is another branch's work; this stands in for it.
"""

from __future__ import annotations

import asyncio
import sys

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.lib.tokens import new_token
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import post_messages, sending
from parentinfo.process import open_runtime
from parentinfo.rsvp.models import Invitation
from parentinfo.settings import load_settings

BODY = "Zapraszamy na spotkanie dla rodziców. Odpowiedz przyciskiem poniżej."


async def _invitation(contact: Contact) -> Invitation:
    event = (
        await Event.filter(
            organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
            status=EventStatus.PUBLISHED,
            starts_at__gt=now(),
        )
        .order_by("starts_at")
        .first()
    )
    assert event is not None, "the demo has no coming published event"
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


async def post(name: str) -> None:
    contact = await Contact.filter(name=name).order_by("id").first()
    assert contact is not None, name
    await Contact.filter(id=contact.id).update(whatsapp=True)
    invitation = await _invitation(contact)
    key = f"browser-whatsapp-{invitation.id}"
    async with sending():
        await post_messages(
            [
                Draft(
                    organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
                    event_id=invitation.event_id,  # type: ignore[attr-defined]
                    invitation_id=invitation.id,
                    contact_id=contact.id,
                    channel=Channel.WHATSAPP,
                    kind=MessageKind.INVITATION,
                    language=contact.language,
                    to_address=contact.mobile,
                    body=BODY,
                    dedupe_key=key,
                    answered_inline=True,
                )
            ]
        )
    await OutboundMessage.filter(dedupe_key=key).update(status=MessageStatus.DELIVERED)
    sys.stdout.write(f"{contact.id}\n")


async def answer(name: str) -> None:
    contact = await Contact.filter(name=name).order_by("id").first()
    assert contact is not None, name
    invitation = await _invitation(contact)
    sys.stdout.write(f"{invitation.answer.value} {invitation.answer_source}\n")


async def main(command: str, name: str) -> None:
    async with open_runtime(load_settings(env_file=None)):
        await {"post": post, "answer": answer}[command](name)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
