"""The channel plan of one mailing: the organisation's order of channels, and the languages
WhatsApp (and, later, a spoken call) can serve for this kind of message.

Read once per mailing and handed to the pure
:func:`~parentinfo.outreach.audience.selection.route_for`.
"""

from __future__ import annotations

from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.audience.selection import ChannelPlan, parse_order
from parentinfo.outreach.whatsapp.readiness import approved_languages


async def channel_plan(
    *, organisation_id: int, kind: MessageKind, event_id: int | None
) -> ChannelPlan:
    """What routing may use for ``kind`` from this organisation (raises
    :class:`~parentinfo.outreach.whatsapp.readiness.WhatsAppNotReady` when a stored
    WhatsApp template is wrong: the mailing stops before anything is written)."""
    del event_id  # the same for every event today; calls may depend on it
    order = await channel_order(organisation_id)
    return ChannelPlan(order=order, whatsapp_languages=await approved_languages(kind))


async def channel_order(organisation_id: int) -> tuple[Channel, ...]:
    """The organisation's order of channels (the default when it chose none)."""
    raw = await Organisation.filter(id=organisation_id).values_list("channel_order", flat=True)
    return parse_order(str(raw[0]) if raw else "")
