"""Where a staff answer enters the outbox: through the messaging core's front door, like every
other message (an outbox row, held for quiet hours when it is an SMS, its job deferred once the
transaction has committed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import post_messages, sending


@dataclass(frozen=True)
class AnswerDraft:
    """One answer to one parent, ready to be written."""

    organisation_id: int
    contact_id: int
    event_id: int | None
    invitation_id: int | None
    channel: Channel
    to_address: str
    language: str
    subject: str
    body: str
    created_by_id: int


async def post_answer(draft: AnswerDraft, *, with_it: Callable[[], Awaitable[None]]) -> int:
    """Post the answer through the front door and run ``with_it`` in the same transaction."""
    async with sending():
        posted = await post_messages(
            [
                Draft(
                    channel=draft.channel,
                    kind=MessageKind.STAFF_ANSWER,
                    language=draft.language,
                    to_address=draft.to_address,
                    body=draft.body,
                    subject=draft.subject,
                    organisation_id=draft.organisation_id,
                    event_id=draft.event_id,
                    invitation_id=draft.invitation_id,
                    contact_id=draft.contact_id,
                    created_by_id=draft.created_by_id,
                )
            ]
        )
        await with_it()
    return posted.rows[0][0]
