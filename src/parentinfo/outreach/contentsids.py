"""The ContentSid table as staff read it: per kind and language, our template's text
(``outreach.whatsapp.templates``) beside the ContentSid stored for it
(``organisations.whatsapp_sids``, which checks, stores and audits it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parentinfo.accounts.actor import Actor
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.organisations import whatsapp_sids
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition


@dataclass(frozen=True)
class TemplateRow:
    """One kind in one language: our text, its ContentSid (or ""), who set it and when."""

    kind: MessageKind
    language: str
    text: str  # Twilio's numbered variables in it: "{{1}}"
    variables: tuple[str, ...]  # what each number holds: variables[0] is "{{1}}"
    buttons: tuple[str, ...]  # the quick-reply buttons' titles, in the language
    content_sid: str
    updated_by: str
    updated_at: datetime | None

    @property
    def approved(self) -> bool:
        """True when WhatsApp may send this kind in this language."""
        return bool(self.content_sid)


def clean_kind(raw: str) -> MessageKind:
    """A message kind that has a WhatsApp template."""
    return whatsapp_sids.clean_kind(raw, WHATSAPP_KINDS)


async def template_rows(*, actor: Actor, kind: MessageKind | None = None) -> list[TemplateRow]:
    """Every kind (or one) in every language, in the order of the definitions (admins)."""
    kinds = [kind] if kind is not None else list(WHATSAPP_KINDS)
    stored = await whatsapp_sids.stored_templates(actor=actor, kinds=kinds)
    return [
        _row(each, language, stored.get((each, language)))
        for each in kinds
        for language in SUPPORTED_LANGUAGES
    ]


async def set_content_sid(
    *, actor: Actor, kind: str, language: str, content_sid: str | None
) -> TemplateRow:
    """Store (or, with "", take out) the ContentSid of one kind and language (admins)."""
    actor.require_admin()
    chosen = clean_kind(kind)
    row = await whatsapp_sids.set_content_sid(
        actor=actor, kind=chosen, language=language, content_sid=content_sid
    )
    return _row(chosen, row.language, row)


def _row(kind: MessageKind, language: str, stored: WhatsAppTemplate | None) -> TemplateRow:
    user = stored.updated_by if stored is not None and stored.updated_by_id else None  # type: ignore[attr-defined]
    ours = definition(kind, language)
    return TemplateRow(
        kind=kind,
        language=language,
        text=ours.body,
        variables=ours.variables,
        buttons=tuple(button.title for button in ours.buttons),
        content_sid=stored.content_sid if stored else "",
        updated_by=(user.name or user.email) if user else "",
        updated_at=stored.updated_at if stored else None,
    )
