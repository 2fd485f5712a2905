"""WhatsApp through Twilio's official client: the same ``messages.create`` as SMS, with
``whatsapp:`` on both ends, and Content templates by ``content_sid``.

It shares the SMS sender's rebased HTTP client and its sorting of Twilio's answers
(:func:`~parentinfo.messaging.senders.twilio_sms.classify`), so a 429 is "too fast", a 5xx
"try again", and 63016 / 63014 / 63003 a
:class:`~parentinfo.messaging.providers.WhatsAppUnavailable` that lets SMS take over.
:meth:`TwilioWhatsApp.content` reads a template back from Twilio's Content API, so a
mailing can refuse a ContentSid that does not exist (20404).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from parentinfo.messaging.providers import PermanentFailure, SmsResult
from parentinfo.messaging.senders.twilio_sms import classify, find_message

PREFIX = "whatsapp:"


@dataclass(frozen=True)
class ContentInfo:
    """What Twilio holds under one ContentSid: its variables' samples and its body."""

    sid: str
    variables: dict[str, str]
    body: str
    language: str


class ContentNotFound(PermanentFailure):
    """Twilio has no Content template under this ContentSid (404, error 20404)."""


class TwilioWhatsApp:
    """Sends WhatsApp messages from our WhatsApp sender, or from its Messaging Service."""

    def __init__(self, client: Client, *, from_number: str, messaging_service_sid: str) -> None:
        self.client = client
        self.sender: dict[str, str] = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": PREFIX + from_number}
        )

    async def send_template(
        self,
        *,
        to: str,
        content_sid: str,
        variables: dict[str, str],
        status_callback: str | None,
    ) -> SmsResult:
        """Send the approved template ``content_sid`` with its numbered ``variables``."""
        return await self._create(
            to,
            status_callback,
            content_sid=content_sid,
            content_variables=json.dumps(variables, ensure_ascii=False),
        )

    async def send_text(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Send free text (Twilio refuses it with 63016 outside the 24-hour window)."""
        return await self._create(to, status_callback, body=body)

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """The message with this text Twilio sent to ``to`` on WhatsApp since ``since``."""
        return await find_message(self.client, to=PREFIX + to, body=body, since=since)

    async def content(self, content_sid: str) -> ContentInfo:
        """The template Twilio holds under ``content_sid``; :class:`ContentNotFound` if none."""
        try:
            found = await self.client.content.v1.contents(content_sid).fetch_async()
        except TwilioRestException as error:
            if error.status == 404:
                raise ContentNotFound(
                    f"Twilio has no Content template {content_sid}", code="20404"
                ) from error
            raise classify(error) from error
        except Exception as error:
            raise classify(error) from error
        types = found.types if isinstance(found.types, dict) else {}
        return ContentInfo(
            sid=str(found.sid or content_sid),
            variables={str(k): str(v) for k, v in dict(found.variables or {}).items()},
            body=_body_of(types),
            language=str(found.language or ""),
        )

    async def _create(self, to: str, status_callback: str | None, **content: str) -> SmsResult:
        extra = {"status_callback": status_callback} if status_callback else {}
        try:
            message = await self.client.messages.create_async(
                to=PREFIX + to, **self.sender, **content, **extra
            )
        except Exception as error:
            raise classify(error) from error
        return SmsResult(provider_id=str(message.sid), status=str(message.status or "queued"))


def _body_of(types: dict[str, object]) -> str:
    """The body of the first content type that has one (quick-reply or text)."""
    for kind in ("twilio/quick-reply", "twilio/text"):
        part = types.get(kind)
        if isinstance(part, dict) and isinstance(part.get("body"), str):
            return str(part["body"])
    return ""
