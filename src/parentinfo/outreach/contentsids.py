"""The ContentSid table staff keep: per message kind and language, the approved WhatsApp
Content template Twilio gave us, beside the text we submitted for it.

Twilio approves a template and names it by a ContentSid (``HX`` and 32 hexadecimal
digits); staff paste it here. An empty ContentSid takes the template out: that kind in that
language goes by the next channel (``messaging.templates.approved_templates``). The table
is the deployment's (one WhatsApp sender), so only admins change it, and every change is
written to the audit log with who made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, FieldError, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition
from parentinfo.privacy import audit

SID_LENGTH = 34
_SID = re.compile(r"^HX[0-9a-f]{32}$")
_EXAMPLE = "HX" + "0123456789abcdef" * 2


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


def clean_content_sid(raw: str | None) -> str:
    """``HX`` and 32 hex digits (spaces around and upper-case digits forgiven), or "".

    Refused with what to fix: the wrong kind of SID (Twilio has many), a wrong length, or
    characters that are not hexadecimal.
    """
    text = (raw or "").strip()
    if not text:
        return ""
    sid = text[:2].upper() + text[2:].lower()
    if _SID.match(sid):
        return sid
    shown = text[:40]
    if not sid.startswith("HX"):
        message = _(
            "{value} is not a ContentSid: a ContentSid starts with HX. Copy the SID of the "
            "approved template from Twilio's Content Template Builder (like {example})"
        )
    elif len(sid) != SID_LENGTH:
        message = _(
            "{value} has {length} characters, but a ContentSid has 34: HX and 32 hexadecimal "
            "digits (like {example}). Copy it again, whole, from Twilio"
        )
    else:
        message = _(
            "{value} has characters that are not hexadecimal: after HX come only the digits "
            "0-9 and the letters a-f (like {example})"
        )
    raise invalid_field(
        "content_sid", message.format(value=shown, length=len(text), example=_EXAMPLE)
    )


def clean_kind(raw: str) -> MessageKind:
    """A message kind that has a WhatsApp template."""
    if raw in {k.value for k in WHATSAPP_KINDS}:
        return MessageKind(raw)
    raise invalid_field(
        "kind",
        _("{value} has no WhatsApp template; use one of: {kinds}").format(
            value=repr(raw[:20]), kinds=", ".join(k.value for k in WHATSAPP_KINDS)
        ),
    )


def clean_template_language(raw: str) -> str:
    """A language the service speaks."""
    if raw in SUPPORTED_LANGUAGES:
        return raw
    raise invalid_field(
        "language",
        _("{value} is not a supported language; use one of: {codes}").format(
            value=repr(raw[:20]), codes=", ".join(SUPPORTED_LANGUAGES)
        ),
    )


async def template_rows(*, actor: Actor, kind: MessageKind | None = None) -> list[TemplateRow]:
    """Every kind (or one) in every language, in the order of the definitions (admins)."""
    actor.require_admin()
    kinds = [kind] if kind is not None else list(WHATSAPP_KINDS)
    stored = {
        (row.kind, row.language): row
        for row in await WhatsAppTemplate.filter(kind__in=kinds).select_related("updated_by")
    }
    rows = []
    for each in kinds:
        for language in SUPPORTED_LANGUAGES:
            rows.append(_row(each, language, stored.get((each, language))))
    return rows


async def set_content_sid(
    *, actor: Actor, kind: str, language: str, content_sid: str | None
) -> TemplateRow:
    """Store (or, with "", take out) the ContentSid of one kind and language (admins)."""
    actor.require_admin()
    chosen_kind = clean_kind(kind)
    chosen_language = clean_template_language(language)
    sid = clean_content_sid(content_sid)
    async with in_transaction():
        if sid:
            await _refuse_used_elsewhere(sid, chosen_kind, chosen_language)
        row = await WhatsAppTemplate.get_or_none(kind=chosen_kind, language=chosen_language)
        before = row.content_sid if row else ""
        if row is None:
            row = await WhatsAppTemplate.create(
                kind=chosen_kind,
                language=chosen_language,
                content_sid=sid,
                updated_by_id=actor.user_id,
            )
        else:
            row.content_sid = sid
            row.updated_by_id = actor.user_id
            await row.save(update_fields=["content_sid", "updated_by_id", "updated_at"])
        if before != sid:
            await audit.record(
                actor=actor,
                action="whatsapp.template_changed",
                subject_type="whatsapp_template",
                subject_id=row.id,
                details={
                    "kind": chosen_kind.value,
                    "language": chosen_language,
                    "before": before,
                    "after": sid,
                },
            )
    await row.fetch_related("updated_by")
    return _row(chosen_kind, chosen_language, row)


async def _refuse_used_elsewhere(sid: str, kind: MessageKind, language: str) -> None:
    """One approved template is one kind in one language: the same SID twice is a paste
    into the wrong row, and would send one language's text to another's parents."""
    other = (
        await WhatsAppTemplate.filter(content_sid=sid).exclude(kind=kind, language=language).first()
    )
    if other is not None:
        message = _(
            "this ContentSid is already the template of {kind} in {language}; each kind and "
            "language has its own template"
        ).format(kind=other.kind.value, language=other.language)
        raise Conflict(message, errors=[FieldError("content_sid", message)])


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
