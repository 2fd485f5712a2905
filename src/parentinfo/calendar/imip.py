"""iMIP (RFC 6047): an iTIP calendar inside an email, the way mail programs recognise it.

The layout is the one Google Calendar sends and Outlook, Gmail and Apple Mail all show as
an invitation with answer buttons::

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; method=REQUEST; charset=UTF-8     <- the invitation itself
      application/ics; name=invite.ics (attachment)    <- for programs that only save files
"""

from __future__ import annotations

from email.message import EmailMessage

METHODS = frozenset({"REQUEST", "CANCEL", "PUBLISH", "REPLY"})
ATTACHMENT_NAME = "invite.ics"


def attach_itip(message: EmailMessage, ics_text: str, method: str) -> None:
    """Add ``ics_text`` as the inline text/calendar alternative and as an invite.ics file."""
    method = method.upper()
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    # Quoted-printable keeps the calendar readable and within SMTP's line limits.
    message.add_alternative(
        ics_text,
        subtype="calendar",
        charset="utf-8",
        cte="quoted-printable",
        params={"method": method},
    )
    message.add_attachment(
        ics_text.encode("utf-8"),
        maintype="application",
        subtype="ics",
        filename=ATTACHMENT_NAME,
        params={"name": ATTACHMENT_NAME},
    )
