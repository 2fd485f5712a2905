"""The SMS, mail, WhatsApp and call senders behind small interfaces; the lifespan picks one
of each.

A sender either returns what the provider accepted or raises a :class:`SendError` that
says whether trying again could help. The embedded backends (phone simulator and mail
outbox) deliver into the database, where the simulator and outbox pages show them.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from twilio.rest import Client

from parentinfo.messaging.providers import (
    NO_WHATSAPP_SENDER,
    CallResult,
    MailSender,
    PermanentFailure,
    RateLimiter,
    SmsResult,
    SmsSender,
    VoiceSender,
    WhatsAppSender,
)
from parentinfo.messaging.senders.ratelimit import call_limiter, sms_limiter
from parentinfo.messaging.senders.smtp_mail import SmtpMail
from parentinfo.messaging.senders.twilio_sms import TwilioSms, open_twilio
from parentinfo.messaging.senders.twilio_voice import TwilioVoice
from parentinfo.messaging.senders.twilio_whatsapp import TwilioWhatsApp
from parentinfo.settings import Settings


class SimulatorSms:
    """Embedded mode: nothing leaves the machine; the simulator page reads the outbox."""

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Accept the SMS at once and call it delivered."""
        del to, body, status_callback
        return SmsResult(provider_id=f"SM{uuid.uuid4().hex}", status="delivered")

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """The simulator keeps nothing outside the outbox, so a lost send is simply redone."""
        del to, body, since
        return None


