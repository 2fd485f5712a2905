"""The steps of one call: what it says, and what each key does.

Keys: 1 yes (then the party size), 2 no, 3 not sure, 9 the invitation again; any other key,
or none before the timeout, says "I did not understand" and asks again, and the third such
key ends the call politely. The answer goes through :mod:`parentinfo.rsvp.answers` like an
SMS's (source ``voice``), so a yes that does not fit waits as it would by SMS.

Each step is answered once per call (:class:`~parentinfo.outreach.voice.callstate.VoiceStep`):
a replayed step answers the same TwiML and changes nothing. A call or step we cannot place
(an unknown CallSid, a message that is not a call) gets an empty, harmless ``<Response/>``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction
from twilio.twiml.voice_response import VoiceResponse

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind
from parentinfo.lib.urls import public_url
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.composing.compose import MessageContext
from parentinfo.outreach.composing.context import event_facts, message_context
from parentinfo.outreach.voice import script, twiml
from parentinfo.outreach.voice.callstate import VoiceCall, VoiceStep
from parentinfo.outreach.voice.speech import voice_for
from parentinfo.outreach.voice.twiml import Said, Voice
from parentinfo.rsvp.answers import apply_answer, notify_promoted
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime

logger = logging.getLogger(__name__)

SOURCE = "voice"
BASE = "/webhooks/twilio/voice"
MACHINE = frozenset(
    {"machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax"}
)
UNKNOWN_CALLER_LANGUAGES = ("nl", "en")
UNKNOWN_CALLER_VOICES = {"nl": Voice(language_tag="nl-NL"), "en": Voice(language_tag="en-GB")}


@dataclass(frozen=True)
class Built:
    """A step's TwiML, and the invitations that moved up from the waiting list meanwhile."""

    twiml: str
    promoted: tuple[int, ...] = ()


def step_url(kind: str, number: int) -> str:
    """The absolute address of the next step (a Gather's action): no personal data in it."""
    return public_url(f"{BASE}/{kind}?step={number}")


def is_machine(answered_by: str) -> bool:
    """Twilio's ``AnsweredBy`` says an answering machine or a fax took the call."""
    return answered_by.strip().lower() in MACHINE


async def answer_outbound(*, message_id: int | None, call_sid: str, answered_by: str) -> str:
    """The first TwiML of a call we placed: the invitation and its menu, or the machine's."""
    message = None
    if message_id is not None:
        message = await OutboundMessage.get_or_none(id=message_id, channel=Channel.VOICE)
    if message is None or message.invitation_id is None or not call_sid:  # type: ignore[attr-defined]
        return twiml.nothing()
    if message.provider_id not in (None, call_sid):
        return twiml.nothing()  # an older attempt's CallSid, or a forged pairing
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
    if call.message_id != message.id:  # type: ignore[attr-defined]
        return twiml.nothing()

    async def build() -> Built:
        invitation = await _invitation(call.invitation_id)  # type: ignore[attr-defined]
        if invitation is None:
            return Built(twiml.nothing())
        ctx, voice = await _spoken(invitation)
        if is_machine(answered_by):
            await VoiceCall.filter(id=call.id).update(machine=True)
            return Built(await _machine(invitation, ctx, voice))
        return Built(_ask_invitation(ctx, voice, step=1, before=()))

    return await _once(call, "answer", build)


async def answer_inbound(*, call_sid: str, from_number: str) -> str:
    """A parent called our number: their open invitations one by one, or a short message."""
    if not call_sid:
        return twiml.nothing()
    known = await _contacts_with(from_number)
    call, _ = await VoiceCall.get_or_create(
        call_sid=call_sid,
        defaults={
            "direction": "inbound",
            "contact_id": known[0].id if known else None,
            "language": known[0].language if known else "nl",
        },
    )

    async def build() -> Built:
        if not known:
            return Built(_unknown_caller())
        invitation = await _next_open([c.id for c in known], done=[])
        if invitation is None:
            voice = await voice_for(
                organisation_id=known[0].organisation_id, event_id=None, language=call.language
            )
            return Built(twiml.tell([(voice, Said(script.nothing_open_text(call.language)))]))
        await VoiceCall.filter(id=call.id).update(
            invitation_id=invitation.id, language=invitation.language
        )
        ctx, voice = await _spoken(invitation)
        return Built(_ask_invitation(ctx, voice, step=1, before=()))

    return await _once(call, "inbound", build)


