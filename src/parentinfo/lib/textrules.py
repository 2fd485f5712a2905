"""Which characters a text a person writes may hold: the rule the request boundary applies.

A title, a name, a venue or an email address is one line: a CR or LF in it would split an
email header (the mail then cannot be built at all) or an iCalendar line, and a NUL cannot
be stored in PostgreSQL. Multi-line texts (a description, notes, an SMS reply) may hold
line breaks and tabs, never other control characters.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
_SINGLE_LINE_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Fields whose text is shown as paragraphs (textareas, SMS bodies). Matched on the last
# part of a field's name, and on the ``description_<language>`` fields of the event form.
MULTI_LINE_FIELDS = frozenset({"description", "accessibility_notes", "notes", "body", "Body"})
_MULTI_LINE_PREFIXES = ("description_",)


def allows_line_breaks(field: str) -> bool:
    """True for a field whose text may run over several lines."""
    name = field.rsplit(".", 1)[-1].split("[", 1)[0]
    return name in MULTI_LINE_FIELDS or name.startswith(_MULTI_LINE_PREFIXES)


def refused_character(text: str, *, multi_line: bool) -> str | None:
    """The first character ``text`` may not hold, or None when it is acceptable."""
    pattern = _MULTI_LINE_REFUSED if multi_line else _SINGLE_LINE_REFUSED
    found = pattern.search(text)
    return found.group(0) if found else None


def describe(character: str) -> str:
    """How the error message names a refused character: ``U+000A``."""
    return f"U+{ord(character):04X}"
