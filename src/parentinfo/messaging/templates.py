"""Which WhatsApp Content templates are approved: the ContentSid staff stored per kind and
language (:class:`~parentinfo.messaging.models.WhatsAppTemplate`).

A kind or language without one is not sent by WhatsApp; routing gives it to the next channel.
"""

from __future__ import annotations

from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.models import WhatsAppTemplate


async def approved_templates(kind: MessageKind) -> dict[str, str]:
    """The ContentSid of ``kind`` per language, for the languages that have one."""
    rows = (
        await WhatsAppTemplate.filter(kind=kind)
        .exclude(content_sid="")
        .values_list("language", "content_sid")
    )
    return {str(language): str(sid) for language, sid in rows}
