"""The notes the service itself writes on a consent row, marked for translation.

They are stored in English (the history is a record, not a page); the contact page shows
them in its own language, so a Dutch page has no English lines in its consent history.
"""

from __future__ import annotations

from parentinfo.i18n import lazy

SYSTEM_NOTES: tuple[str, ...] = (
    lazy("replied STOP by SMS"),
    lazy("from the parent's page"),
    lazy("reply read as an opt-out by staff"),
    lazy("Signed the paper form at an information evening."),
)
