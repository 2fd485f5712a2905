"""Sending one outbox row: check it is still wanted, wait for a slot, claim, send, record.

Every outcome is written to the row (sent, held for the morning, withheld, retried later
with backoff, or failed; a 429 is first tried again on the next free slots) and returned
as a :class:`~parentinfo.messaging.decisions.Decision`;
the job layer (:mod:`parentinfo.outreach.jobs`) queues the retry or the held send and starts
the fallback (email, or the call list).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.lib.urls import public_url
from parentinfo.messaging.channels import rule_for
from parentinfo.messaging.decisions import Decision, Verdict
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import PacedSmsSender, SendError, SmsResult
from parentinfo.messaging.quiet import quiet_until
from parentinfo.organisations.sender import mail_sender
from parentinfo.outreach.composing.mime import MailParts, build_email
from parentinfo.outreach.composing.staffmail import mail_text
from parentinfo.outreach.delivery.numbers import mark_contact
from parentinfo.outreach.sending import outbox
from parentinfo.outreach.sending.confirm import ASKABLE, find_earlier_send
from parentinfo.outreach.sending.outbox import MAX_ATTEMPTS, retry_delay
from parentinfo.outreach.voice import placing
from parentinfo.outreach.voice.voices import still_spoken
from parentinfo.outreach.whatsapp.sending import send_whatsapp
from parentinfo.runtime import runtime

logger = logging.getLogger(__name__)

SEND_CONCURRENCY = 16  # sends in flight per process: enough to keep SMS_RATE with slow APIs
# A claim older than recovery's SENDING_TIMEOUT may have been taken back: renew long before.
RENEW_CLAIM_AFTER = 15.0  # seconds
EVENT_BOUND_KINDS = frozenset(
    {MessageKind.INVITATION, MessageKind.REMINDER, MessageKind.CHANGE, MessageKind.NUDGE}
)
# Channels that wait for a slot of their pace (SMS_RATE, CALL_RATE) under a renewed claim.
PACED = frozenset({Channel.SMS, Channel.VOICE})
STAFF_KINDS = frozenset(
    {MessageKind.PASSWORD_RESET, MessageKind.ACCOUNT_INVITE, MessageKind.TEST}
)  # to staff, not to a parent's contact


async def deliver_many(message_ids: Sequence[int]) -> list[Decision]:
    """Send a batch, several at a time; one broken row never stops the others.

    The batch is read in one query. A row that changed since (sent by a duplicate job,
    withheld by a cancellation) is caught by the conditional claim; an opt-out made in
    the seconds between is caught by Twilio itself (error 21610).
    """
    gate = _gate()
    loaded = await OutboundMessage.filter(
        id__in=list(message_ids), status=MessageStatus.PENDING
    ).select_related("contact", "event", "invitation")

    async def one(message: OutboundMessage) -> Decision | None:
        async with gate:
            try:
                return await deliver_loaded(message)
            except Exception:
                # The row stays as it was (pending or sending); the sweeper recovers it.
                logger.exception("sending outbox message %s failed unexpectedly", message.id)
                return None

    decided = await asyncio.gather(*(one(message) for message in loaded))
    return [decision for decision in decided if decision is not None]


def _gate() -> asyncio.Semaphore:
    extras = runtime().extras
    gate = extras.get("outreach.gate")
    if not isinstance(gate, asyncio.Semaphore):
        gate = extras["outreach.gate"] = asyncio.Semaphore(SEND_CONCURRENCY)
    return gate


async def deliver(message_id: int) -> Decision:
    """Send one message if it is still pending and due; says what became of it."""
    message = await OutboundMessage.get_or_none(id=message_id).select_related(
        "contact", "event", "invitation"
    )
    if message is None:
        return Decision(message_id, Verdict.SKIPPED)
    return await deliver_loaded(message)


async def deliver_loaded(message: OutboundMessage) -> Decision:
    """:func:`deliver` for a row already read with its contact, event and invitation."""
    stopped = await _stopped(message, now())
    if stopped is not None:
        return stopped
    earlier = _earlier_attempt(message)  # read before the claim overwrites sending_since
    claim_at = now()
    if not await outbox.claim(message.id, at=claim_at):
        return Decision(message.id, Verdict.TAKEN)
    try:
        if earlier is not None and (found := await find_earlier_send(message, since=earlier)):
            await outbox.mark_sent(message.id, claim_at, found)
            return Decision(message.id, Verdict.SENT)
        result: SmsResult | SendError | None
        if message.channel not in PACED:
            result = await _send(message)
        else:
            paced = await _send_paced(message, claim_at)
            if paced is None:
                return Decision(message.id, Verdict.TAKEN)
            claim_at, result = paced
    except SendError as error:
        result = error
    if isinstance(result, SendError):
        return await _after_error(message, claim_at, result)
    await outbox.mark_sent(message.id, claim_at, result)
    return Decision(message.id, Verdict.SENT)


async def _send_paced(
    message: OutboundMessage, claim_at: datetime
) -> tuple[datetime, SmsResult | SendError | None] | None:
    """Send an SMS (or place a call) on the next slot of its pace; a throttled send is tried
    again on a later one.

    A 429 is Twilio saying "too fast", and it created nothing, so the retry cannot send the
    message twice: it waits what Twilio asked (``Retry-After``, up to ``MAX_QUICK_WAIT``),
    then takes a fresh slot of the shared pace, under the same claim, renewed first so the
    retry goes out only while this worker still holds the row. After ``QUICK_RETRIES`` the
    last error goes to the normal backoff. Returns the claim now held and the answer or the
    last error; None when the claim was taken back (the sweeper recovered the row).
    """
    retried = 0
    while True:
        # The slot is taken last, so the pace holds where it matters: at Twilio's door.
        renewed = await _wait_for_slot(message.id, claim_at, Channel(message.channel))
        if renewed is None:
            return None
        claim_at = renewed
        try:
            return claim_at, await _send(message)
        except SendError as error:
            wait = outbox.quick_retry_wait(error, retried)
            if wait is None:
                return claim_at, error
            retried += 1
            logger.info("message %s: %s, quick retry %s in %s", message.id, error, retried, wait)
            await asyncio.sleep(wait.total_seconds())
            renewed = await outbox.note_throttled(message.id, claim_at, error)
        if renewed is None:
            return None
        claim_at = renewed


def _earlier_attempt(message: OutboundMessage) -> datetime | None:
    """When the last attempt at this SMS (or call) began, if there was one: it may have
    gone out.

    A timeout or a 5xx says nothing about whether Twilio created the message or placed the
    call, and neither does a worker that died mid-send; so every new attempt first asks
    Twilio (one list call, only on retries: a call placed again after a busy line too).
    Email cannot be asked: a retried email goes out again with the same Message-ID, by
    which mail programs drop a copy that did arrive.
    """
    if message.channel not in ASKABLE or not message.attempts:
        return None
    return message.sending_since or message.created_at


async def _stopped(message: OutboundMessage, at: datetime) -> Decision | None:
    """Why this message does not go out now (None when it may): not due, withheld, or held."""
    if message.status != MessageStatus.PENDING:
        return Decision(message.id, Verdict.SKIPPED)
    if message.send_after is not None and message.send_after > at:
        return Decision(message.id, Verdict.NOT_DUE)
    reason = withhold_reason(message, at)
    if reason:
        await outbox.withhold(message.id, reason)
        return Decision(message.id, Verdict.WITHHELD)
    handover = await _handed_over(message)
    if handover:
        await outbox.withhold(message.id, handover)
        return Decision(message.id, Verdict.FALL_BACK)
    if rule_for(message.channel).quiet_hours:
        return await _held_for_quiet_hours(message, at)
    return None


def withhold_reason(message: OutboundMessage, at: datetime) -> str:
    """Why this message must not go out any more, or "" when it may."""
    return _recipient_gone(message) or _event_gone(message, at) or _answered_since(message)


def _recipient_gone(message: OutboundMessage) -> str:
    contact = message.contact
    if not message.to_address:
        return "no_address"  # erased by retention
    if contact is None:
        return "" if message.kind in STAFF_KINDS else "contact_erased"
    # STOP on the mobile covers WhatsApp and calls too: it is the same number (contacts.optout).
    mobile = message.channel in (Channel.SMS, Channel.WHATSAPP, Channel.VOICE)
    opted_out = contact.sms_opt_out if mobile else contact.email_opt_out
    if opted_out:
        return "opted_out"
    return "on_hold" if contact.on_hold and message.kind != MessageKind.REPLY else ""


async def _handed_over(message: OutboundMessage) -> str:
    """Why the next channel must carry this message instead, or "" when this one may.

    ``consent_withdrawn``: the parent took back WhatsApp while it waited.
    ``no_recording``: the recording this call needed went stale (the event moved) or was
    deleted, and no voice speaks the language; the old recording is never played.
    """
    if _channel_withdrawn(message):
        return "consent_withdrawn"
    if message.channel == Channel.VOICE and not await _still_spoken(message):
        return "no_recording"
    return ""


async def _still_spoken(message: OutboundMessage) -> bool:
    """A call can still be spoken in its language: a voice, or every recording it needs."""
    if message.organisation_id is None:  # type: ignore[attr-defined]
        return True  # not an organisation's call (none are): nothing to check against
    return await still_spoken(
        organisation_id=int(message.organisation_id),  # type: ignore[attr-defined]
        event_id=message.event_id,  # type: ignore[attr-defined]
        language=message.language,
    )


def _channel_withdrawn(message: OutboundMessage) -> bool:
    """True when the parent took back WhatsApp, though the mobile still works.

    Calls are not checked so: the volunteers' call list rings parents who never chose
    "call me", and nothing on the row tells those calls from the chosen ones.
    """
    contact = message.contact
    if contact is None or message.kind == MessageKind.REPLY:
        return False
    return message.channel == Channel.WHATSAPP and (
        not contact.whatsapp or contact.whatsapp_invalid
    )


def _event_gone(message: OutboundMessage, at: datetime) -> str:
    event = message.event
    if event is None or message.kind == MessageKind.CANCELLATION:
        return ""
    if event.status == EventStatus.CANCELLED:
        return "cancelled_event"
    if message.kind in EVENT_BOUND_KINDS and event.starts_at <= at:
        return "event_started"
    return ""


def _answered_since(message: OutboundMessage) -> str:
    """A nudge asks for an answer: once the parent gave one, it has nothing left to say."""
    if message.kind != MessageKind.NUDGE or message.invitation is None:
        return ""
    return "answered" if message.invitation.answer != Answer.NONE else ""


async def _held_for_quiet_hours(message: OutboundMessage, at: datetime) -> Decision | None:
    """Held until the morning when ``at`` is inside quiet hours (None when it is not)."""
    settings = runtime().settings
    until = quiet_until(at, tz=settings.tz, start=settings.quiet_start, end=settings.quiet_end)
    if message.channel == Channel.VOICE:  # calls also keep to CALL_HOURS
        until = placing.later(until, placing.outside_call_hours(at, settings))
    if until is None:
        return None
    held = await outbox.hold_until(message.id, until, "quiet_hours")
    return Decision(message.id, Verdict.HOLD, at=until if held else None)


async def _wait_for_slot(
    message_id: int, claim_at: datetime, channel: Channel = Channel.SMS
) -> datetime | None:
    """Wait for a slot of the channel's pace; after a long wait, renew the claim (None: it
    was recovered)."""
    started = time.monotonic()
    await (runtime().voice if channel == Channel.VOICE else _sms()).wait_for_slot()
    if time.monotonic() - started < RENEW_CLAIM_AFTER:
        return claim_at
    return await outbox.renew_claim(message_id, claim_at)


def _sms() -> PacedSmsSender:
    return runtime().sms


async def _send(message: OutboundMessage) -> SmsResult | None:
    address = message.to_address or ""
    if message.channel == Channel.VOICE:
        return await placing.place_call(message)
    if message.channel == Channel.WHATSAPP:
        return await send_whatsapp(message)  # a template, or free text in the window
    if message.channel == Channel.SMS:
        callback = public_url(f"/webhooks/twilio/status?message={message.id}")
        return await _sms().send_sms(to=address, body=message.body, status_callback=callback)
    settings = runtime().settings
    invitation = message.invitation
    parts = MailParts(
        message_id=message.id,
        to_address=address,
        subject=message.subject,
        text=mail_text(message),
        html=message.html_body,
        language=message.language,
        calendar=message.calendar,
        unsubscribe_url=public_url(f"/r/{invitation.token}") if invitation else "",
    )
    domain = urlsplit(settings.public_url).hostname or "parentinfo.local"
    mail_from = await mail_sender(message.organisation_id, settings.mail.mail_from)  # type: ignore[attr-defined]
    await runtime().mail.send_mail(build_email(parts, mail_from=mail_from, domain=domain))
    return None


async def _after_error(message: OutboundMessage, claim_at: datetime, error: SendError) -> Decision:
    attempts = message.attempts + 1  # the claim counted this attempt
    if error.retry and attempts < MAX_ATTEMPTS:
        retry_at = now() + retry_delay(error, attempts)
        moved = await outbox.retry_later(message.id, claim_at, error, retry_at)
        logger.info("message %s: %s, retry %s at %s", message.id, error, attempts, retry_at)
        return Decision(message.id, Verdict.RETRY, at=retry_at if moved else None)
    if not await outbox.mark_failed(message.id, claim_at, error):
        return Decision(message.id, Verdict.FAILED)
    logger.info("message %s failed for good: %s", message.id, error)
    await mark_contact(message, error)
    return Decision(message.id, Verdict.FALL_BACK)
