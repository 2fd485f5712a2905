"""Before a move or a cancellation is saved: who would be told, how, in which languages, at
what cost, and the very texts.

The preview is built from the drafts saving would post (``outreach.notices``), not from a
second composition, so the count and the texts it shows are the ones that leave. Every
parent's message carries their own link; the preview shows one sample link of the same
length (so the SMS length stays true) and a slot for the greeting's name.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.events.service import PlannedChange, cancellable_event, plan_update
from parentinfo.lib.enums import Channel, EventStatus, MessageKind
from parentinfo.lib.tokens import new_token
from parentinfo.messaging.drafts import Draft
from parentinfo.outreach.composing.enqueue import Recipient
from parentinfo.outreach.notices.changes import (
    NoticeDrafts,
    draft_cancellations,
    draft_change_notices,
)
from parentinfo.runtime import runtime

CENT = Decimal("0.01")
NAME_SLOT = "\u27e8name\u27e9"  # where a parent's own name stands; the page says so in words


@dataclass(frozen=True)
class NoticeText:
    """One text as it leaves, and how many parents of one language get it on one channel."""

    channel: Channel
    count: int
    subject: str
    body: str
    segments: int  # per SMS; 0 for email


@dataclass
class LanguageLine:
    """The parents of one language: how each is reached, the texts, the SMS cost."""

    language: str
    sms: int = 0
    email: int = 0
    to_call: int = 0
    segments: int = 0
    texts: list[NoticeText] = field(default_factory=list)

    @property
    def parents(self) -> int:
        """Parents of this language told by SMS, email or a volunteer's call."""
        return self.sms + self.email + self.to_call


@dataclass(frozen=True)
class NoticePreview:
    """What telling the parents would send, language by language."""

    kind: MessageKind
    languages: list[LanguageLine]
    price_per_segment: Decimal
    superseded: int = 0  # earlier notices not sent yet that the new ones replace
    sample_token: str = ""  # the link token the texts show in place of each parent's own

    @property
    def parents(self) -> int:
        """Parents told: one message each, or a place on the call list."""
        return sum(line.parents for line in self.languages)

    @property
    def messages(self) -> int:
        """Messages that would be written to the outbox (SMS and email)."""
        return sum(line.sms + line.email for line in self.languages)

    @property
    def sms(self) -> int:
        """Parents told by SMS."""
        return sum(line.sms for line in self.languages)

    @property
    def email(self) -> int:
        """Parents told by email."""
        return sum(line.email for line in self.languages)

    @property
    def to_call(self) -> int:
        """Parents only a volunteer's call reaches."""
        return sum(line.to_call for line in self.languages)

    def cost_of(self, line: LanguageLine) -> Decimal:
        """The SMS of one language together, rounded to cents as invoices are."""
        return (Decimal(line.segments) * self.price_per_segment).quantize(CENT, ROUND_HALF_UP)

    @property
    def cost(self) -> Decimal:
        """Every SMS together."""
        segments = sum(line.segments for line in self.languages)
        return (Decimal(segments) * self.price_per_segment).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class ChangePreview:
    """A change checked but not saved, and the notices saving it would send."""

    plan: PlannedChange
    notices: NoticePreview

    @property
    def asks(self) -> bool:
        """Staff must choose: the change reaches parents and somebody would be told."""
        return self.plan.reaches_parents and self.notices.parents > 0


async def preview_change(*, actor: Actor, event_id: int, changes: dict[str, Any]) -> ChangePreview:
    """What saving ``changes`` would tell whom; checks as saving would, saves nothing."""
    plan = await plan_update(actor=actor, event_id=event_id, changes=changes)
    drafts = NoticeDrafts()
    if plan.reaches_parents:
        drafts = await draft_change_notices(
            plan.proposed, time_changed=plan.time_changed, place_changed=plan.place_changed
        )
    return ChangePreview(plan, summarise(MessageKind.CHANGE, drafts))


async def preview_cancellation(*, actor: Actor, event_id: int) -> NoticePreview:
    """What cancelling would tell whom; refuses as cancelling would, changes nothing."""
    event = await cancellable_event(actor=actor, event_id=event_id)
    cancelled = copy.copy(event)
    cancelled.status = EventStatus.CANCELLED
    cancelled.sequence = event.sequence + 1
    return summarise(MessageKind.CANCELLATION, await draft_cancellations(cancelled))


def summarise(kind: MessageKind, drafts: NoticeDrafts) -> NoticePreview:
    """The drafts by language, channel and text (a pure core)."""
    sample_token = new_token()
    lines: dict[str, LanguageLine] = {}
    texts: dict[tuple[str, Channel, str, str], list[Draft]] = {}
    for recipient, draft in drafts.drafts:
        line = lines.setdefault(draft.language, LanguageLine(draft.language))
        if draft.channel == Channel.SMS:
            line.sms += 1
            line.segments += draft.cost.segments if draft.cost else 1
        else:
            line.email += 1
        subject, body = _as_shown(recipient, draft, sample_token)
        texts.setdefault((draft.language, draft.channel, subject, body), []).append(draft)
    for invitation in drafts.to_call:
        lines.setdefault(invitation.language, LanguageLine(invitation.language)).to_call += 1
    for (language, channel, subject, body), same in texts.items():
        first = same[0]
        segments = first.cost.segments if first.cost and channel == Channel.SMS else 0
        lines[language].texts.append(NoticeText(channel, len(same), subject, body, segments))
    for line in lines.values():  # SMS first, the most common text first
        line.texts.sort(key=lambda t: (t.channel != Channel.SMS, -t.count))
    return NoticePreview(
        kind=kind,
        languages=[lines[code] for code in sorted(lines)],
        price_per_segment=Decimal(str(runtime().settings.sms_price_per_segment)),
        superseded=len(drafts.superseded),
        sample_token=sample_token,
    )


def _as_shown(recipient: Recipient, draft: Draft, sample_token: str) -> tuple[str, str]:
    """The draft with a sample link and, in an email, a slot for the greeting's name.

    Only the first mention of the name is the greeting (the text above any detail), so a
    name that is also an ordinary word elsewhere stays where it is.
    """
    body = draft.body.replace(recipient.invitation.token, sample_token)
    name = recipient.contact.name
    if draft.channel == Channel.EMAIL and name:
        body = body.replace(name, NAME_SLOT, 1)
    return draft.subject, body
