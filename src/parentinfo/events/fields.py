"""Check what people type into an event, field by field, and say what would be accepted.

A pure core: it takes raw values (from the API, a form or the demo) and returns clean
ones, or raises one :class:`Invalid` naming every field that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parentinfo.errors import FieldError, Invalid
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Topic

MAX_LENGTHS = {"venue": 200, "address": 300, "accessibility_notes": 2000, "directions": 2000}
TITLE_MAX = 200
DESCRIPTION_MAX = 5000
CAPACITY_MAX = 100_000
# Far enough either way for any real session, and inside what every database stores.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class _FieldProblem(ValueError):
    """One field's problem, turned into a :class:`FieldError` by :func:`clean_fields`."""


def raise_if(errors: list[FieldError]) -> None:
    """Raise one :class:`Invalid` listing every field error, if there are any."""
    if errors:
        raise Invalid("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


def clean_fields(values: Mapping[str, Any], *, timezone: str) -> dict[str, Any]:
    """Clean every field present in ``values``; naive times are read in ``timezone``."""
    errors = [
        FieldError(name, "is not a field of an event") for name in values if name not in _CLEANERS
    ]
    zone_name = values.get("timezone") or timezone
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        cleaner = _CLEANERS.get(name)
        if cleaner is None:
            continue
        try:
            cleaned[name] = (
                _when(value, zone_name) if name in {"starts_at", "ends_at"} else cleaner(value)
            )
        except _FieldProblem as problem:
            errors.append(FieldError(name, str(problem)))
    raise_if(errors)
    return cleaned


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    """An event ends after it starts."""
    if ends_at <= starts_at:
        raise_if([FieldError("ends_at", "must be later than starts_at")])


def language(code: str, *, field: str = "language") -> str:
    """A supported language code, or 422 naming ``field`` and listing what is accepted."""
    cleaned = (code or "").strip().lower()
    if cleaned not in SUPPORTED_LANGUAGES:
        raise_if([FieldError(field, _unknown_language(code))])
    return cleaned


def title_and_description(title: str, description: str) -> tuple[str, str]:
    """A text's title (required, at most 200 characters) and description."""
    errors = []
    clean_title = (title or "").strip()
    if not clean_title:
        errors.append(FieldError("title", "is required"))
    elif len(clean_title) > TITLE_MAX:
        errors.append(FieldError("title", f"must be at most {TITLE_MAX} characters"))
    clean_description = (description or "").strip()
    if len(clean_description) > DESCRIPTION_MAX:
        errors.append(FieldError("description", f"must be at most {DESCRIPTION_MAX} characters"))
    errors.extend(
        FieldError(name, NUL_MESSAGE)
        for name, text in (("title", clean_title), ("description", clean_description))
        if "\x00" in text
    )
    raise_if(errors)
    return clean_title, clean_description


def languages(codes: Iterable[str]) -> list[str]:
    """Supported language codes, in order, without repeats."""
    if isinstance(codes, str):
        raise _FieldProblem("must be a list of language codes such as ['en', 'pl']")
    cleaned: list[str] = []
    for code in codes:
        value = str(code).strip().lower()
        if value not in SUPPORTED_LANGUAGES:
            raise _FieldProblem(_unknown_language(str(code)))
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


NUL_MESSAGE = "must not contain the NUL character"


def in_range(moment: datetime) -> bool:
    """True for a moment the service can store and show (years 2000 to 2100)."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def _unknown_language(code: str) -> str:
    return f"{code!r} is not a supported language; use one of {', '.join(SUPPORTED_LANGUAGES)}"


def _topic(value: Any) -> Topic:
    try:
        return Topic(str(value))
    except ValueError:
        accepted = ", ".join(t.value for t in Topic)
        raise _FieldProblem(f"{value!r} is not a topic; use one of {accepted}") from None


def _when(raw: Any, zone_name: str) -> datetime:
    value = raw
    if isinstance(raw, str):
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise _FieldProblem(
                f"{raw!r} is not a date and time; write it as 2025-03-11T19:00:00+01:00"
            ) from None
    if not isinstance(value, datetime):
        raise _FieldProblem("must be a date and time such as 2025-03-11T19:00:00+01:00")
    if not in_range(value):
        raise _FieldProblem(f"must be between the years {FIRST_YEAR} and {LAST_YEAR}")
    if value.tzinfo is None:  # a wall-clock time as people think of it: in the event's zone
        value = value.replace(tzinfo=_zone(zone_name))
    return value


def _zone(name: Any) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, a long name
        raise _FieldProblem(
            f"{name!r} is not a time zone; use one such as Europe/Amsterdam"
        ) from None


def _timezone(value: Any) -> str:
    return _zone(value).key


def _text(name: str) -> Callable[[Any], str]:
    def clean(value: Any) -> str:
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_LENGTHS[name]:
            raise _FieldProblem(f"must be at most {MAX_LENGTHS[name]} characters")
        if "\x00" in text:
            raise _FieldProblem(NUL_MESSAGE)
        return text

    return clean


def _capacity(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _FieldProblem("must be a whole number above 0, or empty for no limit")
    try:
        number = int(value)
    except ValueError:
        raise _FieldProblem("must be a whole number above 0, or empty for no limit") from None
    if not 0 < number <= CAPACITY_MAX:
        raise _FieldProblem(f"must be a whole number from 1 to {CAPACITY_MAX}, or empty")
    return number


def _childcare(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _FieldProblem("must be true or false")
    return value


def _session_languages(value: Any) -> list[str]:
    cleaned = languages(value)
    if not cleaned:
        raise _FieldProblem("give at least one language the session is held in")
    return cleaned


def _guest(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "topic": _topic,
    "starts_at": lambda value: value,  # cleaned with the time zone, see clean_fields
    "ends_at": lambda value: value,
    "timezone": _timezone,
    "venue": _text("venue"),
    "address": _text("address"),
    "accessibility_notes": _text("accessibility_notes"),
    "capacity": _capacity,
    "childcare": _childcare,
    "session_languages": _session_languages,
    "interpreter_languages": languages,
    "guest_organisation": _guest,
}


def text_notes(*, accessibility_notes: str | None, directions: str | None) -> dict[str, str]:
    """The notes of one language's text that were given, cleaned; 422 naming a bad one."""
    given = {"accessibility_notes": accessibility_notes, "directions": directions}
    cleaned: dict[str, str] = {}
    errors = []
    for name, value in given.items():
        if value is None:
            continue
        try:
            cleaned[name] = _text(name)(value)
        except _FieldProblem as problem:
            errors.append(FieldError(name, str(problem)))
    if errors:
        raise_if(errors)
    return cleaned