async def on_menu(*, call_sid: str, step: int, digits: str) -> str:
    """A key pressed after the invitation (or none, after the timeout)."""
    call = await VoiceCall.get_or_none(call_sid=call_sid)
    if call is None or call.invitation_id is None or call.machine:  # type: ignore[attr-defined]
        return twiml.nothing()

    async def build() -> Built:
        invitation = await _invitation(call.invitation_id)  # type: ignore[attr-defined]
        if invitation is None:
            return Built(twiml.nothing())
        ctx, voice = await _spoken(invitation)
        lines = script.lines_for(ctx)
        key = digits.strip()
        if key == script.YES_KEY:
            return Built(
                twiml.ask(
                    voice, [Said(lines.party_size, "party_size")], action=_next("party", step)
                )
            )
        if key == script.REPEAT_KEY:
            return Built(_ask_invitation(ctx, voice, step=step + 1, before=()))
        if key in (script.NO_KEY, script.MAYBE_KEY):
            answer = Answer.NO if key == script.NO_KEY else Answer.MAYBE
            return await _answered(
                call, invitation, ctx=ctx, voice=voice, answer=answer, party_size=None, step=step
            )
        return await _bad_key(
            call,
            ctx,
            voice,
            step,
            lambda s: _ask_invitation(ctx, voice, step=s, before=(Said(lines.again, "again"),)),
        )

    return await _once(call, f"menu:{step}", build)


async def on_party(*, call_sid: str, step: int, digits: str) -> str:
    """The key for how many people come (1 to 9)."""
    call = await VoiceCall.get_or_none(call_sid=call_sid)
    if call is None or call.invitation_id is None or call.machine:  # type: ignore[attr-defined]
        return twiml.nothing()

    async def build() -> Built:
        invitation = await _invitation(call.invitation_id)  # type: ignore[attr-defined]
        if invitation is None:
            return Built(twiml.nothing())
        ctx, voice = await _spoken(invitation)
        lines = script.lines_for(ctx)
        key = digits.strip()
        if len(key) == 1 and key.isdigit() and 1 <= int(key) <= script.MAX_PARTY:
            return await _answered(
                call,
                invitation,
                ctx=ctx,
                voice=voice,
                answer=Answer.YES,
                party_size=int(key),
                step=step,
            )

        def again(number: int) -> str:
            said = [Said(lines.again, "again"), Said(lines.party_size, "party_size")]
            return twiml.ask(voice, said, action=step_url("party", number))

        return await _bad_key(call, ctx, voice, step, again)

    return await _once(call, f"party:{step}", build)


def _next(kind: str, step: int) -> str:
    return step_url(kind, step + 1)


def _ask_invitation(
    ctx: MessageContext, voice: Voice, *, step: int, before: tuple[Said, ...]
) -> str:
    lines = script.lines_for(ctx)
    said = [*before, Said(lines.invitation, "invitation")]
    return twiml.ask(voice, said, action=step_url("menu", step))


async def _bad_key(
    call: VoiceCall,
    ctx: MessageContext,
    voice: Voice,
    step: int,
    again: Callable[[int], str],
) -> Built:
    """A key that meant nothing: ask again, or after the third say goodbye."""
    fresh = await VoiceCall.get(id=call.id)
    bad = fresh.bad_keys + 1
    await VoiceCall.filter(id=call.id).update(bad_keys=bad)
    if bad >= script.MAX_BAD_KEYS:
        lines = script.lines_for(ctx)
        return Built(twiml.tell([(voice, Said(lines.goodbye, "goodbye"))]))
    return Built(again(step + 1))


async def _answered(
    call: VoiceCall,
    invitation: Invitation,
    *,
    ctx: MessageContext,
    voice: Voice,
    answer: Answer,
    party_size: int | None,
    step: int,
) -> Built:
    """Record the answer (the waiting list as for SMS), say so, and go on or hang up."""
    result, promoted = await apply_answer(
        invitation_id=invitation.id,
        event_id=int(invitation.event_id),  # type: ignore[attr-defined]
        answer=answer,
        party_size=party_size,
        source=SOURCE,
    )
    lines = script.lines_for(ctx)
    if answer == Answer.YES and result.waitlisted:
        said = Said(lines.waiting, "confirmed")
    elif answer == Answer.YES:
        said = Said(script.confirmed_text(ctx.language, result.party_size), "confirmed")
    else:
        said = Said(lines.no if answer == Answer.NO else lines.maybe, "confirmed")
    fresh = await VoiceCall.get(id=call.id)
    done = [*fresh.answered, invitation.id]
    await VoiceCall.filter(id=call.id).update(answered=done)
    if fresh.direction == "inbound" and fresh.contact_id is not None:  # type: ignore[attr-defined]
        following = await _next_open(await _household_of(fresh), done=done)
        if following is not None:
            await VoiceCall.filter(id=call.id).update(
                invitation_id=following.id, language=following.language
            )
            next_ctx, next_voice = await _spoken(following)
            intro = Said(script.next_invitation_text(following.language))
            text = twiml.ask(
                next_voice,
                [intro, Said(script.lines_for(next_ctx).invitation, "invitation")],
                action=step_url("menu", step + 1),
            )
            # The confirmation is said in this invitation's voice, the next in its own.
            return Built(_prefixed(voice, said, text), tuple(promoted))
    return Built(twiml.tell([(voice, said), (voice, Said(lines.bye, "goodbye"))]), tuple(promoted))


