"""The event form: a date with start and end times, every field, and texts per language.

Turns what was typed into the values the events service takes, and an event back into
what the form shows. Times are wall-clock times in the event's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from parentinfo.events.models import Event
from parentinfo.events.wording import notes_map, texts_map
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import VOLUNTEER_LANGUAGES
from parentinfo.web.forms import Form, empty_form

TITLE_MAX = 200
# Service field names → the form's inputs, so an error lands next to the right one.
ALIASES = {"starts_at": "start_time", "ends_at": "end_time", "texts": "title_en"}


def text_languages(*groups: Iterable[str]) -> list[str]:
    """nl, en, pl, ro, bg first, then any other language written or wanted, without repeats."""
    ordered: list[str] = []
    for code in [*VOLUNTEER_LANGUAGES, *(c for group in groups for c in group)]:
        if code not in ordered:
            ordered.append(code)
    return ordered


def _day(form: Form) -> date | None:
    raw = form.value("date").strip()
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        form.errors["date"] = _("Write the date as 2025-03-11.")
        return None


def _clock(form: Form, name: str) -> time | None:
    raw = form.value(name).strip()
    try:
        return time.fromisoformat(raw) if raw else None
    except ValueError:
        form.errors[name] = _("Write the time as 19:00.")
        return None


def event_values(form: Form) -> dict[str, Any]:
    """The event's fields from the form; format mistakes are noted in ``form.errors``."""
    day, start, end = _day(form), _clock(form, "start_time"), _clock(form, "end_time")
    for name, value in (("date", day), ("start_time", start), ("end_time", end)):
        if value is None and name not in form.errors:
            form.errors[name] = _("This is needed.")
    values: dict[str, Any] = {
        "topic": form.value("topic"),
        "venue": form.value("venue"),
        "address": form.value("address"),
        "accessibility_notes": form.value("accessibility_notes"),
        "capacity": form.value("capacity").strip() or None,
        "childcare": form.checked("childcare"),
        "session_languages": form.many("session_languages"),
        "interpreter_languages": form.many("interpreter_languages"),
        "guest_organisation": form.value("guest_organisation") or None,
    }
    if day and start and end:
        values["starts_at"] = f"{day.isoformat()}T{start.isoformat(timespec='minutes')}"
        values["ends_at"] = f"{day.isoformat()}T{end.isoformat(timespec='minutes')}"
    return values


def text_notes(form: Form, code: str) -> dict[str, str]:
    """The accessibility note and directions typed for one language."""
    return {
        "accessibility_notes": form.value(f"accessibility_{code}"),
        "directions": form.value(f"directions_{code}"),
    }


def event_texts(form: Form, languages: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The texts typed per language (a title is needed once a description is written)."""
    texts: dict[str, tuple[str, str]] = {}
    for code in languages:
        title = form.value(f"title_{code}").strip()
        description = form.value(f"description_{code}").strip()
        if not title and description:
            form.errors[f"title_{code}"] = _("Give a title for this language too.")
        elif len(title) > TITLE_MAX:
            form.errors[f"title_{code}"] = _("At most 200 characters.")
        elif title:
            texts[code] = (title, description)
    return texts


def form_for_event(event: Event) -> Form:
    """The form filled in with an event (its texts must have been fetched)."""
    zone = ZoneInfo(event.timezone)
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    guest = event.guest_organisation
    form = empty_form(
        topic=event.topic.value,
        date=start.date().isoformat(),
        start_time=start.strftime("%H:%M"),
        end_time=end.strftime("%H:%M"),
        venue=event.venue,
        address=event.address,
        accessibility_notes=event.accessibility_notes,
        capacity=str(event.capacity) if event.capacity else "",
        childcare="on" if event.childcare else None,
        session_languages=list(event.session_languages),
        interpreter_languages=list(event.interpreter_languages),
        guest_organisation=guest.slug if guest else None,
    )
    for code, (title, description) in texts_map(event.texts).items():
        form.values[f"title_{code}"] = [title]
        form.values[f"description_{code}"] = [description]
    for code, (accessibility, directions) in notes_map(event.texts).items():
        form.values[f"accessibility_{code}"] = [accessibility]
        form.values[f"directions_{code}"] = [directions]
    return form


def new_event_form() -> Form:
    """An empty form with sensible defaults: a Dutch session, 19:00 to 21:00."""
    return empty_form(
        topic="school_system",
        start_time="19:00",
        end_time="21:00",
        session_languages=["nl"],
        series_count="6",
    )
