"""What to do with one inbound SMS (or WhatsApp text) once we know who sent it: the
decisions, not the storage. The channel only names the answer's source and the opt-out's.

- Unknown number: a polite answer in English and Dutch; kept for staff (no organisation).
- STOP and kin: opted out everywhere; START (or a bare YES from an opted-out number, which
  Twilio itself treats as opt-in): back in, with a note to send the answer again; HELP.
- An answer: set on the invitation its code names, or the only open one; with several
  open and no code, a question listing the codes (a code alone in the next message, within
  a day, then completes that answer).
- Not understood: kept for staff with the contact and event; the parent is told how to answer.
- Possibly STOP (an opt-out and an answer in one message): kept for staff, every contact with
  the number put on hold (``rsvp.hold``: nothing more is sent) until staff decide; the parent
  gets a short polite reply. Nothing of the answer is recorded.
- A question: the answer in it (if any) is recorded, the message is kept for staff, and the
  parent is told a person will answer — not how to answer.
- From an opted-out number only STOP, START and HELP are answered: nothing more is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, InboxStatus
from parentinfo.lib.urls import parent_page_url
from parentinfo.rsvp import replies
from parentinfo.rsvp.answers import apply_answer
from parentinfo.rsvp.eventlines import event_line
from parentinfo.rsvp.inbound.control import help_reply, opt_in, opt_out
from parentinfo.rsvp.inbound.hold import put_on_hold
from parentinfo.rsvp.inbound.senders import OpenInvitation, Sender
from parentinfo.rsvp.models import InboundMessage
from parentinfo.rsvp.parser import Intent, Reading, is_plain_yes, parse_reply

ANSWERS = (Intent.YES, Intent.NO, Intent.MAYBE)
CONTROL = (Intent.STOP, Intent.START, Intent.HELP)
PENDING_FOR = timedelta(hours=24)


@dataclass
class Outcome:
    """The reply, and what the inbox keeps about the message."""

    reply: str
    status: InboxStatus = InboxStatus.HANDLED
    reading: str = ""
    invitation: OpenInvitation | None = None
    promoted: list[int] = field(default_factory=list)


def reading_label(reading: Reading) -> str:
    """What the parser understood ("yes 3 K7"), short enough for the inbox column."""
    parts = [reading.intent.value]
    parts += [str(reading.party_size)] if reading.party_size else []
    parts += [reading.code] if reading.code else []
    parts += ["?"] if reading.question else []  # staff see that it asks something
    return " ".join(parts)[:32]


async def respond(
    sender: Sender, body: str, *, too_long: bool, channel: Channel = Channel.SMS
) -> Outcome:
    """Decide and do what one message asks; returns the reply and the inbox record."""
    if not sender.known:
        return Outcome(replies.unknown_number(), InboxStatus.NEEDS_ATTENTION)
    if too_long:
        reply = "" if sender.opted_out else _in(sender, None, replies.too_long)
        return Outcome(reply, InboxStatus.NEEDS_ATTENTION, invitation=sender.by_code(None))
    codes = [invitation.event.reply_code for invitation in sender.invitations]
    language = sender.contact_of(None).language
    reading = parse_reply(body, known_codes=codes, language=language)
    if sender.opted_out and reading.intent == Intent.YES and is_plain_yes(body):
        return await _control(sender, Reading(Intent.START), after_yes=True, channel=channel)
    if reading.intent in CONTROL:
        return await _control(sender, reading, after_yes=False, channel=channel)
    if reading.intent == Intent.POSSIBLE_STOP:
        return await _hold(sender, reading)
    if reading.intent == Intent.UNKNOWN and reading.code:
        reading = await _completed(sender, reading)
    if reading.intent in ANSWERS:
        outcome = await _answer(sender, reading, channel)
    else:
        outcome = _not_understood(sender, reading)
    if reading.question:
        outcome = _asked(sender, reading, outcome)
    if sender.opted_out:
        outcome.reply = ""
    return outcome


def _in(sender: Sender, invitation: OpenInvitation | None, make: Callable[[], str]) -> str:
    """Build a reply in the language of the contact concerned."""
    with use_language(sender.contact_of(invitation).language):
        return make()


async def _control(
    sender: Sender, reading: Reading, *, after_yes: bool, channel: Channel
) -> Outcome:
    language = sender.contact_of(None).language
    with use_language(language):
        if reading.intent == Intent.STOP:
            reply = replies.opted_out(email_too=await opt_out(sender, channel))
        elif reading.intent == Intent.START:
            await opt_in(sender)
            reply = replies.opted_in(after_yes=after_yes)
        else:
            reply = await help_reply(sender)
    label = "start (yes)" if after_yes else reading.intent.value
    return Outcome(reply, reading=label)


async def _completed(sender: Sender, reading: Reading) -> Reading:
    """A code alone answers the question we asked: take the answer from that message."""
    earlier = (
        await InboundMessage.filter(
            from_number=sender.number,
            invitation_id=None,
            status=InboxStatus.HANDLED,
            received_at__gte=now() - PENDING_FOR,
        )
        .order_by("-received_at", "-id")
        .first()
        .values_list("reading", flat=True)
    )
    words = str(earlier or "").split()
    if not words or words[0] not in {i.value for i in ANSWERS}:
        return reading
    party = int(words[1]) if len(words) > 1 and words[1].isdecimal() else None
    return Reading(Intent(words[0]), party, reading.code)


async def _answer(sender: Sender, reading: Reading, channel: Channel) -> Outcome:
    label = reading_label(reading)
    if not sender.invitations:
        return Outcome(_in(sender, None, replies.no_open_invitation), reading=label)
    invitation = sender.by_code(reading.code)
    language = sender.contact_of(invitation).language
    if invitation is None:
        lines = [event_line(i.event, language) for i in sender.invitations]
        with use_language(language):
            reply = replies.several_open(language=language, events=lines)
        return Outcome(reply, reading=label)
    result, promoted = await apply_answer(
        invitation_id=invitation.id,
        event_id=invitation.event.id,
        answer=Answer(reading.intent.value),
        party_size=reading.party_size,
        source=channel.value,
        seen=invitation.seen,
    )
    line = event_line(invitation.event, language)
    asked_more = reading.party_size is not None and reading.party_size > result.party_size
    with use_language(language):
        reply = replies.confirmation(
            language=language,
            answer=result.answer,
            party_size=result.party_size,
            waitlisted=result.waitlisted,
            event=line,
            page_url=parent_page_url(invitation.token),
            kept_fewer=asked_more and not result.waitlisted,
        )
    return Outcome(reply, reading=label, invitation=invitation, promoted=promoted)


async def _hold(sender: Sender, reading: Reading) -> Outcome:
    """Maybe an opt-out, maybe an answer: a person decides; nothing is sent meanwhile."""
    await put_on_hold(sender)
    invitation = sender.by_code(reading.code)
    reply = "" if sender.opted_out else _in(sender, invitation, replies.on_hold)
    return Outcome(reply, InboxStatus.NEEDS_ATTENTION, reading_label(reading), invitation)


def _asked(sender: Sender, reading: Reading, outcome: Outcome) -> Outcome:
    """A question: kept for staff; the parent hears a person will answer (after the
    confirmation when the message also answered)."""
    invitation = outcome.invitation or sender.by_code(reading.code)
    noted = _in(sender, invitation, replies.question_noted)
    answered = reading.intent in ANSWERS and outcome.reply
    reply = f"{noted}\n{outcome.reply}" if answered else noted
    return Outcome(
        reply, InboxStatus.NEEDS_ATTENTION, reading_label(reading), invitation, outcome.promoted
    )


def _not_understood(sender: Sender, reading: Reading) -> Outcome:
    invitation = sender.by_code(reading.code)
    language = sender.contact_of(invitation).language
    with use_language(language):
        reply = replies.not_understood(language=language)
    return Outcome(reply, InboxStatus.NEEDS_ATTENTION, reading_label(reading), invitation)
