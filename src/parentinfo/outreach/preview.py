"""The preview before sending: per language, who gets what, by which channel, at what cost.

What one language costs (:func:`preview_language`) is a pure core. When the organisation
may send a language without diacritics, the preview shows that version next to the full
one, with the saving, so staff can choose knowingly.
The SMS of every parent in one language has the same length (only the page token differs,
and tokens have one length), so one composed sample stands for all recipients.
The preview also says when the messages leave (the quiet hours hold SMS) and what the
automatic replies will cost: we assume every parent reached by SMS answers once by SMS,
and the service answers each answer with one confirmation SMS.
Parents are counted per channel as routing will send them (the organisation's order,
WhatsApp only in languages with an approved template: ``audience.plan.channel_plan``),
each channel priced: SMS by its parts, WhatsApp per message, email free, a call by its
minutes (:func:`call_cost`: the script's started minutes × ``VOICE_PRICE_PER_MINUTE``);
a language whose WhatsApp parents wait for a template says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from parentinfo.accounts.actor import Actor
from parentinfo.events.access import editable_event
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, MessageKind
from parentinfo.lib.tokens import new_link_token
from parentinfo.lib.urls import parent_page_url
from parentinfo.messaging.segments import SegmentInfo, count_segments
from parentinfo.outreach.audience.plan import channel_plan
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.audience.selection import (
    AudienceFilter,
    Route,
    route_for,
    select_audience,
)
from parentinfo.outreach.composing.compose import MessageContext, compose
from parentinfo.outreach.composing.context import (
    EventFacts,
    event_facts,
    message_context,
    remember_sender,
)
from parentinfo.outreach.composing.plain import can_be_plain
from parentinfo.outreach.departure import Departure, QuietHours, email_departure, sms_departure
from parentinfo.outreach.previewchannels import (
    ChannelLine,
    waits_for_template,
    whatsapp_preview,
)
from parentinfo.outreach.service import already_invited, invitations_of, require_text
from parentinfo.outreach.voice.script import estimated_minutes, invitation_text
from parentinfo.outreach.voice.voices import Readiness, call_readiness
from parentinfo.rsvp import replies
from parentinfo.rsvp.eventlines import when_text
from parentinfo.runtime import runtime

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LanguagePreview:
    """One language of a mailing: the texts, and what the SMS costs sent to ``recipients``.

    ``sms_text``/``info``/``cost`` are the message with its diacritics; ``plain_*`` the
    version without (None when not offered, or when it would be the same text);
    ``sends_plain`` says which of the two will go out.
    """

    language: str
    recipients: int
    sms_text: str
    info: SegmentInfo
    cost: Decimal
    plain_text: str | None
    plain_info: SegmentInfo | None
    plain_cost: Decimal | None
    saving: Decimal | None
    sends_plain: bool
    email_subject: str
    email_text: str
    email_html: str

    @property
    def cost_to_send(self) -> Decimal:
        """The cost of the version that will actually be sent."""
        if self.sends_plain and self.plain_cost is not None:
            return self.plain_cost
        return self.cost


def sms_cost(info: SegmentInfo, *, recipients: int, price_per_segment: Decimal) -> Decimal:
    """Segments × recipients × price, rounded to cents (half up, as invoices do)."""
    return (Decimal(info.segments * recipients) * price_per_segment).quantize(CENT, ROUND_HALF_UP)


def preview_language(
    ctx: MessageContext, *, recipients: int, price_per_segment: Decimal, offer_plain: bool
) -> LanguagePreview:
    """Compose ``ctx`` as it is and, when offered, without diacritics, and price both."""
    full = compose(replace(ctx, plain=False))
    info = count_segments(full.sms)
    cost = sms_cost(info, recipients=recipients, price_per_segment=price_per_segment)
    plain_sms: str | None = None
    if (offer_plain or ctx.plain) and can_be_plain(ctx.language):
        candidate = compose(replace(ctx, plain=True)).sms
        plain_sms = candidate if candidate != full.sms else None
    plain_info = count_segments(plain_sms) if plain_sms is not None else None
    plain_cost = (
        sms_cost(plain_info, recipients=recipients, price_per_segment=price_per_segment)
        if plain_info is not None
        else None
    )
    return LanguagePreview(
        language=ctx.language,
        recipients=recipients,
        sms_text=full.sms,
        info=info,
        cost=cost,
        plain_text=plain_sms,
        plain_info=plain_info,
        plain_cost=plain_cost,
        saving=cost - plain_cost if plain_cost is not None else None,
        sends_plain=ctx.plain and plain_sms is not None,
        email_subject=full.subject,
        email_text=full.text,
        email_html=full.html,
    )


@dataclass(frozen=True)
class LanguagePlan:
    """One language of the mailing: the message preview and how the parents are reached.

    ``reply`` is the confirmation SMS the service answers an SMS answer with, and
    ``reply_cost`` what it costs when every parent reached by SMS answers once.
    ``whatsapp_template`` says whether this kind has an approved WhatsApp template in the
    language; ``whatsapp_waiting`` counts the parents who agreed to WhatsApp but go by the
    next channel because it has none.
    """

    preview: LanguagePreview
    sms: int
    email: int
    to_call: int
    reply: SegmentInfo
    reply_cost: Decimal
    whatsapp: int = 0
    voice: int = 0
    whatsapp_cost: Decimal = Decimal("0.00")
    voice_cost: Decimal | None = None
    whatsapp_template: bool = False
    whatsapp_waiting: int = 0
    whatsapp_text: str = ""  # the template as this language's parents read it ("" if none)
    whatsapp_buttons: tuple[str, ...] = ()

    @property
    def channels(self) -> list[ChannelLine]:
        """Each channel with the parents it reaches in this language and its cost."""
        return [
            ChannelLine(Route.SMS, self.sms, self.preview.cost_to_send),
            ChannelLine(Route.WHATSAPP, self.whatsapp, self.whatsapp_cost),
            ChannelLine(Route.EMAIL, self.email, Decimal("0.00")),
            ChannelLine(Route.VOICE, self.voice, self.voice_cost),
            ChannelLine(Route.CALL, self.to_call, Decimal("0.00")),
        ]


@dataclass(frozen=True)
class OutreachPreview:
    """The whole mailing before it is sent, and when it would leave."""

    event_id: int
    languages: list[LanguagePlan]
    already_invited: int
    sms_leaves: Departure
    email_leaves: Departure
    kind: MessageKind = MessageKind.INVITATION

    @property
    def recipients(self) -> int:
        """Parents who would get a message or a call."""
        return sum(
            plan.sms + plan.email + plan.whatsapp + plan.voice + plan.to_call
            for plan in self.languages
        )

    @property
    def whatsapp_count(self) -> int:
        """Parents who would get a WhatsApp message."""
        return sum(plan.whatsapp for plan in self.languages)

    @property
    def voice_count(self) -> int:
        """Parents who would get a spoken call (they asked to be called)."""
        return sum(plan.voice for plan in self.languages)

    @property
    def whatsapp_cost(self) -> Decimal:
        """What the WhatsApp messages would cost together."""
        return sum((plan.whatsapp_cost for plan in self.languages), Decimal("0.00"))

    @property
    def voice_cost(self) -> Decimal | None:
        """What the calls would cost, when every language's call is priced (else None)."""
        if any(plan.voice and plan.voice_cost is None for plan in self.languages):
            return None
        return sum((plan.voice_cost or Decimal("0.00") for plan in self.languages), Decimal("0.00"))

    @property
    def sms_count(self) -> int:
        """Parents who would get an SMS."""
        return sum(plan.sms for plan in self.languages)

    @property
    def email_count(self) -> int:
        """Parents who would get an email."""
        return sum(plan.email for plan in self.languages)

    @property
    def cost(self) -> Decimal:
        """What the SMS would cost together, as they would be sent."""
        return sum((plan.preview.cost_to_send for plan in self.languages), Decimal("0.00"))

    @property
    def reachable(self) -> int:
        """Parents the mailing itself reaches, on a channel (not those left to phone)."""
        return sum(plan.sms + plan.email + plan.whatsapp + plan.voice for plan in self.languages)

    @property
    def channel_cost(self) -> Decimal:
        """The SMS, WhatsApp messages and priced calls together (email is free)."""
        return self.cost + self.whatsapp_cost + (self.voice_cost or Decimal("0.00"))

    @property
    def cost_per_parent(self) -> Decimal | None:
        """What the channels cost divided over the parents reachable; None without any."""
        if not self.reachable:
            return None
        return (self.channel_cost / self.reachable).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def reply_cost(self) -> Decimal:
        """The expected automatic replies: one confirmation SMS per parent reached by SMS."""
        return sum((plan.reply_cost for plan in self.languages), Decimal("0.00"))

    @property
    def total_cost(self) -> Decimal:
        """The channels and the expected automatic replies together."""
        return self.channel_cost + self.reply_cost


