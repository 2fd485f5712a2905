"""Forms that keep what was typed and say, next to each field, what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from litestar import Request

from parentinfo.errors import Invalid, ServiceError
from parentinfo.i18n import format_number, gettext, lazy, ngettext

GENERAL = "__all__"
NOT_A_NUMBER = lazy("Enter a whole number.")

# The services speak to programs ("ends_at: must be later than starts_at"); a form speaks
# to a person, next to the field, in the page's language. Known sentences get their own
# words; a number in a known shape keeps its number; anything naming a field falls back to
# a plain request to check the field, never the field's internal name.
HUMAN_MESSAGES: dict[str, str] = {
    "must be later than starts_at": lazy("The end must be later than the start."),
    "is required": lazy("This is needed."),
    "must not contain the NUL character": lazy("Remove the invisible control character."),
    "must be a whole number above 0, or empty for no limit": lazy(
        "Enter a whole number above 0, or leave it empty for no limit."
    ),
    "give at least one language the session is held in": lazy(
        "Choose at least one language the session is held in."
    ),
    "must be a date and time such as 2025-03-11T19:00:00+01:00": lazy(
        "Write the date as 2025-03-11 and the time as 19:00."
    ),
}
_AT_MOST = re.compile(r"^must be at most (\d+) characters$")
_BETWEEN = re.compile(r"^must be (?:between 1 and|a whole number from 1 to) (\d+)(?:, or empty)?$")
_YEARS = re.compile(r"^must be between the years (\d+) and (\d+)$")
_NO_TEXT = re.compile(r"^no title and description in any language yet")
_NOT_A_MOMENT = re.compile(r"^'.*' is not a date and time")
DATE_AND_TIME = "must be a date and time such as 2025-03-11T19:00:00+01:00"
# An internal name: snake_case (starts_at), a dotted path (texts.pl), a quoted code list,
# or the program's echo of a wrong value ("'xx' is not a ...").
_INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z]{2}\b|\[\'|^'")
CHECK_THIS = lazy("This value is not accepted; please check it.")


def human_message(message: str) -> str:
    """A service's message about one field, as a person reads it in the page's language."""
    if _NOT_A_MOMENT.match(message):
        message = DATE_AND_TIME
    if message in HUMAN_MESSAGES:
        return gettext(HUMAN_MESSAGES[message])
    shaped = _with_numbers(message)
    if shaped is not None:
        return shaped
    translated = gettext(message)
    if _INTERNAL.search(translated):
        return gettext(CHECK_THIS)
    return translated[:1].upper() + translated[1:]


def _with_numbers(message: str) -> str | None:
    """The known sentences that carry a limit, with the limit written as the page writes it."""
    if found := _AT_MOST.match(message):
        limit = int(found.group(1))
        text = ngettext("At most %(num)s character.", "At most %(num)s characters.", limit)
        return text % {"num": format_number(limit)}
    if found := _BETWEEN.match(message):
        limit = int(found.group(1))
        return gettext("Choose a number from 1 to %(num)s.") % {"num": format_number(limit)}
    if found := _YEARS.match(message):
        first, last = found.groups()
        return gettext("Choose a date between %(first)s and %(last)s.") % {
            "first": first,
            "last": last,
        }
    if _NO_TEXT.match(message):
        return gettext("Write a title and description in at least one language first.")
    return None


@dataclass
class Form:
    """What the user typed (one value or several per name) and the errors per field."""

    values: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        """The (first) value typed for ``name``."""
        got = self.values.get(name)
        return got[0] if got else default

    def many(self, name: str) -> list[str]:
        """Every value of a multi-valued field (checkboxes)."""
        return list(self.values.get(name, []))

    def checked(self, name: str, option: str = "on") -> bool:
        """True when the checkbox ``name`` (with value ``option``) was ticked."""
        return option in self.values.get(name, [])

    def error(self, name: str) -> str:
        """What is wrong with ``name``, or empty."""
        return self.errors.get(name, "")

    @property
    def general_error(self) -> str:
        """An error that belongs to no single field."""
        return self.errors.get(GENERAL, "")

    def fail(self, error: ServiceError, *, aliases: dict[str, str] | None = None) -> Form:
        """Take the service's field errors (``aliases`` maps service names to form names)."""
        aliases = aliases or {}
        for item in error.errors:
            name = aliases.get(item.field, item.field)
            self.errors.setdefault(name, human_message(item.message))
        if not error.errors or not isinstance(error, Invalid):
            self.errors.setdefault(GENERAL, error.message)
        return self

    def integer(self, name: str, *, default: int | None = None) -> int | None:
        """The field as a whole number; a wrong one is noted as an error and gives ``default``."""
        raw = self.value(name).strip()
        if not raw:
            return default
        try:
            return int(raw)
        except ValueError:
            self.errors[name] = gettext(NOT_A_NUMBER)
            return default


async def read_form(request: Request[Any, Any, Any]) -> Form:
    """The posted form (url-encoded or multipart), without the CSRF token."""
    data = await request.form()
    values: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        values.setdefault(key, []).append(value)
    return Form(values=values)


def empty_form(**values: str | list[str] | None) -> Form:
    """A form pre-filled with ``values`` (a list for multi-valued fields)."""
    filled: dict[str, list[str]] = {}
    for key, value in values.items():
        if value is None:
            continue
        filled[key] = list(value) if isinstance(value, list) else [str(value)]
    return Form(values=filled)
