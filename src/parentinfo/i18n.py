"""Fixed texts from gettext catalogs, one domain per feature, in the language of the moment.

The language is a context variable, so one process can render a Polish SMS and a Dutch
page at the same time. Source strings are English, so a missing translation falls back to
English. Catalogs live in ``locales/<lang>/LC_MESSAGES/<domain>.po``; each feature owns its
own domain (``outreach``, ``rsvp``, ``calendar``, ``web``, ...), merged here into one.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

from parentinfo.paths import LOCALES_DIR

DEFAULT_LANGUAGE = "en"

# The domains every parent reads (messages, replies, the personal page): without their compiled
# catalogs a Polish parent would silently get English, so the service refuses to start.
PARENT_DOMAINS: tuple[str, ...] = ("outreach", "rsvp", "calendar")


class CatalogsMissing(RuntimeError):
    """The compiled catalogs (.mo) the service needs are not there; the message says which."""


_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT_LANGUAGE)


@cache
def translations_for(language: str) -> NullTranslations:
    """Every domain's compiled catalog for ``language`` merged into one (cached)."""
    merged: NullTranslations = NullTranslations()
    folder = LOCALES_DIR / language / "LC_MESSAGES"
    for mo_file in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
        with mo_file.open("rb") as handle:
            catalog = Translations(handle, domain=mo_file.stem)
        if isinstance(merged, Translations):
            merged.merge(catalog)
        else:
            merged = catalog
    return merged


def missing_catalogs(languages: tuple[str, ...], locales: Path | None = None) -> list[str]:
    """Compiled catalogs that should exist and do not: each .po's .mo, each parent domain's."""
    locales = locales or LOCALES_DIR
    wanted = {po.with_suffix(".mo") for po in locales.glob("*/LC_MESSAGES/*.po")}
    for language in languages:
        if language != DEFAULT_LANGUAGE:
            folder = locales / language / "LC_MESSAGES"
            wanted.update(folder / f"{domain}.mo" for domain in PARENT_DOMAINS)
    return sorted(str(path.relative_to(locales)) for path in wanted if not path.is_file())


def require_catalogs(languages: tuple[str, ...], locales: Path | None = None) -> None:
    """Refuse to go on (:class:`CatalogsMissing`) when a compiled catalog is missing."""
    locales = locales or LOCALES_DIR
    missing = missing_catalogs(languages, locales)
    if missing:
        shown = ", ".join(missing[:6]) + (
            f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        )
        raise CatalogsMissing(
            f"the compiled catalogs are missing ({shown}) under {locales}, so parents would read "
            "English: run `make catalogs` (python scripts/catalogs.py compile) first"
        )


def current_language() -> str:
    """The language texts are rendered in right now."""
    return _current.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Render texts in ``language`` inside the block."""
    token = _current.set(language or DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translations_for(_current.get()).ugettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the current language's plural rules (Polish has three forms)."""
    return translations_for(_current.get()).ungettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` where the same English word needs different translations."""
    return translations_for(_current.get()).upgettext(context, message)


_ = gettext


def lazy(message: str) -> str:
    """Mark ``message`` for extraction where it is translated later (module-level tables)."""
    return message


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def format_when(moment: datetime, tz: str, *, fmt: str = "full") -> str:
    """A date and time as the current language writes them, in the time zone ``tz``."""
    return format_datetime(moment, format=fmt, tzinfo=_tz(tz), locale=_locale(_current.get()))


def format_day(moment: datetime, tz: str, *, fmt: str = "full") -> str:
    """A date as the current language writes it, in the time zone ``tz``."""
    return format_date(moment.astimezone(_tz(tz)), format=fmt, locale=_locale(_current.get()))


def format_clock(moment: datetime, tz: str) -> str:
    """A time of day (``18:30``) as the current language writes it, in ``tz``."""
    return format_time(moment, format="short", tzinfo=_tz(tz), locale=_locale(_current.get()))


def format_number(value: int | float | Decimal) -> str:
    """A number as the current language writes it (``1.234`` in Dutch, ``1,234`` in English)."""
    return str(format_decimal(value, locale=_locale(_current.get())))


def format_money(amount: Decimal | float | str, *, precise: bool = False) -> str:
    """An amount in euro as the current language writes it (``€ 2,92``, ``2,92 €``, ``€2.92``).

    ``precise`` keeps a tenth of a cent (``€ 0,079``), for costs per parent.
    """
    value = Decimal(str(amount))
    if precise:
        value = value.quantize(Decimal("0.001"))
    return str(
        format_currency(
            value, "EUR", locale=_locale(_current.get()), decimal_quantization=not precise
        )
    )


def format_month(year_month: str) -> str:
    """A month given as ``2026-12`` as the current language names it (``december 2026``)."""
    year, month = (int(part) for part in year_month.split("-"))
    return str(format_date(date(year, month, 1), "LLLL yyyy", locale=_locale(_current.get())))


def language_name(code: str, *, in_language: str | None = None) -> str:
    """The name of a language, written in ``in_language`` (default: in itself)."""
    try:
        name = _locale(code).get_display_name(_locale(in_language or code))
    except (ValueError, TypeError):
        return code
    return name or code


def negotiate_language(accept_language: str | None, offered: tuple[str, ...]) -> str | None:
    """The first of ``offered`` the browser's ``Accept-Language`` header asks for, by weight.

    ``pl-PL, en;q=0.8`` against ``("nl", "en", "pl")`` is ``pl``; a region counts as its
    language; ``*`` and languages nobody offers are passed over; nothing matching is ``None``.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in offered and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else None


def _tz(name: str):  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
