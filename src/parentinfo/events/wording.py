"""Staff-written titles and descriptions, one per language, read through the fallback chain."""

from __future__ import annotations

from collections.abc import Iterable

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, NotFound
from parentinfo.events import fields
from parentinfo.events.access import editable_event, visible_event
from parentinfo.events.models import Event, EventText
from parentinfo.events.texts import ChosenText, PracticalNotes, choose_notes, choose_text
from parentinfo.lib.enums import EventStatus


def texts_map(texts: Iterable[EventText]) -> dict[str, tuple[str, str]]:
    """``{"pl": ("Szkoła w Holandii", "..."), ...}`` for :func:`choose_text`."""
    return {text.language: (text.title, text.description) for text in texts}


def notes_map(texts: Iterable[EventText]) -> dict[str, tuple[str, str]]:
    """``{"pl": ("Wejście bez schodów", "Wejście od parkingu"), ...}`` for :func:`choose_notes`."""
    return {text.language: (text.accessibility_notes, text.directions) for text in texts}


def notes_for(event: Event, texts: Iterable[EventText], language: str) -> PracticalNotes:
    """The accessibility note and directions for a reader of ``language``, by the chain."""
    return choose_notes(notes_map(texts), language, event_wide=event.accessibility_notes)


async def text_for(*, event: Event, language: str) -> ChosenText | None:
    """The text to show a reader of ``language``: asked, then English, then Dutch."""
    texts = await EventText.filter(event_id=event.id)
    return choose_text(texts_map(texts), language)


async def list_texts(*, actor: Actor, event_id: int) -> list[EventText]:
    """Every language the event has been written in."""
    event = await visible_event(actor=actor, event_id=event_id)
    return list(await EventText.filter(event_id=event.id).order_by("language"))


async def set_text(
    *,
    actor: Actor,
    event_id: int,
    language: str,
    title: str,
    description: str = "",
    accessibility_notes: str | None = None,
    directions: str | None = None,
) -> tuple[EventText, bool]:
    """Write (or rewrite) the text in one language; True when it is new.

    A note left out (None) keeps what the language had, so a page that edits only titles
    never wipes the notes written through the API.
    """
    event = await editable_event(actor=actor, event_id=event_id)
    code = fields.language(language)
    clean_title, clean_description = fields.title_and_description(title, description)
    notes = fields.text_notes(accessibility_notes=accessibility_notes, directions=directions)
    _refuse_if_closed(event)
    text, created = await EventText.get_or_create(
        event_id=event.id,
        language=code,
        defaults={"title": clean_title, "description": clean_description, **notes},
    )
    if not created:
        text.title, text.description = clean_title, clean_description
        for name, value in notes.items():
            setattr(text, name, value)
        await text.save(update_fields=["title", "description", *notes, "updated_at"])
    return text, created


async def delete_text(*, actor: Actor, event_id: int, language: str) -> None:
    """Remove one language's text; a published event keeps at least one."""
    event = await editable_event(actor=actor, event_id=event_id)
    code = fields.language(language)
    _refuse_if_closed(event)
    text = await EventText.get_or_none(event_id=event.id, language=code)
    if text is None:
        raise NotFound(f"This event has no text in {code!r}.")
    others = await EventText.filter(event_id=event.id).exclude(id=text.id).exists()
    if event.status == EventStatus.PUBLISHED and not others:
        raise Conflict("A published event needs a text in at least one language.")
    await text.delete()


def _refuse_if_closed(event: Event) -> None:
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise Conflict(f"This event is {event.status.value}; its texts can no longer change.")
