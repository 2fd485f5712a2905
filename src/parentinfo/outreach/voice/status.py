"""What became of a call we placed: Twilio's ``CallStatus``, read by the voice channel's rule.

A call that was answered ends ``completed`` (delivered; its duration kept for the cost); a
busy line or no answer is tried again an hour later, at most twice, and then the parent
goes on the volunteers' call list, as does a call that failed. Each CallSid's final status
is recorded once, so a repeated callback changes nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.channels import rule_for
from parentinfo.messaging.deferral import defer_sends
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.sending import outbox
from parentinfo.outreach.sending.fallback import put_on_call_list
from parentinfo.outreach.voice.callstate import VoiceCall

logger = logging.getLogger(__name__)

S = MessageStatus
RETRIED = frozenset({"busy", "no-answer"})
FINAL = frozenset({"completed", "busy", "no-answer", "failed", "canceled"})
MAX_CALL_RETRIES = 2
RETRY_AFTER = timedelta(hours=1)


def may_retry(attempts: int) -> bool:
    """A call placed ``attempts`` times may be placed again (the first try and two retries)."""
    return attempts < 1 + MAX_CALL_RETRIES


async def record_call_status(
    *, message_id: int | None, call_sid: str, status: str, duration: str = ""
) -> bool:
    """Apply one call status; True when it changed anything."""
    status = status.strip().lower()
    new = rule_for(Channel.VOICE).status(status)
    message = await _voice_message(message_id) if new is not None and call_sid else None
    if message is None or new is None:
        logger.info("call status %r for a call we do not know", status)
        return False
    call, _ = await VoiceCall.get_or_create(
        call_sid=call_sid,
        defaults={
            "direction": "outbound",
            "message_id": message.id,
            "contact_id": message.contact_id,  # type: ignore[attr-defined]
            "invitation_id": message.invitation_id,  # type: ignore[attr-defined]
            "language": message.language,
        },
    )
    if call.message_id != message.id or call.status in FINAL:  # type: ignore[attr-defined]
        return False  # another message's call, or this call's end is already recorded
    seconds = int(duration) if duration.strip().isdigit() else 0
    moved = await VoiceCall.filter(id=call.id, status=call.status).update(
        status=status, duration=seconds if status in FINAL else call.duration
    )
    if not moved:
        return False  # a callback for the same call overtook this one
    if message.provider_id not in (None, call_sid):
        return True  # an earlier attempt's late news: the row follows the newest call
    if status in RETRIED and may_retry(message.attempts):
        return await _retry(message, status)
    return await _advance(message, new, call_sid=call_sid, status=status)


async def _voice_message(message_id: int | None) -> OutboundMessage | None:
    if message_id is None:
        return None
    return await OutboundMessage.get_or_none(id=message_id, channel=Channel.VOICE)


async def _advance(
    message: OutboundMessage, new: MessageStatus, *, call_sid: str, status: str
) -> bool:
    """Move the row forward; a call that did not get through puts the parent on the list."""
    fields: dict[str, object] = {}
    if message.provider_id is None:
        fields["provider_id"] = call_sid
    if new == S.DELIVERED:
        fields["delivered_at"] = now()
    if new in (S.UNDELIVERED, S.FAILED):
        fields["error_code"] = status
        fields["error_message"] = f"Twilio reported the call {status}"
    advanced = await outbox.advance(message, new, **fields)
    if new in (S.UNDELIVERED, S.FAILED) and message.invitation_id is not None:  # type: ignore[attr-defined]
        await put_on_call_list(int(message.invitation_id))  # type: ignore[attr-defined]
    return advanced


async def _retry(message: OutboundMessage, status: str) -> bool:
    """Place the call again in an hour (the calling window and quiet hours still apply)."""
    at = now() + RETRY_AFTER
    moved = await OutboundMessage.filter(id=message.id, status__in=[S.SENDING, S.SENT]).update(
        status=S.PENDING,
        send_after=at,
        provider_id=None,
        error_code=status,
        error_message=f"The call was {status}: trying again",
    )
    if moved:
        await defer_sends([message.id], at=at)
        logger.info("call for message %s was %s: again at %s", message.id, status, at)
    return bool(moved)