async def preview_invitations(
    *, actor: Actor, event_id: int, audience: AudienceFilter, send_at: datetime | None = None
) -> OutreachPreview:
    """What sending invitations to ``audience`` would send; drafts may be previewed too."""
    event = await editable_event(actor=actor, event_id=event_id)
    facts = await event_facts(event)
    contacts = await select_audience(org_id=actor.org_id, audience=audience)
    require_text(facts, contacts, audience)
    done = await _already_invited_contacts(event.id, contacts)
    fresh = [contact for contact in contacts if contact.id not in done]
    plans = await plan_languages(
        facts, kind=MessageKind.INVITATION, org_id=actor.org_id, contacts=fresh
    )
    return mailing_preview(facts, plans, already=len(done), send_at=send_at)


def mailing_preview(
    facts: EventFacts,
    plans: list[LanguagePlan],
    *,
    already: int,
    send_at: datetime | None,
    kind: MessageKind = MessageKind.INVITATION,
) -> OutreachPreview:
    """The preview of ``plans``, with when its SMS and email leave."""
    settings = runtime().settings
    quiet = QuietHours(settings.tz, settings.quiet_start, settings.quiet_end)
    at = now()
    return OutreachPreview(
        event_id=facts.event.id,
        languages=plans,
        already_invited=already,
        sms_leaves=sms_departure(send_at, at=at, quiet=quiet),
        email_leaves=email_departure(send_at, at=at),
        kind=kind,
    )


