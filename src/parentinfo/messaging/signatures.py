"""One check for every webhook Twilio calls: the signature over the address we gave it.

The address is rebuilt from ``PUBLIC_URL`` (plus path and query), never taken from the
request, which a proxy may have rewritten. The token is Twilio's auth token; without one
(the built-in phone simulator) it is the service's own ``SECRET_KEY``, so an unsigned or
guessed request is refused in every mode. ``RequestValidator`` checks SHA-1 and SHA-256.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from twilio.request_validator import RequestValidator, get_signature_algorithm

from parentinfo.settings import Settings


def signing_token(settings: Settings) -> str:
    """Twilio's auth token; without one (simulator) the service's own secret key."""
    return settings.twilio.auth_token or settings.secret_key


def public_address(settings: Settings, path: str, query: str = "") -> str:
    """The address Twilio was given for ``path`` (and ``query``), from ``PUBLIC_URL``."""
    return f"{settings.public_url}{path}" + (f"?{query}" if query else "")


def twilio_signed(
    settings: Settings,
    *,
    url: str,
    params: Mapping[str, Any],
    signature: str,
    settings_header: str | None,
) -> bool:
    """True when ``signature`` (``X-Twilio-Signature``) matches ``url`` and ``params``."""
    token = signing_token(settings)
    if not token or not signature:
        return False
    try:
        algorithm = get_signature_algorithm(settings_header)
        return bool(RequestValidator(token).validate(url, params, signature, algorithm))
    except (ValueError, TypeError):
        return False
