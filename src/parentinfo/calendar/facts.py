"""The practical facts of a session in words, in the current language, for pages and calendars.

"English, with an interpreter (Polish)", "Childcare is available": the same sentences on
the parent's page and in the DESCRIPTION of their calendar entry. Language names come
from Babel, written in the language of the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from babel.lists import format_list

from parentinfo.i18n import current_language, language_name
from parentinfo.i18n import gettext as _


@dataclass(frozen=True)
class SessionFacts:
    """What a parent needs to know besides the title: languages, childcare, access, hosts."""

    session_languages: tuple[str, ...] = ()
    interpreter_languages: tuple[str, ...] = ()
    childcare: bool = False
    accessibility_notes: str = ""
    directions: str = ""
    hosts: tuple[str, ...] = field(default_factory=tuple)


def languages_line(session: Sequence[str], interpreters: Sequence[str]) -> str:
    """``English, with an interpreter (Polish)`` in the current language; empty when unknown."""
    return _languages_line(tuple(session), tuple(interpreters), current_language())


@cache
def _languages_line(session: tuple[str, ...], interpreters: tuple[str, ...], reader: str) -> str:
    spoken = names(session, reader)
    helped = names([c for c in interpreters if c not in session], reader)
    if spoken and helped:
        return _("{languages}, with an interpreter ({interpreters})").format(
            languages=spoken, interpreters=helped
        )
    if helped:
        return _("Interpreter: {interpreters}").format(interpreters=helped)
    return spoken


def names(codes: Sequence[str], reader: str) -> str:
    """Language names joined as ``reader`` joins a list ("Polish and Romanian")."""
    if not codes:
        return ""
    written = [language_name(code, in_language=reader) for code in codes]
    try:
        return str(format_list(written, locale=reader))
    except ValueError:  # a language Babel does not know: plain commas will do
        return ", ".join(written)


def childcare_line(childcare: bool) -> str:
    """Whether children can be looked after during the session."""
    return _("Childcare is available.") if childcare else _("There is no childcare.")


def calendar_description(*, description: str, facts: SessionFacts, page_url: str | None) -> str:
    """The DESCRIPTION of a calendar entry: staff text, the facts, and the parent's link."""
    lines = [description.strip()] if description.strip() else []
    facts_block = []
    spoken = languages_line(facts.session_languages, facts.interpreter_languages)
    if spoken:
        facts_block.append(_("Language: {languages}").format(languages=spoken))
    facts_block.append(childcare_line(facts.childcare))
    if facts.accessibility_notes.strip():
        facts_block.append(
            _("Accessibility: {notes}").format(notes=facts.accessibility_notes.strip())
        )
    if facts.directions.strip():
        facts_block.append(
            _("Directions: {directions}").format(directions=facts.directions.strip())
        )
    if facts.hosts:
        facts_block.append(_("Organised by: {hosts}").format(hosts=", ".join(facts.hosts)))
    lines.append("\n".join(facts_block))
    if page_url:
        lines.append(
            _("Your answer, the address and the calendar file: {url}").format(url=page_url)
        )
    return "\n\n".join(lines)
