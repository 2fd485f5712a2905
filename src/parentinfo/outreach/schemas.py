"""Request and response bodies of the outreach API."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES
from parentinfo.messaging.segments import SegmentInfo
from parentinfo.outreach.audience import AudienceFilter
from parentinfo.outreach.calls import CallOut
from parentinfo.outreach.guestlist import InvitationOut
from parentinfo.outreach.listings import MessageOut
from parentinfo.outreach.previewing import LanguagePlan, OutreachPreview
from parentinfo.outreach.service import SendSummary

Language = Literal[SUPPORTED_LANGUAGES]  # type: ignore[valid-type]
AgeGroup = Literal[AGE_GROUPS]  # type: ignore[valid-type]


class AudienceIn(msgspec.Struct, forbid_unknown_fields=True):
    """Which of the organisation's contacts to invite; empty lists mean any."""

    languages: Annotated[list[Language], msgspec.Meta(max_length=32)] = []
    age_groups: Annotated[list[AgeGroup], msgspec.Meta(max_length=8)] = []
    attended_before: bool | None = None
    kind: Literal["invitation"] = "invitation"

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


class PreviewOut(msgspec.Struct):
    """Every language of the mailing, and the totals."""

    event_id: int
    languages: list[LanguagePreviewOut]
    recipients: int
    already_invited: int
    cost: str
    reachable: int  # by SMS or email; parents to phone are not counted
    cost_per_parent: str | None  # euro, four decimals: cost / reachable; null when none


class SendOut(msgspec.Struct):
    """What was queued."""

    queued: int
    skipped_existing: int
    to_call: int


class MessagePageOut(msgspec.Struct):
    """One page of the outbox."""

    items: list[MessageOut]
    total: int
    page: int
    per_page: int


class InvitationPageOut(msgspec.Struct):
    """One page of an event's invitations."""

    items: list[InvitationOut]
    total: int
    page: int
    per_page: int


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


def language_out(plan: LanguagePlan) -> LanguagePreviewOut:
    """A language plan as the API shows it."""
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
    )


def preview_out(preview: OutreachPreview) -> PreviewOut:
    """The whole preview as the API shows it."""
    return PreviewOut(
        event_id=preview.event_id,
        languages=[language_out(plan) for plan in preview.languages],
        recipients=preview.recipients,
        already_invited=preview.already_invited,
        cost=str(preview.cost),
        reachable=preview.reachable,
        cost_per_parent=None if preview.cost_per_parent is None else str(preview.cost_per_parent),
    )


def send_out(summary: SendSummary) -> SendOut:
    """A send summary as the API shows it."""
    return SendOut(
        queued=summary.queued, skipped_existing=summary.skipped_existing, to_call=summary.to_call
    )
