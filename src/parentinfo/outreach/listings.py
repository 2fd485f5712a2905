"""What staff look at: the outbox, an event's invitations, and the call list.

An organisation sees its own parents in full. For an event it hosts together with others,
it also sees the others' messages and answers, but never their parents' numbers,
addresses or message texts: a number is masked, a name and an answer are all it gets.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.errors import invalid_field
from parentinfo.events.models import EventHost
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Channel, HostStatus, MessageKind, MessageStatus
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.logs import mask_personal, mask_phone
from parentinfo.outreach.models import OutboundMessage


class MessageOut(msgspec.Struct, frozen=True):
    """One outbox message; ``to``, ``subject`` and ``body`` are blank or masked for co-hosts."""

    id: int
    event_id: int | None
    invitation_id: int | None
    organisation_id: int | None
    kind: str
    channel: str
    language: str
    status: str
    withheld_reason: str
    held_until: datetime | None
    to: str
    subject: str
    body: str
    encoding: str
    segments: int
    attempts: int
    error_code: str
    error_message: str
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None


def hosted_event_ids(actor: Actor) -> Subquery:
    """Events the actor's organisation owns or co-hosts (accepted)."""
    return Subquery(
        EventHost.filter(organisation_id=actor.org_id, status=HostStatus.ACCEPTED).values(
            "event_id"
        )
    )


def message_query_for(actor: Actor) -> QuerySet[OutboundMessage]:
    """The actor's organisation's messages, and every message of events it hosts.

    Password-reset and account-invitation mail is left out: its link would let a colleague
    take over an account.
    """
    return OutboundMessage.filter(
        Q(organisation_id=actor.org_id)
        | Q(event__organisation_id=actor.org_id)
        | Q(event_id__in=hosted_event_ids(actor))
    ).exclude(kind__in=[MessageKind.PASSWORD_RESET, MessageKind.ACCOUNT_INVITE])


def _enum_value(kind: type[MessageStatus] | type[Channel], name: str, raw: str | None) -> str:
    if raw is None or raw == "":
        return ""
    try:
        return kind(raw).value
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise invalid_field(name, _("must be one of {allowed}").format(allowed=allowed)) from None


async def list_messages(
    *,
    actor: Actor,
    page: PageRequest,
    status: str | None = None,
    event_id: int | None = None,
    channel: str | None = None,
) -> Page[MessageOut]:
    """The outbox, newest first, filtered by status, event and channel."""
    actor.require_coordinator()
    query = message_query_for(actor)
    if wanted := _enum_value(MessageStatus, "status", status):
        query = query.filter(status=wanted)
    if wanted := _enum_value(Channel, "channel", channel):
        query = query.filter(channel=wanted)
    if event_id is not None:
        query = query.filter(event_id=event_id)
    total = await query.count()
    rows = await query.order_by("-id").offset(page.offset).limit(page.per_page)
    items = [message_view(row, own=row.organisation_id == actor.org_id) for row in rows]  # type: ignore[attr-defined]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)


def message_view(row: OutboundMessage, *, own: bool) -> MessageOut:
    """A row for staff: in full for the own organisation, without personal data otherwise."""
    address = row.to_address or ""
    if not own:
        address = mask_phone(address) if row.channel == Channel.SMS else mask_personal(address)
    held = row.send_after if row.status == MessageStatus.PENDING else None
    return MessageOut(
        id=row.id,
        event_id=row.event_id,  # type: ignore[attr-defined]
        invitation_id=row.invitation_id if own else None,  # type: ignore[attr-defined]
        organisation_id=row.organisation_id,  # type: ignore[attr-defined]
        kind=row.kind.value,
        channel=row.channel.value,
        language=row.language,
        status=row.status.value,
        withheld_reason=row.withheld_reason,
        held_until=held,
        to=address,
        subject=row.subject if own else "",
        body=row.body if own else "",
        encoding=row.encoding,
        segments=row.segments,
        attempts=row.attempts,
        error_code=row.error_code,
        error_message=row.error_message if own else "",
        created_at=row.created_at,
        sent_at=row.sent_at,
        delivered_at=row.delivered_at,
    )
