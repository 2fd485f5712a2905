"""The fallback chain for staff-written texts: the language asked for, then English, then Dutch.

Titles and descriptions, and the practical notes (accessibility, directions), each go
through the same chain, each on its own: a Polish parent reads the Polish directions even
when the accessibility note exists only in English.

A pure core: it takes the texts an event has and a language, and says which to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

FALLBACK_CHAIN: tuple[str, ...] = ("en", "nl")


@dataclass(frozen=True)
class ChosenText:
    """The title and description to show, and the language they are really in."""

    language: str
    title: str
    description: str


def fallback_order(language: str) -> list[str]:
    """``pl`` → ``["pl", "en", "nl"]``; ``en`` → ``["en", "nl"]``."""
    order = [language]
    order.extend(code for code in FALLBACK_CHAIN if code != language)
    return order


def choose_text(texts: Mapping[str, tuple[str, str]], language: str) -> ChosenText | None:
    """The first text in the fallback chain for ``language``; None when there is none at all.

    ``texts`` maps a language code to ``(title, description)``; blank titles do not count.
    When none of the chain exists, any text at all is better than nothing (sorted, stable).
    """
    usable = {code: pair for code, pair in texts.items() if pair[0].strip()}
    for code in [*fallback_order(language), *sorted(usable)]:
        if code in usable:
            title, description = usable[code]
            return ChosenText(language=code, title=title, description=description)
    return None


@dataclass(frozen=True)
class PracticalNotes:
    """The accessibility note and the directions to show one reader."""

    accessibility: str = ""
    directions: str = ""


def choose_notes(
    notes: Mapping[str, tuple[str, str]], language: str, *, event_wide: str = ""
) -> PracticalNotes:
    """Each note through the fallback chain for ``language``, then any language (sorted).

    ``notes`` maps a language code to ``(accessibility, directions)``. ``event_wide`` is the
    one accessibility note an event had before notes were per language; it comes last, so
    such events keep showing it until staff write a note per language.
    """
    order = [*fallback_order(language), *sorted(notes)]

    def pick(index: int) -> str:
        for code in order:
            value = notes.get(code, ("", ""))[index].strip()
            if value:
                return value
        return ""

    return PracticalNotes(accessibility=pick(0) or event_wide.strip(), directions=pick(1))
