"""The deployment's WhatsApp ContentSids: checked, stored per kind and language, audited.

Twilio approves a Content template and names it by a ContentSid (``HX`` and 32 hexadecimal
digits); an admin pastes it here. An empty ContentSid takes the template out: that kind in
that language goes by the next channel (``messaging.templates.approved_templates``). There is
one WhatsApp sender per deployment, so the table is not an organisation's own: only admins
change it, and every change is written to the audit log with who made it. Which kinds have a
template, and their texts, the outreach feature knows (``outreach.contentsids``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, FieldError, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.privacy import audit

SID_LENGTH = 34
_SID = re.compile(r"^HX[0-9a-f]{32}$")
_EXAMPLE = "HX" + "0123456789abcdef" * 2


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
        "content_sid", message.format(value=text[:40], length=len(text), example=_EXAMPLE)
    )


def clean_kind(raw: str, kinds: Iterable[MessageKind]) -> MessageKind:
    """One of ``kinds``: the message kinds that have a WhatsApp template."""
    allowed = list(kinds)
    if raw in {k.value for k in allowed}:
        return MessageKind(raw)
    raise invalid_field(
        "kind",
        _("{value} has no WhatsApp template; use one of: {kinds}").format(
            value=raw[:20], kinds=", ".join(k.value for k in allowed)
        ),
    )


def clean_template_language(raw: str) -> str:
    """A language the service speaks."""
    if raw in SUPPORTED_LANGUAGES:
        return raw
    raise invalid_field(
        "language",
        _("{value} is not a supported language; use one of: {codes}").format(
            value=raw[:20], codes=", ".join(SUPPORTED_LANGUAGES)
        ),
    )


async def stored_templates(
    *, actor: Actor, kinds: Iterable[MessageKind]
) -> dict[tuple[MessageKind, str], WhatsAppTemplate]:
    """The stored rows of ``kinds`` by (kind, language), with who changed them (admins)."""
    actor.require_admin()
    rows = await WhatsAppTemplate.filter(kind__in=list(kinds)).select_related("updated_by")
    return {(row.kind, row.language): row for row in rows}


async def set_content_sid(
    *, actor: Actor, kind: MessageKind, language: str, content_sid: str | None
) -> WhatsAppTemplate:
    """Store (or, with "", take out) the ContentSid of one kind and language (admins)."""
    actor.require_admin()
    chosen_language = clean_template_language(language)
    sid = clean_content_sid(content_sid)
    async with in_transaction():
        if sid:
            await _refuse_used_elsewhere(sid, kind, chosen_language)
        row = await WhatsAppTemplate.get_or_none(kind=kind, language=chosen_language)
        before = row.content_sid if row else ""
        if row is None:
            row = await WhatsAppTemplate.create(
                kind=kind, language=chosen_language, content_sid=sid, updated_by_id=actor.user_id
            )
        elif before != sid:
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
                    "kind": kind.value,
                    "language": chosen_language,
                    "before": before,
                    "after": sid,
                },
            )
    await row.fetch_related("updated_by")
    return row


async def _refuse_used_elsewhere(sid: str, kind: MessageKind, language: str) -> None:
    """One approved template is one kind in one language: the same SID twice is a paste
    into the wrong row, and would send one language's text to another's parents."""
    holders = await WhatsAppTemplate.filter(content_sid=sid)
    other = next((r for r in holders if (r.kind, r.language) != (kind, language)), None)
    if other is not None:
        message = _(
            "this ContentSid is already the template of {kind} in {language}; each kind and "
            "language has its own template"
        ).format(kind=other.kind.value, language=other.language)
        raise Conflict(message, errors=[FieldError("content_sid", message)])