def _prefixed(voice: Voice, said: Said, rest: str) -> str:
    """``rest`` (a TwiML document) with ``said`` spoken before it."""
    head = VoiceResponse()
    twiml.say(head, voice, said)
    inner = str(head).split("<Response>", 1)[1].rsplit("</Response>", 1)[0]
    return rest.replace("<Response>", "<Response>" + inner, 1)


async def _once(call: VoiceCall, key: str, build: Callable[[], Awaitable[Built]]) -> str:
    """Answer step ``key`` of ``call`` once; a replay gets the TwiML stored the first time."""
    stored = await VoiceStep.get_or_none(call_id=call.id, step=key)
    if stored is not None:
        return stored.twiml
    try:
        async with in_transaction():
            built = await build()
            await VoiceStep.create(call_id=call.id, step=key, twiml=built.twiml)
    except IntegrityError:
        # The same step arrived twice at once: the other one answered and recorded it.
        stored = await VoiceStep.get_or_none(call_id=call.id, step=key)
        return stored.twiml if stored is not None else twiml.nothing()
    await notify_promoted(list(built.promoted))
    return built.twiml


async def _invitation(invitation_id: int | None) -> Invitation | None:
    if invitation_id is None:
        return None
    return await Invitation.get_or_none(id=invitation_id).select_related("contact")


async def _spoken(invitation: Invitation) -> tuple[MessageContext, Voice]:
    """The invitation's context (the SMS's facts) and the voice of its language."""
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    facts = await event_facts(event)
    org_id = int(invitation.organisation_id)  # type: ignore[attr-defined]
    if org_id not in facts.org_names:
        org = await Organisation.get(id=org_id)
        facts.org_names[org.id] = org.name
    contact = ContactRow.of(invitation.contact) if invitation.contact else None
    ctx = message_context(
        facts,
        kind=MessageKind.INVITATION,
        invitation=InvitationRow.of(invitation),
        contact=contact,
    )
    if ctx is None:  # an event without any text cannot be sent: never called about
        ctx = MessageContext(
            language=invitation.language,
            kind=MessageKind.INVITATION,
            title="",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
    voice = await voice_for(organisation_id=org_id, event_id=event.id, language=ctx.language)
    return ctx, voice


async def _machine(invitation: Invitation, ctx: MessageContext, voice: Voice) -> str:
    """Who called, and the number to call back: the organisation's, else ours."""
    org = await Organisation.get(id=invitation.organisation_id)  # type: ignore[attr-defined]
    number = org.contact_phone or runtime().settings.twilio.from_number
    text = script.machine_text(ctx.language, sender=ctx.sender_name or org.name, call_back=number)
    return twiml.tell([(voice, Said(text))])


def _unknown_caller() -> str:
    return twiml.tell(
        [
            (UNKNOWN_CALLER_VOICES[language], Said(script.unknown_caller_text(language)))
            for language in UNKNOWN_CALLER_LANGUAGES
        ]
    )


@dataclass(frozen=True)
class _Known:
    id: int
    organisation_id: int
    language: str


async def _contacts_with(number: str) -> list[_Known]:
    """Every contact with this mobile, in any organisation (it is the parent's own phone)."""
    number = number.strip()
    if not number.startswith("+"):
        return []
    rows = (
        await Contact.filter(mobile=number)
        .order_by("id")
        .values("id", "organisation_id", "language")
    )
    return [_Known(int(r["id"]), int(r["organisation_id"]), str(r["language"])) for r in rows]


async def _household_of(call: VoiceCall) -> list[int]:
    """The contacts sharing the caller's mobile: their invitations are the caller's too."""
    contact = await Contact.get_or_none(id=call.contact_id)  # type: ignore[attr-defined]
    if contact is None or not contact.mobile:
        return []
    return [c.id for c in await _contacts_with(contact.mobile)]


async def _next_open(contact_ids: list[int], *, done: list[int]) -> Invitation | None:
    """The soonest unanswered invitation of these contacts to an upcoming published event."""
    if not contact_ids:
        return None
    return (
        await Invitation.filter(
            contact_id__in=contact_ids,
            answer=Answer.NONE,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now(),
        )
        .exclude(id__in=done or [0])
        .order_by("event__starts_at", "id")
        .select_related("contact")
        .first()
    )
