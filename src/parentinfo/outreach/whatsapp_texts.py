"""The WhatsApp template texts staff see beside each ContentSid (read from the template
definitions the WhatsApp sender submits)."""

from __future__ import annotations

from parentinfo.lib.enums import MessageKind

# Until the definitions land: the kinds a business-initiated WhatsApp message can be.
TEMPLATE_KINDS: tuple[MessageKind, ...] = (
    MessageKind.INVITATION,
    MessageKind.REMINDER,
    MessageKind.CHANGE,
    MessageKind.CANCELLATION,
    MessageKind.NUDGE,
)


def template_text(kind: MessageKind, language: str) -> str:
    """The template's text in ``language``, its variables as ``{{1}}``, ``{{2}}``…"""
    del kind, language
    return ""
