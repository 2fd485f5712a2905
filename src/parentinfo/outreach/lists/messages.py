"""What staff look at: the outbox of their organisation.

An organisation sees its own parents' messages in full, and nothing of another
organisation's parents — not even for an event they host together (no masked number, no
address fragment: those narrow a parent down). A volunteer sees only the messages to
contacts they added. Password-reset mail is shown to nobody.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import contact_query_for
from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus, Role
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.messaging.models import OutboundMessage


class MessageOut(msgspec.Struct, frozen=True):
    """One outbox message of the actor's own organisation."""

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


def message_query_for(actor: Actor) -> QuerySet[OutboundMessage]:
    """The messages ``actor`` may see: the own organisation's, to contacts they may see.

    The same rule as the contacts (``contacts.access``): a volunteer sees only messages to
    the contacts they added. Password-reset and account-invitation mail is left out for
    everyone: its link, even when it is not in the stored text, is about an account.
    """
    query = OutboundMessage.filter(organisation_id=actor.org_id).exclude(
        kind__in=[MessageKind.PASSWORD_RESET, MessageKind.ACCOUNT_INVITE]
    )
    if actor.role == Role.VOLUNTEER:
        query = query.filter(contact_id__in=Subquery(contact_query_for(actor).values("id")))
    return query


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
    items = [message_view(row) for row in rows]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)


async def channel_counts(
    *, actor: Actor, status: str | None = None, event_id: int | None = None
) -> dict[str, int]:
    """How many of the messages :func:`list_messages` finds went by each channel.

    Every channel is named, with 0 where none went, so a page can show them all.
    """
    actor.require_coordinator()
    query = message_query_for(actor)
    if wanted := _enum_value(MessageStatus, "status", status):
        query = query.filter(status=wanted)
    if event_id is not None:
        query = query.filter(event_id=event_id)
    return {channel.value: await query.filter(channel=channel).count() for channel in Channel}


async def recipient_names(*, actor: Actor, message_ids: list[int]) -> dict[int, str]:
    """The name of each message's contact, by message id, for contacts the actor may see."""
    pairs = await OutboundMessage.filter(
        id__in=message_ids, organisation_id=actor.org_id, contact_id__isnull=False
    ).values_list("id", "contact_id")
    wanted = {int(contact_id) for _id, contact_id in pairs}
    names = dict(await contact_query_for(actor).filter(id__in=wanted).values_list("id", "name"))
    return {int(i): str(names[c]) for i, c in pairs if c in names}


def message_view(row: OutboundMessage) -> MessageOut:
    """A row of the actor's own organisation, for staff."""
    held = row.send_after if row.status == MessageStatus.PENDING else None
    return MessageOut(
        id=row.id,
        event_id=row.event_id,  # type: ignore[attr-defined]
        invitation_id=row.invitation_id,  # type: ignore[attr-defined]
        organisation_id=row.organisation_id,  # type: ignore[attr-defined]
        kind=row.kind.value,
        channel=row.channel.value,
        language=row.language,
        status=row.status.value,
        withheld_reason=row.withheld_reason,
        held_until=held,
        to=row.to_address or "",
        subject=row.subject,
        body=row.body,
        encoding=row.encoding,
        segments=row.segments,
        attempts=row.attempts,
        error_code=row.error_code,
        error_message=row.error_message,
        created_at=row.created_at,
        sent_at=row.sent_at,
        delivered_at=row.delivered_at,
    )
