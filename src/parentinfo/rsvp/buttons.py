"""The payload of a WhatsApp quick-reply button: which invitation, and which answer.

The payload carries the invitation's opaque token (the one in the parent's personal link),
never a name or a number, so a tap needs no code word and names exactly one invitation.
Twilio hands it back as ``ButtonPayload`` when the parent taps.
"""

from __future__ import annotations

import re

from parentinfo.lib.enums import Answer

PREFIX = "rsvp"
BUTTON_ANSWERS = (Answer.YES, Answer.NO, Answer.MAYBE)  # in the order the buttons show
_PAYLOAD = re.compile(r"rsvp:([A-Za-z0-9_-]{8,64}):(yes|no|maybe)")


def button_payload(token: str, answer: Answer) -> str:
    """The payload for the button that answers ``answer`` to the invitation ``token``."""
    if answer not in BUTTON_ANSWERS:
        raise ValueError(f"no button answers {answer!r}")
    return f"{PREFIX}:{token}:{answer.value}"


def read_payload(payload: str) -> tuple[str, Answer] | None:
    """The token and answer a button payload names; None for anything else (forged, old)."""
    found = _PAYLOAD.fullmatch(payload.strip())
    if found is None:
        return None
    return found.group(1), Answer(found.group(2))
