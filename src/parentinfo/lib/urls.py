"""Absolute addresses parents and Twilio see, built from ``PUBLIC_URL`` (never the request)."""

from __future__ import annotations

from parentinfo.runtime import runtime


def public_url(path: str) -> str:
    """``/r/abc`` → ``https://parentinfo.example.nl/r/abc``."""
    return f"{runtime().settings.public_url}{path}"


def parent_page_url(token: str) -> str:
    """The parent's personal page for one invitation."""
    return public_url(f"/r/{token}")