async def plan_languages(
    facts: EventFacts, *, kind: MessageKind, org_id: int, contacts: Sequence[ContactRow]
) -> list[LanguagePlan]:
    """One plan per language of ``contacts``: the message of ``kind``, routes and prices."""
    await remember_sender(facts, org_id)
    plan = await channel_plan(organisation_id=org_id, kind=kind, event_id=facts.event.id)
    routes = Counter((contact.language, route_for(contact, plan=plan)) for contact in contacts)
    waiting = Counter(c.language for c in contacts if waits_for_template(c, plan))
    settings = runtime().settings
    price = Decimal(str(settings.sms_price_per_segment))
    whatsapp_price = Decimal(str(settings.whatsapp_price))
    voice_price = Decimal(str(settings.voice_price_per_minute))
    plans = []
    for language in sorted({contact.language for contact in contacts}):
        sample = sample_invitation(facts, org_id=org_id, language=language)
        ctx = message_context(facts, kind=kind, invitation=sample, contact=None)
        assert ctx is not None  # require_text made sure there is a text
        sms = routes[(language, Route.SMS)]
        whatsapp = routes[(language, Route.WHATSAPP)]
        voice = routes[(language, Route.VOICE)]
        reply = expected_reply(facts, language=language, title=ctx.title)
        plans.append(
            LanguagePlan(
                preview=preview_language(
                    ctx, recipients=sms, price_per_segment=price, offer_plain=True
                ),
                sms=sms,
                email=routes[(language, Route.EMAIL)],
                to_call=routes[(language, Route.CALL)],
                reply=reply,
                reply_cost=sms_cost(reply, recipients=sms, price_per_segment=price),
                whatsapp=whatsapp,
                voice=voice,
                whatsapp_cost=(whatsapp_price * whatsapp).quantize(CENT, ROUND_HALF_UP),
                voice_cost=call_cost(
                    invitation_text(ctx), calls=voice, price_per_minute=voice_price
                )[1],
                whatsapp_template=language in plan.whatsapp_languages,
                whatsapp_waiting=waiting[language],
                **whatsapp_preview(ctx, token=sample.token, shown=whatsapp > 0),
            )
        )
    return plans


