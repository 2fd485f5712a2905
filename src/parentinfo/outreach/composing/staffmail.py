"""The text a staff mail is sent with: a password reset or an account invitation gets its
link only here, at send time.

The outbox row of such a mail holds a placeholder where the link goes (see
``accounts.resets``); every other row is sent exactly as stored.
"""

from __future__ import annotations

from parentinfo.accounts.resets import INVITE_PREFIX, LINK_PLACEHOLDER, token_from_dedupe_key
from parentinfo.lib.enums import MessageKind
from parentinfo.lib.urls import public_url
from parentinfo.messaging.models import OutboundMessage
from parentinfo.runtime import runtime


def mail_text(message: OutboundMessage) -> str:
    """The plain text to send for ``message``: its body, with a reset's or invitation's link."""
    secret = runtime().settings.secret_key
    if message.kind == MessageKind.PASSWORD_RESET:
        token = token_from_dedupe_key(message.dedupe_key, secret_key=secret)
        path = "/password-reset/"
    elif message.kind == MessageKind.ACCOUNT_INVITE:
        token = token_from_dedupe_key(message.dedupe_key, secret_key=secret, prefix=INVITE_PREFIX)
        path = "/invitation/"
    else:
        return message.body
    if token is None:
        return message.body
    return message.body.replace(LINK_PLACEHOLDER, public_url(f"{path}{token}"))
