"""Password-reset links that exist only in the mail as sent, never in the database.

The link's token is an HMAC of the reset's id and a random nonce under ``SECRET_KEY``. The
outbox row keeps a body with a placeholder instead of the link, and only the token's hash
is stored; the dispatcher builds the link into the mail at send time. Someone who reads
the database (or the outbox page, a backup, a support export) cannot follow the link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from parentinfo.lib.tokens import new_token

LINK_PLACEHOLDER = "[link: only in the email as sent]"
_KEY_PREFIX = "password_reset:"


def reset_token(*, reset_id: int, nonce: str, secret_key: str) -> str:
    """The link's token for reset ``reset_id`` (256 bits, URL-safe)."""
    mac = hmac.new(secret_key.encode(), f"{_KEY_PREFIX}{reset_id}:{nonce}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def new_nonce() -> str:
    """A random nonce, so a reused row id never gives an old link back its power."""
    return new_token(16)


def dedupe_key(*, reset_id: int, nonce: str) -> str:
    """The outbox row's dedupe key: which reset the mail is for, and its nonce."""
    return f"{_KEY_PREFIX}{reset_id}:{nonce}"


def token_from_dedupe_key(key: str | None, *, secret_key: str) -> str | None:
    """The token of the reset an outbox row's dedupe key names (None for other rows)."""
    if not key or not key.startswith(_KEY_PREFIX):
        return None
    reset_id, _, nonce = key.removeprefix(_KEY_PREFIX).partition(":")
    if not reset_id.isdigit() or not nonce:
        return None
    return reset_token(reset_id=int(reset_id), nonce=nonce, secret_key=secret_key)
