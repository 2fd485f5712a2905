"""Opaque tokens: at least 128 random bits, stored as hashes, compared in constant time.

The one exception is the parent's link (:func:`new_link_token`): it travels in every SMS,
where each character costs, and it is a key to one invitation page, not to an account.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string

# Letters and digits only: a trailing "-" or "_" is where phones end a link they underline.
LINK_ALPHABET = string.ascii_letters + string.digits
# 62**10 = 8.4e17 tokens, 59.5 bits. Guessing needs lookups, and failed lookups of /r/ are
# limited per client (``privacy.ratelimit``: 30 in 15 minutes). With a million live invitations,
# one guess hits with p = 1e6 / 8.4e17 = 1.2e-12; a botnet of 10,000 addresses at the limit
# makes 1e10 guesses a year and expects 0.01 hits, on a page that shows one session and one
# answer, never a phone number. See docs/privacy.md ("The parent's link").
LINK_LENGTH = 10


def new_token(nbytes: int = 24) -> str:
    """A URL-safe random token (192 bits by default)."""
    return secrets.token_urlsafe(nbytes)


def new_link_token() -> str:
    """The token of a parent's page ``/r/{token}``: 10 letters or digits, 59.5 random bits.

    Links already sent carry 32-character tokens from :func:`new_token`; they keep working,
    since a page is looked up by the token as it is, whatever its length.
    """
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_LENGTH))


def token_hash(token: str) -> str:
    """The SHA-256 we store instead of a bearer secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time equality, so response times reveal nothing about a secret."""
    return hmac.compare_digest(a.encode(), b.encode())
