"""Request and response bodies of the outreach API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES
from parentinfo.messaging.segments import SegmentInfo
from parentinfo.outreach.audience.selection import AudienceFilter
from parentinfo.outreach.lists.calls import CallOut
from parentinfo.outreach.lists.invitations import InvitationOut
from parentinfo.outreach.lists.messages import MessageOut
from parentinfo.outreach.preview import LanguagePlan, OutreachPreview
from parentinfo.outreach.service import SendSummary
from parentinfo.outreach.voice.voices import PROMPTS, Readiness

Language = Literal[SUPPORTED_LANGUAGES]  # type: ignore[valid-type]
Prompt = Literal[PROMPTS]  # type: ignore[valid-type]
CallUses = Literal["voice", "recording", "none"]
AgeGroup = Literal[AGE_GROUPS]  # type: ignore[valid-type]


class AudienceIn(msgspec.Struct, forbid_unknown_fields=True):
    """Which of the organisation's contacts to invite; empty lists mean any."""

    languages: Annotated[list[Language], msgspec.Meta(max_length=32)] = []
    age_groups: Annotated[list[AgeGroup], msgspec.Meta(max_length=8)] = []
    attended_before: bool | None = None
    kind: Literal["invitation"] = "invitation"
    # When the messages should leave (without a zone: the organisation's local time);
    # none: right away. SMS still wait for the quiet hours to end.
    send_at: datetime | None = None

    def audience(self) -> AudienceFilter:
        """The filter the services take."""
        return AudienceFilter(
            languages=tuple(self.languages),
            age_groups=tuple(self.age_groups),
            attended_before=self.attended_before,
        )


class SmsPreviewOut(msgspec.Struct):
    """One SMS text and what it costs for all recipients of its language."""

    text: str
    encoding: str
    characters: int
    segments: int
    cost: str  # euro, two decimals


class LanguagePreviewOut(msgspec.Struct):
    """One language of the mailing."""

    language: str
    sms_recipients: int
    email_recipients: int
    to_call: int
    sms: SmsPreviewOut
    sms_plain: SmsPreviewOut | None
    saving: str | None
    sends_plain: bool
    email_subject: str
    email_text: str
    email_html: str
    email_has_invite: bool
    reply_segments: int  # the confirmation SMS an SMS answer gets back
    reply_cost: str  # one such reply per parent reached by SMS
    whatsapp_recipients: int = 0
    whatsapp_cost: str = "0.00"  # one price per WhatsApp message
    voice_recipients: int = 0  # parents who asked to be called
    voice_cost: str | None = None  # null: paid per minute, known after the calls
    whatsapp_template: bool = False  # an approved WhatsApp template in this language
    whatsapp_waiting: int = 0  # agreed to WhatsApp, but go by the next channel (no template)
    whatsapp_text: str = ""  # the template's text as these parents read it; "" when none go
    whatsapp_buttons: list[str] = msgspec.field(default_factory=list)
    # How a call in this language would be spoken: a Twilio voice, the volunteers'
    # recordings (no voice for the language), or none (no calls until recorded). Null
    # where this preview does not say (the nudge's).
    call_uses: CallUses | None = None
    call_voice: Annotated[str, msgspec.Meta(max_length=64)] | None = None  # Twilio's name
    # The recordings a call in a language without a voice still needs.
    call_missing: Annotated[list[Prompt], msgspec.Meta(max_length=len(PROMPTS))] = msgspec.field(
        default_factory=list
    )
    # The event moved after its invitation was recorded in this language: record it again
    # (until then a voice reads it, or, without one, no calls).
    call_recording_stale: bool = False


class PreviewOut(msgspec.Struct):
    """Every language of the mailing, the totals, and when it leaves."""

    event_id: int
    kind: str
    languages: list[LanguagePreviewOut]
    recipients: int
    already_invited: int
    cost: str  # the messages themselves
    reachable: int  # on a channel; parents on the volunteers' call list are not counted
    cost_per_parent: str | None  # euro, four decimals: cost / reachable; null when none
    reply_cost: str  # the expected automatic replies
    total_cost: str
    reply_assumption: str
    sms_leave_at: datetime
    sms_after_quiet_hours: bool
    email_leave_at: datetime
    scheduled: bool
    whatsapp_cost: str = "0.00"
    voice_cost: str | None = None  # null: some calls are paid per minute, known afterwards


class NudgeIn(msgspec.Struct, forbid_unknown_fields=True):
    """When the nudge leaves; none: three days before the session (or now, when that passed)."""

    send_at: datetime | None = None
    right_away: bool = False  # send now instead of the default time


class TestSendIn(msgspec.Struct, forbid_unknown_fields=True):
    """A test of the message to your own phone (the number given) or login address."""

    language: Language
    channel: Literal["sms", "email"]
    kind: Literal["invitation", "nudge"] = "invitation"
    mobile: Annotated[str, msgspec.Meta(max_length=40)] = ""


