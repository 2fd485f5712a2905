"""The TwiML answer to an inbound SMS: ``<Response><Message>…</Message></Response>``.

Built by hand (it is two elements): the text is escaped, and characters XML 1.0 cannot
carry are dropped, so no reply can ever break the document Twilio parses.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# Everything XML 1.0 forbids: C0 controls but tab/newline/return, lone surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def twiml_message(text: str) -> str:
    """A TwiML document that answers with ``text``; an empty text answers nothing."""
    body = _NOT_XML.sub("", text).strip()
    if not body:
        return EMPTY
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<Response><Message>{escape(body)}</Message></Response>"
    )
