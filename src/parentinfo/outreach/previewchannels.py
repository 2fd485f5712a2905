"""The preview's channels beyond the SMS: who waits for a WhatsApp template, what their
WhatsApp message reads (a pure core; :mod:`preview` uses it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import ChannelPlan, Route, route_for
from parentinfo.outreach.composing.compose import MessageContext
from parentinfo.outreach.whatsapp.compose import whatsapp_body
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition


@dataclass(frozen=True)
class ChannelLine:
    """How many parents of one language a channel reaches, and what that costs.

    ``cost`` is None where it is not known before sending (a call is paid by the minute).
    """

    route: Route
    parents: int
    cost: Decimal | None


def waits_for_template(contact: ContactRow, plan: ChannelPlan) -> bool:
    """True when ``contact`` would get WhatsApp if their language had an approved template."""
    if contact.language in plan.whatsapp_languages:
        return False
    with_template = replace(plan, whatsapp_languages=frozenset({contact.language}))
    return route_for(contact, plan=with_template) == Route.WHATSAPP


def whatsapp_preview(ctx: MessageContext, *, token: str, shown: bool) -> dict[str, Any]:
    """The WhatsApp message of ``ctx`` as its parents will read it, with the buttons' titles."""
    if not shown or ctx.kind not in WHATSAPP_KINDS:
        return {}
    buttons = definition(ctx.kind, ctx.language).buttons
    return {
        "whatsapp_text": whatsapp_body(ctx, token=token),
        "whatsapp_buttons": tuple(button.title for button in buttons),
    }
