"""The report in words a person reads: names instead of codes, figures as the page's
language writes them (``1.234``, ``€ 2,92``), hidden cells still marked the same way."""

from __future__ import annotations

from parentinfo.i18n import (
    current_language,
    format_money,
    format_month,
    format_number,
    language_name,
    lazy,
)
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import Topic
from parentinfo.reports.figures import HIDDEN

TOPIC_LABELS = {
    Topic.SCHOOL_SYSTEM: lazy("The Dutch school system"),
    Topic.LIBRARY: lazy("The library"),
    Topic.PLAYGROUP: lazy("Playgroup"),
    Topic.SPORT_AND_CULTURE: lazy("Sport and culture"),
    Topic.YOUTH_HEALTH_CARE: lazy("Youth health care"),
    Topic.MOTHERS_NETWORK: lazy("Mothers' network"),
    Topic.OTHER: lazy("Other"),
}

Rows = list[tuple[str, dict[str, int | str]]]


def topic_name(code: str) -> str:
    """A topic's name in the page's language (an unknown code is shown as it is)."""
    try:
        return _(TOPIC_LABELS[Topic(code)])
    except ValueError:
        return code


def row_label(split: str, key: str, organisation_names: dict[str, str]) -> str:
    """What a person calls the row ``key`` of ``split``: a language, topic, organisation, month."""
    if split == "by_language":
        return language_name(key, in_language=current_language())
    if split == "by_topic":
        return topic_name(key)
    if split == "by_organisation":
        return organisation_names.get(key, key)
    if split == "by_month":
        return format_month(key)
    return key


def cell_text(name: str, value: int | str) -> str:
    """One figure as written in the page's language; a hidden figure keeps its marker."""
    if value in (HIDDEN, ""):  # hidden, or nothing to divide (no parent reached)
        return str(value)
    if name == "sms_cost_eur":
        return format_money(value)
    if name == "sms_cost_per_reached_eur":
        return format_money(value, precise=True)
    return format_number(value) if isinstance(value, int) else str(value)


def readable_row(cell: dict[str, int | str]) -> dict[str, str]:
    """Every figure of a row as text."""
    return {name: cell_text(name, value) for name, value in cell.items()}


def labelled(split: str, rows: Rows, organisation_names: dict[str, str]) -> Rows:
    """``rows`` with their keys replaced by names (the figures untouched, for the charts)."""
    return [(row_label(split, key, organisation_names), cell) for key, cell in rows]
