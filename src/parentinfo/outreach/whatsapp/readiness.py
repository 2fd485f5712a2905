"""Whether WhatsApp may carry a kind of message in a language, in this process.

In the embedded simulator mode every template counts as approved: there is no Twilio, and
the demo shows WhatsApp. With Twilio, a language needs a ContentSid staff stored
(:func:`parentinfo.messaging.templates.approved_templates`), and each stored ContentSid is
read back from Twilio's Content API before a mailing uses it: one that does not exist, or
whose variables or text differ from ours, stops the mailing with a message that names the
kind and language to fix, rather than sending by the wrong channel or the wrong text.
"""

from __future__ import annotations

import time

from parentinfo.errors import Conflict
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.messaging.providers import SendError
from parentinfo.messaging.senders.opening import NoWhatsAppSender
from parentinfo.messaging.senders.twilio_whatsapp import (
    ContentInfo,
    ContentNotFound,
    TwilioWhatsApp,
)
from parentinfo.messaging.templates import approved_templates
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition
from parentinfo.runtime import runtime

SIMULATED_SID = "simulator"  # the embedded mode's stand-in ContentSid
CHECKED_FOR = 600.0  # seconds a ContentSid read back from Twilio stays trusted


class WhatsAppNotReady(Conflict):
    """WhatsApp is set up halfway: a stored ContentSid is wrong, or no sender is set."""


def simulated() -> bool:
    """True in the embedded mode: WhatsApp goes to the phone simulator."""
    return runtime().settings.sms_backend != "twilio"


async def content_sids(kind: MessageKind) -> dict[str, str]:
    """The ContentSid per language this process may send ``kind`` with (checked)."""
    if kind not in WHATSAPP_KINDS:
        return {}
    if simulated():
        return dict.fromkeys(SUPPORTED_LANGUAGES, SIMULATED_SID)
    stored = await approved_templates(kind)
    if not stored:
        return {}
    sender = runtime().whatsapp
    if isinstance(sender, NoWhatsAppSender) or not isinstance(sender, TwilioWhatsApp):
        raise WhatsAppNotReady(
            f"WhatsApp templates are stored for {kind.value} but no WhatsApp sender is set: "
            "set PARENTINFO_WHATSAPP_FROM or PARENTINFO_WHATSAPP_MESSAGING_SERVICE_SID, "
            "or clear the ContentSids on the WhatsApp templates page."
        )
    for language, sid in sorted(stored.items()):
        await _check(sender, kind, language, sid)
    return stored


async def ensure_ready(kind: MessageKind) -> None:
    """Refuse a mailing of ``kind`` now, before anything is written, when a stored WhatsApp
    template is wrong (and remember the checks, so the mailing itself asks Twilio nothing)."""
    await content_sids(kind)


async def approved_languages(kind: MessageKind) -> frozenset[str]:
    """The languages WhatsApp can carry ``kind`` in now (empty when it cannot at all)."""
    return frozenset(await content_sids(kind))


async def _check(sender: TwilioWhatsApp, kind: MessageKind, language: str, sid: str) -> None:
    checked: dict[str, float] = runtime().extras.setdefault("whatsapp.checked", {})
    if time.monotonic() - checked.get(sid, -CHECKED_FOR) < CHECKED_FOR:
        return
    where = f"the WhatsApp template for {kind.value} in {language} ({sid})"
    try:
        info = await sender.content(sid)
    except ContentNotFound as error:
        raise WhatsAppNotReady(
            f"Twilio has no Content template {sid} (error 20404): correct {where} on the "
            "WhatsApp templates page."
        ) from error
    except SendError as error:
        raise WhatsAppNotReady(
            f"Twilio could not be asked about {where} ({error.message}): try again shortly."
        ) from error
    problem = mismatch(info, kind, language)
    if problem:
        raise WhatsAppNotReady(
            f"{where} {problem}: submit the text `parentinfo whatsapp templates` prints and "
            "store the new ContentSid."
        )
    checked[sid] = time.monotonic()


def mismatch(info: ContentInfo, kind: MessageKind, language: str) -> str:
    """How Twilio's copy of a template differs from ours ("" when it does not)."""
    ours = definition(kind, language)
    if set(info.variables) != set(ours.samples):
        wanted = ", ".join(sorted(ours.samples, key=int))
        got = ", ".join(sorted(info.variables)) or "none"
        return f"has variables {got} at Twilio, where our text has {wanted}"
    if " ".join(info.body.split()) != " ".join(ours.body.split()):
        return "has another text at Twilio than ours"
    return ""
