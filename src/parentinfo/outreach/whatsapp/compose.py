"""One parent's WhatsApp message: the template's variables from the message's context, and
back from the stored text when the row is sent.

The outbox row keeps the exact text the parent reads (:func:`whatsapp_body`); the send reads
the variables back out of it (:func:`values_from_body`), so what the preview showed is what
Twilio fills in, and a row whose text no longer fits its template is refused, not sent.
"""

from __future__ import annotations

import re
from functools import cache

from parentinfo.lib.enums import MessageKind
from parentinfo.outreach.composing.compose import MessageContext, when_short
from parentinfo.outreach.whatsapp.templates import TOKEN, definition, one_line, render


def template_values(ctx: MessageContext, *, token: str) -> dict[str, str]:
    """The values of every variable a template of ``ctx.kind`` may use, by name."""
    return {
        "title": one_line(ctx.title),
        "sender": one_line(ctx.sender_name),
        "when": when_short(ctx.starts_at, ctx.ends_at, ctx.timezone, ctx.language),
        "place": one_line(", ".join(part for part in (ctx.venue, ctx.address) if part)),
        "link": ctx.page_url,
        TOKEN: token,
    }


def whatsapp_body(ctx: MessageContext, *, token: str) -> str:
    """The exact text of this parent's WhatsApp message (the buttons aside)."""
    return render(ctx.kind, ctx.language, template_values(ctx, token=token))


def values_from_body(kind: MessageKind, language: str, body: str) -> dict[str, str] | None:
    """The variables a stored text was rendered with, by name; None when it does not fit the
    template of ``kind`` in ``language`` (composed for another channel, or an older text)."""
    found = _pattern(kind, language).fullmatch(body)
    if found is None:
        return None
    return {name: value for name, value in found.groupdict().items() if value}


@cache
def _pattern(kind: MessageKind, language: str) -> re.Pattern[str]:
    template = definition(kind, language)
    parts = re.split(r"\{\{(\d+)\}\}", template.body)
    regex = ""
    for index, part in enumerate(parts):
        if index % 2 == 0:
            regex += re.escape(part)
        else:
            name = template.variables[int(part) - 1]
            regex += f"(?P<{name}>[^\\n]+)"
    return re.compile(regex)
