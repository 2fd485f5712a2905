"""Forms that keep what was typed and say, next to each field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Request

from parentinfo.errors import Invalid, ServiceError
from parentinfo.i18n import gettext, lazy

GENERAL = "__all__"
NOT_A_NUMBER = lazy("Enter a whole number.")


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
            self.errors.setdefault(name, item.message)
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
