"""The text a staff mail is sent with: a password reset gets its link only here, at send time.

The outbox row of a reset holds a placeholder where the link goes (see
``accounts.resets``); every other row is sent exactly as stored.
"""

from __future__ import annotations

from parentinfo.accounts.resets import LINK_PLACEHOLDER, token_from_dedupe_key
from parentinfo.lib.enums import MessageKind
from parentinfo.lib.urls import public_url
from parentinfo.outreach.models import OutboundMessage
from parentinfo.runtime import runtime


def mail_text(message: OutboundMessage) -> str:
    """The plain text to send for ``message``: its body, with a reset's link put in."""
    if message.kind != MessageKind.PASSWORD_RESET:
        return message.body
    secret = runtime().settings.secret_key
    token = token_from_dedupe_key(message.dedupe_key, secret_key=secret)
    if token is None:
        return message.body
    return message.body.replace(LINK_PLACEHOLDER, public_url(f"/password-reset/{token}"))
