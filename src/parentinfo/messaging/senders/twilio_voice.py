"""Calls through Twilio's official client: ``calls.create`` with the answer and status URLs.

Twilio fetches the TwiML from ``answer_url`` when the parent picks up; with machine
detection on it says in ``AnsweredBy`` whether a person or a machine answered, and it
reports the end of the call (completed, busy, no-answer, failed) to ``status_callback``.
The client is the SMS sender's, so calls share its HTTP session and its error sorting.

:meth:`TwilioVoice.find_placed` is the lost-call check: the calls Twilio has to a number
from ours, created since an attempt began (``outreach.sending.confirm``).
"""

from __future__ import annotations

from datetime import datetime

from twilio.rest import Client

from parentinfo.messaging.providers import CallResult
from parentinfo.messaging.senders.twilio_sms import CLOCK_SKEW, classify

# A parent is called a handful of times per event at most (the first try and two retries).
LOOKBACK_CALLS = 20

# The call's statuses Twilio posts to the status callback (the final one always comes).
STATUS_EVENTS = ["initiated", "ringing", "answered", "completed"]


class TwilioVoice:
    """Places calls from our Twilio number."""

    def __init__(self, client: Client, *, from_number: str) -> None:
        self.client = client
        self.from_number = from_number

    async def start_call(
        self,
        *,
        to: str,
        answer_url: str,
        status_callback: str | None,
        machine_detection: bool,
    ) -> CallResult:
        """Create one call; raises a ``SendError`` that says whether to retry."""
        extra: dict[str, object] = {}
        if status_callback:
            extra["status_callback"] = status_callback
            extra["status_callback_event"] = STATUS_EVENTS
            extra["status_callback_method"] = "POST"
        if machine_detection:
            extra["machine_detection"] = "Enable"
        try:
            call = await self.client.calls.create_async(
                to=to, from_=self.from_number, url=answer_url, method="POST", **extra
            )
        except Exception as error:
            raise classify(error) from error
        return CallResult(provider_id=str(call.sid), status=str(call.status or "queued"))

    async def find_placed(self, *, to: str, since: datetime) -> list[CallResult]:
        """The calls from our number to ``to`` created since ``since``, newest first.

        Filtered here by creation, not by Twilio's ``StartTime>``: a call still queued at
        Twilio (its calls-per-second queue) has no start time yet, and is just the call a
        timed-out ``calls.create`` may have left behind.
        """
        try:
            found = await self.client.calls.list_async(
                to=to, from_=self.from_number, limit=LOOKBACK_CALLS
            )
        except Exception as error:
            raise classify(error) from error
        earliest = since - CLOCK_SKEW
        recent = [c for c in found if c.date_created is None or c.date_created >= earliest]
        recent.sort(key=lambda c: c.date_created or since, reverse=True)
        return [
            CallResult(provider_id=str(c.sid), status=str(c.status or "queued")) for c in recent
        ]
