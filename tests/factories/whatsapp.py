"""Builders for WhatsApp tests: approved templates held by the fake Twilio and stored as
staff would store their ContentSids."""

from __future__ import annotations

from collections.abc import Iterable

from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition
from tests.fakes.twilio_server import FakeTwilio

WHATSAPP_FROM = "+3197010000099"


async def approve_templates(
    twilio: FakeTwilio,
    languages: Iterable[str] = ("pl",),
    kinds: Iterable[MessageKind] = WHATSAPP_KINDS,
) -> dict[tuple[MessageKind, str], str]:
    """Submit our templates to the fake and store their ContentSids; returns them."""
    sids: dict[tuple[MessageKind, str], str] = {}
    for kind in kinds:
        for language in languages:
            template = definition(kind, language)
            sid = twilio.add_template(
                template.body,
                template.samples,
                language=language,
                content_type=template.content_type,
            )
            await WhatsAppTemplate.create(kind=kind, language=language, content_sid=sid)
            sids[(kind, language)] = sid
    return sids
