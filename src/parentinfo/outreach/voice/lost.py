"""Whether an attempt at a call whose answer never came rang the parent anyway.

A ``calls.create`` that timed out, or a worker that died while placing a call, may well
have left a call at Twilio: ringing again blindly rings the parent twice. So a retry (and
the sweeper's recovery) asks Twilio for the calls to the parent's number created since the
attempt began, and takes the newest one that is not already known to us. Known are a call
that is another row's ``provider_id``, a call of another row (its webhooks named that row),
and a call whose end we already recorded: the busy line an hour ago, which is why this row
is being placed again. Twilio's call list does not say which answer URL a call was given,
so this is the nearest we can tell "this row's call".
"""

from __future__ import annotations

from datetime import datetime

from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import CallResult, SmsResult
from parentinfo.outreach.voice.callstate import VoiceCall
from parentinfo.outreach.voice.status import FINAL
from parentinfo.runtime import runtime


async def find_placed_call(message: OutboundMessage, *, since: datetime) -> SmsResult | None:
    """The call an attempt since ``since`` already placed for ``message``, or None.

    Raises :class:`~parentinfo.messaging.providers.SendError` when Twilio cannot be asked;
    the caller must then not call, since the answer is still unknown.
    """
    if not message.to_address:
        return None
    for call in await runtime().voice.find_placed(to=message.to_address, since=since):
        if not await _known(call, message):
            # The outbox keeps one shape of provider answer; a found call is under way.
            return SmsResult(provider_id=call.provider_id, status="sent")
    return None


async def _known(call: CallResult, message: OutboundMessage) -> bool:
    """True when ``call`` is not a lost attempt of ``message`` (see the module's note)."""
    sid = call.provider_id
    if await OutboundMessage.filter(provider_id=sid).exclude(id=message.id).exists():
        return True
    recorded = await VoiceCall.get_or_none(call_sid=sid)
    if recorded is None:
        return False
    return recorded.message_id != message.id or recorded.status in FINAL  # type: ignore[attr-defined]