class SimulatorWhatsApp:
    """Embedded mode: WhatsApp messages stay in the outbox, where the simulator shows them."""

    async def send_template(
        self,
        *,
        to: str,
        content_sid: str,
        variables: dict[str, str],
        status_callback: str | None,
    ) -> SmsResult:
        """Accept the template message at once and call it delivered."""
        del to, content_sid, variables, status_callback
        return SmsResult(provider_id=f"SM{uuid.uuid4().hex}", status="delivered")

    async def send_text(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Accept the free-text message at once and call it delivered."""
        del to, body, status_callback
        return SmsResult(provider_id=f"SM{uuid.uuid4().hex}", status="delivered")

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """Nothing is ever lost on the way to the simulator."""
        del to, body, since
        return None


class NoWhatsAppSender:
    """Twilio is on but no WhatsApp sender is set: routing offers no WhatsApp, and a row that
    was routed to it anyway fails loudly (and falls back), never goes out some other way."""

    def _refuse(self) -> PermanentFailure:
        return PermanentFailure(
            "no WhatsApp sender: set PARENTINFO_WHATSAPP_FROM or "
            "PARENTINFO_WHATSAPP_MESSAGING_SERVICE_SID",
            code=NO_WHATSAPP_SENDER,
        )

    async def send_template(
        self,
        *,
        to: str,
        content_sid: str,
        variables: dict[str, str],
        status_callback: str | None,
    ) -> SmsResult:
        """Refuse: there is nothing to send from."""
        del to, content_sid, variables, status_callback
        raise self._refuse()

    async def send_text(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Refuse: there is nothing to send from."""
        del to, body, status_callback
        raise self._refuse()

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """Nothing was ever sent from here."""
        del to, body, since
        return None


class SimulatorVoice:
    """Embedded mode: a call rings only in the simulator, which fetches ``answer_url`` itself."""

    async def start_call(
        self,
        *,
        to: str,
        answer_url: str,
        status_callback: str | None,
        machine_detection: bool,
    ) -> CallResult:
        """Accept the call; the simulator page shows it ringing (the outbox row says where)."""
        del to, answer_url, status_callback, machine_detection
        return CallResult(provider_id=f"CA{uuid.uuid4().hex}", status="queued")

    async def find_placed(self, *, to: str, since: datetime) -> list[CallResult]:
        """A call to the simulator is never lost on the way: a retry simply rings again."""
        del to, since
        return []


class OutboxMail:
    """Embedded mode: mail stays in the outbox page; the last mails as sent stay in memory.

    The outbox page shows the stored rows. What was sent can differ from the row only for
    a password reset, whose link is put in at send time and never stored: that copy is
    kept here alone, in this process's memory, where no page reads it (tests do).
    """

    KEEP = 100

    def __init__(self) -> None:
        self.delivered: deque[EmailMessage] = deque(maxlen=self.KEEP)

    async def send_mail(self, message: EmailMessage) -> None:
        """Accept the message, keeping the copy as sent."""
        self.delivered.append(message)


class PacedSms:
    """An SMS sender with the shared pace (``SMS_RATE``) that every send must wait for."""

    def __init__(self, inner: SmsSender, limiter: RateLimiter) -> None:
        self.inner = inner
        self.limiter = limiter

    async def wait_for_slot(self) -> None:
        """Return when one more SMS may leave without exceeding ``SMS_RATE``."""
        await self.limiter.wait_for_slot()

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Hand one SMS to the backend (the caller has waited for its slot)."""
        return await self.inner.send_sms(to=to, body=body, status_callback=status_callback)

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """Ask the backend whether it already has this SMS."""
        return await self.inner.find_sent(to=to, body=body, since=since)


class PacedVoice:
    """A voice sender with its own pace (``CALL_RATE``), that every call must wait for."""

    def __init__(self, inner: VoiceSender, limiter: RateLimiter) -> None:
        self.inner = inner
        self.limiter = limiter

    async def wait_for_slot(self) -> None:
        """Return when one more call may start without exceeding ``CALL_RATE``."""
        await self.limiter.wait_for_slot()

    async def start_call(
        self,
        *,
        to: str,
        answer_url: str,
        status_callback: str | None,
        machine_detection: bool,
    ) -> CallResult:
        """Place the call (the caller has waited for its slot)."""
        return await self.inner.start_call(
            to=to,
            answer_url=answer_url,
            status_callback=status_callback,
            machine_detection=machine_detection,
        )

    async def find_placed(self, *, to: str, since: datetime) -> list[CallResult]:
        """Ask the backend which calls it placed to ``to`` (no slot needed: nothing rings)."""
        return await self.inner.find_placed(to=to, since=since)


@dataclass(frozen=True)
class Senders:
    """One sender per channel, as the process opened them."""

    sms: PacedSms
    mail: MailSender
    whatsapp: WhatsAppSender
    voice: PacedVoice


@asynccontextmanager
async def open_providers(settings: Settings) -> AsyncIterator[Senders]:
    """Open the configured senders for the lifetime of a process, and close them after."""
    async with AsyncExitStack() as stack:
        whatsapp: WhatsAppSender = SimulatorWhatsApp()
        voice: VoiceSender = SimulatorVoice()
        sms: SmsSender = SimulatorSms()
        mail: MailSender = OutboxMail()
        if settings.sms_backend == "twilio":
            twilio_sms = await stack.enter_async_context(open_twilio(settings))
            sms = twilio_sms
            whatsapp = whatsapp_sender(settings, twilio_sms.client)
        if settings.mail.backend == "smtp":
            mail = SmtpMail(settings.mail)
        limiter = sms_limiter(settings)
        stack.push_async_callback(limiter.close)
        if isinstance(sms, TwilioSms):  # calls go by the same account and client
            voice = TwilioVoice(sms.client, from_number=settings.twilio.from_number)
        call_pace = call_limiter(settings)
        stack.push_async_callback(call_pace.close)
        yield Senders(
            sms=PacedSms(sms, limiter),
            mail=mail,
            whatsapp=whatsapp,
            voice=PacedVoice(voice, call_pace),
        )


def whatsapp_sender(settings: Settings, client: Client) -> WhatsAppSender:
    """The Twilio WhatsApp sender on the SMS sender's client, when a sender is set."""
    twilio = settings.twilio
    if not (twilio.whatsapp_from or twilio.whatsapp_messaging_service_sid):
        return NoWhatsAppSender()
    return TwilioWhatsApp(
        client,
        from_number=twilio.whatsapp_from,
        messaging_service_sid=twilio.whatsapp_messaging_service_sid,
    )