class TestSendOut(msgspec.Struct):
    """Where the test went, and when it leaves."""

    channel: str
    to: str
    leaves_at: datetime
    after_quiet_hours: bool


class ScheduledOut(msgspec.Struct):
    """Messages of one kind waiting for one moment."""

    kind: str
    at: datetime
    sms: int
    email: int


class CallOffIn(msgspec.Struct, forbid_unknown_fields=True):
    """Which waiting messages to call off: their kind and the moment they wait for."""

    kind: Literal["invitation", "nudge"]
    at: datetime


class CallOffOut(msgspec.Struct):
    """How many messages were called off."""

    called_off: int


class SendOut(msgspec.Struct):
    """What was queued."""

    queued: int
    skipped_existing: int
    to_call: int


class MessagePageOut(msgspec.Struct):
    """One page of the outbox, and how many of all it found went by each channel."""

    items: list[MessageOut]
    total: int
    page: int
    per_page: int
    by_channel: dict[str, int] = msgspec.field(default_factory=dict)


class InvitationPageOut(msgspec.Struct):
    """One page of an event's invitations."""

    items: list[InvitationOut]
    total: int
    page: int
    per_page: int


class CalledOut(msgspec.Struct):
    """What "call these parents automatically" did."""

    called: int  # spoken calls posted, one per parent
    left: int  # stay for a volunteer: no mobile, no voice for the language, or rung before


class CallPageOut(msgspec.Struct):
    """One page of the call list."""

    items: list[CallOut]
    total: int
    page: int
    per_page: int


def _sms_out(text: str, info: SegmentInfo, cost: object) -> SmsPreviewOut:
    return SmsPreviewOut(
        text=text,
        encoding=info.encoding,
        characters=info.characters,
        segments=info.segments,
        cost=str(cost),
    )


def language_out(plan: LanguagePlan, voice: Readiness | None = None) -> LanguagePreviewOut:
    """A language plan as the API shows it (``voice``: how a call in it would be spoken)."""
    p = plan.preview
    plain = (
        _sms_out(p.plain_text, p.plain_info, p.plain_cost)
        if p.plain_text is not None and p.plain_info is not None
        else None
    )
    return LanguagePreviewOut(
        language=p.language,
        sms_recipients=plan.sms,
        email_recipients=plan.email,
        to_call=plan.to_call,
        sms=_sms_out(p.sms_text, p.info, p.cost),
        sms_plain=plain,
        saving=str(p.saving) if p.saving is not None else None,
        sends_plain=p.sends_plain,
        email_subject=p.email_subject,
        email_text=p.email_text,
        email_html=p.email_html,
        email_has_invite=True,
        reply_segments=plan.reply.segments,
        reply_cost=str(plan.reply_cost),
        whatsapp_recipients=plan.whatsapp,
        whatsapp_cost=str(plan.whatsapp_cost),
        voice_recipients=plan.voice,
        voice_cost=None if plan.voice_cost is None else str(plan.voice_cost),
        whatsapp_template=plan.whatsapp_template,
        whatsapp_waiting=plan.whatsapp_waiting,
        whatsapp_text=plan.whatsapp_text,
        whatsapp_buttons=list(plan.whatsapp_buttons),
        call_uses=voice.uses if voice else None,  # type: ignore[arg-type]
        call_voice=voice.voice if voice else None,
        call_missing=list(voice.missing) if voice else [],
        call_recording_stale=bool(voice and "invitation" in voice.stale),
    )


def preview_out(
    preview: OutreachPreview, voices: Mapping[str, Readiness] | None = None
) -> PreviewOut:
    """The whole preview as the API shows it (``voices``: per language, how a call would
    be spoken; not said when None)."""
    said = voices or {}
    return PreviewOut(
        event_id=preview.event_id,
        kind=preview.kind.value,
        languages=[
            language_out(plan, said.get(plan.preview.language)) for plan in preview.languages
        ],
        recipients=preview.recipients,
        already_invited=preview.already_invited,
        cost=str(preview.cost),
        reply_cost=str(preview.reply_cost),
        total_cost=str(preview.total_cost),
        reply_assumption=REPLY_ASSUMPTION,
        sms_leave_at=preview.sms_leaves.at,
        sms_after_quiet_hours=preview.sms_leaves.after_quiet_hours,
        email_leave_at=preview.email_leaves.at,
        scheduled=preview.sms_leaves.scheduled,
        reachable=preview.reachable,
        cost_per_parent=None if preview.cost_per_parent is None else str(preview.cost_per_parent),
        whatsapp_cost=str(preview.whatsapp_cost),
        voice_cost=None if preview.voice_cost is None else str(preview.voice_cost),
    )


REPLY_ASSUMPTION = (
    "Every parent reached by SMS answers once by SMS, and each answer gets one "
    "confirmation SMS back."
)


def send_out(summary: SendSummary) -> SendOut:
    """A send summary as the API shows it."""
    return SendOut(
        queued=summary.queued, skipped_existing=summary.skipped_existing, to_call=summary.to_call
    )