def expected_reply(facts: EventFacts, *, language: str, title: str) -> SegmentInfo:
    """The confirmation SMS a parent's "yes" is answered with, measured."""
    event = facts.event
    with use_language(language):
        line = replies.EventLine(
            event.reply_code, title, when_text(event.starts_at, event.timezone)
        )
        text = replies.confirmation(
            language=language,
            answer=Answer.YES,
            party_size=1,
            waitlisted=False,
            event=line,
            page_url=parent_page_url(new_link_token()),
        )
    return count_segments(text)


def sample_invitation(facts: EventFacts, *, org_id: int, language: str) -> InvitationRow:
    """An invitation that stands for every parent in ``language``: same text, same length."""
    return InvitationRow(
        id=0,
        event_id=facts.event.id,
        organisation_id=org_id,
        contact_id=None,
        language=language,
        token=new_link_token(),
        answer=Answer.NONE,
        party_size=1,
        waitlisted=False,
    )


async def _already_invited_contacts(event_id: int, contacts: list[ContactRow]) -> set[int]:
    """Contacts of ``contacts`` whose invitation to the event already went out."""
    existing = await invitations_of(event_id, [contact.id for contact in contacts])
    contact_of = {invitation.id: contact_id for contact_id, invitation in existing.items()}
    return {contact_of[i] for i in await already_invited(list(contact_of))}


async def call_voices(*, org_id: int, event_id: int, languages: list[str]) -> dict[str, Readiness]:
    """Per language of a preview: whether a call would speak with a voice or play
    recordings, or cannot be made at all (no voice, and a needed recording missing)."""
    found = await call_readiness(organisation_id=org_id, event_id=event_id, languages=languages)
    return {ready.language: ready for ready in found}


@dataclass(frozen=True)
class CallCost:
    """What the spoken calls of one language would cost (``VOICE_PRICE_PER_MINUTE``)."""

    language: str
    calls: int
    minutes: int  # estimated started minutes of one call, from the script's length
    cost: Decimal


def call_cost(spoken: str, *, calls: int, price_per_minute: Decimal) -> tuple[int, Decimal]:
    """The estimated minutes of one call speaking ``spoken``, and ``calls`` such calls' cost."""
    minutes = estimated_minutes(spoken)
    return minutes, (price_per_minute * minutes * calls).quantize(CENT, rounding=ROUND_HALF_UP)


async def call_costs(
    facts: EventFacts, *, org_id: int, contacts: Sequence[ContactRow]
) -> list[CallCost]:
    """Per language, the invitations that would go as a spoken call, and what they cost."""
    plan = await channel_plan(
        organisation_id=org_id, kind=MessageKind.INVITATION, event_id=facts.event.id
    )
    calls = Counter(c.language for c in contacts if route_for(c, plan=plan) == Route.VOICE)
    price = Decimal(str(runtime().settings.voice_price_per_minute))
    await remember_sender(facts, org_id)
    costs = []
    for language in sorted(calls):
        sample = sample_invitation(facts, org_id=org_id, language=language)
        ctx = message_context(facts, kind=MessageKind.INVITATION, invitation=sample, contact=None)
        if ctx is None:
            continue
        minutes, cost = call_cost(
            invitation_text(ctx), calls=calls[language], price_per_minute=price
        )
        costs.append(CallCost(language, calls[language], minutes, cost))
    return costs
