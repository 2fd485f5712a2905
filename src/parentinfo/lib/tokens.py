"""Opaque tokens: at least 128 random bits, stored as hashes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(nbytes: int = 24) -> str:
    """A URL-safe random token (192 bits by default)."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    """The SHA-256 we store instead of a bearer secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time equality, so response times reveal nothing about a secret."""
    return hmac.compare_digest(a.encode(), b.encode())
