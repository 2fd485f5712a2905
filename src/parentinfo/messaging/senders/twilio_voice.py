"""Calls through Twilio's official client: ``calls.create`` with the answer and status URLs.

Twilio fetches the TwiML from ``answer_url`` when the parent picks up; with machine
detection on it says in ``AnsweredBy`` whether a person or a machine answered, and it
reports the end of the call (completed, busy, no-answer, failed) to ``status_callback``.
The client is the SMS sender's, so calls share its HTTP session and its error sorting.
"""

from __future__ import annotations

from twilio.rest import Client

from parentinfo.messaging.providers import CallResult
from parentinfo.messaging.senders.twilio_sms import classify

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
