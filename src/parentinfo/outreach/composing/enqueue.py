"""Invitations, notices, reminders and follow-ups composed as drafts for the messaging core.

Every event-bound queueing path (invitations, notices, reminders, follow-ups, fallback)
comes through :func:`queue_messages`, which composes and hands the drafts to
:func:`parentinfo.messaging.post.post_messages`; the caller opens
:func:`parentinfo.messaging.post.sending` around it, and the jobs follow its commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from parentinfo.calendar.builder import Attendee
from parentinfo.calendar.records import partstat_of
from parentinfo.calendar.service import invitation_itip
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.channels import Cost
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import Posted, existing_keys, post_messages
from parentinfo.outreach.audience.rows import ContactRow, InvitationRow
from parentinfo.outreach.composing.batchcompose import ComposeCache
from parentinfo.outreach.composing.compose import Composed
from parentinfo.outreach.composing.context import EventFacts, message_context, remember_sender
from parentinfo.outreach.sending.outbox import dedupe_key
from parentinfo.outreach.whatsapp.compose import whatsapp_body

Queued = Posted  # what a queueing path reports: the rows written, and those that existed
CALENDAR_METHOD: dict[MessageKind, str] = {
    MessageKind.INVITATION: "REQUEST",
    MessageKind.CHANGE: "REQUEST",
    MessageKind.CANCELLATION: "CANCEL",
}


@dataclass(frozen=True)
class Recipient:
    """One parent to write to, through one invitation, on one channel."""

    invitation: InvitationRow
    contact: ContactRow
    channel: Channel
    several_open: bool = False
    attended: bool = True


async def queue_messages(
    facts: EventFacts,
    *,
    kind: MessageKind,
    recipients: Iterable[Recipient],
    created_by_id: int | None = None,
    time_changed: bool = False,
    place_changed: bool = False,
    not_before: datetime | None = None,
) -> Posted:
    """Compose one draft per recipient that has no row yet for this message, and post them.

    ``not_before``: a time staff chose; the core holds the rows until then. Call inside
    :func:`parentinfo.messaging.post.sending`: the jobs follow its commit.
    """
    composed, existing = await compose_drafts(
        facts,
        kind=kind,
        recipients=recipients,
        created_by_id=created_by_id,
        time_changed=time_changed,
        place_changed=place_changed,
        not_before=not_before,
    )
    posted = await post_messages([draft for _, draft in composed], already_checked=True)
    posted.existing = existing
    return posted


async def compose_drafts(
    facts: EventFacts,
    *,
    kind: MessageKind,
    recipients: Iterable[Recipient],
    created_by_id: int | None = None,
    time_changed: bool = False,
    place_changed: bool = False,
    not_before: datetime | None = None,
) -> tuple[list[tuple[Recipient, Draft]], int]:
    """The drafts :func:`queue_messages` would post, each with its recipient, and how many
    recipients already have their row; writes nothing, so a preview shows exactly these."""
    sequence = facts.event.sequence
    wanted = {dedupe_key(kind, r.invitation.id, r.channel, sequence): r for r in recipients}
    existing = await existing_keys(list(wanted))
    drafts: list[tuple[Recipient, Draft]] = []
    cache = ComposeCache()
    changes = changes_label(time_changed=time_changed, place_changed=place_changed)
    for key, recipient in wanted.items():
        if key in existing:
            continue
        await remember_sender(facts, recipient.invitation.organisation_id)
        ctx = message_context(
            facts,
            kind=kind,
            invitation=recipient.invitation,
            contact=recipient.contact,
            several_open=recipient.several_open,
            time_changed=time_changed,
            place_changed=place_changed,
            attended=recipient.attended,
        )
        if ctx is None:
            continue  # no text in any language: the service refuses before we get here
        # Each draft is built once with every field: a copy per field costs more than composing.
        cost: Cost | None = None
        if recipient.channel == Channel.WHATSAPP:
            # The template's text, exactly as the parent reads it (one price, whatever its length).
            text = whatsapp_body(ctx, token=recipient.invitation.token)
            composed = Composed(subject="", text="", html="", sms=text)
            calendar = ""
        elif recipient.channel == Channel.SMS:
            composed = cache.compose(ctx, token=recipient.invitation.token)
            info = cache.sms_segments(composed.sms, token=recipient.invitation.token)
            cost = Cost(encoding=info.encoding, segments=info.segments)
            calendar = ""
        else:
            composed = cache.compose(ctx, token=recipient.invitation.token)
            calendar = calendar_part(facts, kind, recipient.invitation, recipient.contact)
        draft = _draft(
            facts,
            kind=kind,
            recipient=recipient,
            key=key,
            composed=composed,
            extra=_Extra(
                cost=cost,
                calendar=calendar,
                changes=changes,
                created_by_id=created_by_id,
                not_before=not_before,
            ),
        )
        drafts.append((recipient, draft))
    return drafts, len(existing)


def changes_label(*, time_changed: bool, place_changed: bool) -> str:
    """What a change notice says moved, as stored on its row."""
    return " ".join(
        name for name, moved in (("time", time_changed), ("place", place_changed)) if moved
    )


@dataclass(frozen=True)
class _Extra:
    """What a draft holds beyond its text: the SMS cost, the iTIP part, who sent it and when."""

    cost: Cost | None
    calendar: str
    changes: str
    created_by_id: int | None
    not_before: datetime | None


def _draft(
    facts: EventFacts,
    *,
    kind: MessageKind,
    recipient: Recipient,
    key: str,
    composed: Composed,
    extra: _Extra,
) -> Draft:
    invitation, contact = recipient.invitation, recipient.contact
    sms = recipient.channel in (Channel.SMS, Channel.WHATSAPP)  # a text to the mobile
    return Draft(
        organisation_id=invitation.organisation_id,
        event_id=facts.event.id,
        invitation_id=invitation.id,
        contact_id=contact.id,
        channel=recipient.channel,
        kind=kind,
        language=invitation.language,
        dedupe_key=key,
        to_address=contact.mobile if sms else contact.email,
        subject="" if sms else composed.subject,
        body=composed.sms if sms else composed.text,
        html_body="" if sms else composed.html,
        calendar=extra.calendar,
        changes=extra.changes,
        created_by_id=extra.created_by_id,
        not_before=extra.not_before,
        cost=extra.cost,
    )


def calendar_part(
    facts: EventFacts, kind: MessageKind, invitation: InvitationRow, contact: ContactRow
) -> str:
    """The email's iTIP part, built from the send's snapshot: no query per parent."""
    method = CALENDAR_METHOD.get(kind)
    if method is None or not contact.email:
        return ""
    return invitation_itip(
        facts.calendar,
        method=method,
        token=invitation.token,
        language=invitation.language,
        attendee=Attendee(
            name=contact.name, email=contact.email, partstat=partstat_of(str(invitation.answer))
        ),
    )
