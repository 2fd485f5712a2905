"""Sending one WhatsApp outbox row: an approved template, or free text inside the window.

WhatsApp lets a business write freely only for 24 hours after the parent last wrote
(``messaging.window``); outside that window only an approved Content template may go, by
its ContentSid and numbered ContentVariables. So:

- a kind with buttons (invitation, nudge) always goes as its template, inside the window
  too: free text cannot carry the buttons;
- inside the window anything else goes as free text (the row's text);
- outside it, a kind with a template in the parent's language goes as that template;
- anything else is not sent by WhatsApp: :class:`WhatsAppUnavailable` (``no_template``), and
  the fallback hands it to SMS, then email, then the call list.

The variables are read back from the row's stored text, so the parent gets exactly what
the preview showed; a text that no longer fits its template is refused
(``template_mismatch``) rather than sent half right. WhatsApp is not paced by ``SMS_RATE``:
Twilio gives a WhatsApp sender its own, much higher throughput (80 messages a second), and
the dispatcher's concurrency (``SEND_CONCURRENCY``) stays well below it.
"""

from __future__ import annotations

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.lib.urls import public_url
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.providers import (
    NO_TEMPLATE,
    TEMPLATE_MISMATCH,
    SmsResult,
    WhatsAppUnavailable,
)
from parentinfo.messaging.window import window_open
from parentinfo.outreach.whatsapp.compose import values_from_body
from parentinfo.outreach.whatsapp.readiness import WhatsAppNotReady, content_sids
from parentinfo.outreach.whatsapp.templates import (
    TOKEN,
    WHATSAPP_KINDS,
    WITH_BUTTONS,
    content_variables,
    definition,
)
from parentinfo.runtime import runtime

NO_CONSENT = "no_whatsapp_consent"  # the parent withdrew WhatsApp after the row was written
TEMPLATE_INVALID = "template_invalid"  # a stored ContentSid Twilio does not know (any more)


async def send_whatsapp(message: OutboundMessage) -> SmsResult:
    """Hand one WhatsApp row to the provider as a template or as free text.

    Raises :class:`WhatsAppUnavailable` when WhatsApp may not carry it (the fallback takes
    over) and the provider's :class:`~parentinfo.messaging.providers.SendError` otherwise.
    """
    _check_consent(message)
    kind = MessageKind(message.kind)
    callback = public_url(f"/webhooks/twilio/status?message={message.id}")
    to = message.to_address or ""
    contact_id: int | None = message.contact_id  # type: ignore[attr-defined]
    in_window = contact_id is not None and await window_open(contact_id, Channel.WHATSAPP, now())
    if kind in WHATSAPP_KINDS and (kind in WITH_BUTTONS or not in_window):
        sid = await _content_sid(kind, message.language)
        if sid is not None:
            variables = _variables(message, kind)
            return await runtime().whatsapp.send_template(
                to=to, content_sid=sid, variables=variables, status_callback=callback
            )
    if in_window:
        return await runtime().whatsapp.send_text(
            to=to, body=message.body, status_callback=callback
        )
    raise WhatsAppUnavailable(
        f"no approved WhatsApp template for {kind.value} in {message.language}, and the "
        "24-hour window is closed",
        code=NO_TEMPLATE,
    )


def _check_consent(message: OutboundMessage) -> None:
    contact = message.contact
    if contact is not None and (not contact.whatsapp or contact.whatsapp_invalid):
        raise WhatsAppUnavailable("the parent no longer takes WhatsApp", code=NO_CONSENT)


async def _content_sid(kind: MessageKind, language: str) -> str | None:
    try:
        return (await content_sids(kind)).get(language)
    except WhatsAppNotReady as error:
        raise WhatsAppUnavailable(str(error), code=TEMPLATE_INVALID) from error


def _variables(message: OutboundMessage, kind: MessageKind) -> dict[str, str]:
    """The numbered ContentVariables, read back from the text the row holds."""
    values = values_from_body(kind, message.language, message.body)
    template = definition(kind, message.language)
    if values is not None and TOKEN in template.variables:
        invitation = message.invitation
        if invitation is None:
            values = None
        else:
            values[TOKEN] = invitation.token
    if values is None or set(template.variables) - set(values):
        raise WhatsAppUnavailable(
            f"the text of message {message.id} does not fit the WhatsApp template for "
            f"{kind.value} in {message.language}",
            code=TEMPLATE_MISMATCH,
        )
    return content_variables(template, values)
