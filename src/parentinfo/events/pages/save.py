"""Saving the event form through the events service: the fields, then each language's text.

Every fault is gathered into the form, so the page shows them all next to their fields.
"""

from __future__ import annotations

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, Forbidden, Invalid, NotFound
from parentinfo.events import service
from parentinfo.events.models import Event
from parentinfo.events.pages.form import (
    ALIASES,
    event_texts,
    event_values,
    text_languages,
    text_notes,
)
from parentinfo.i18n import gettext as _
from parentinfo.outreach.notices.preview import ChangePreview, preview_change
from parentinfo.web.forms import Form


async def create_from_form(*, actor: Actor, form: Form, languages: list[str]) -> Event | None:
    """A new draft (or a monthly series of drafts: the first is returned); None on faults."""
    values = event_values(form)
    texts = event_texts(form, languages)
    monthly = form.checked("monthly")
    count = form.integer("series_count", default=6) if monthly else None
    if form.errors:
        return None
    try:
        if monthly:
            _series, events = await service.create_monthly_series(
                actor=actor,
                name=form.value("series_name"),
                count=count or 0,
                values=values,
                texts=texts,
            )
            return events[0]
        event = await service.create_event(actor=actor, values=values, texts=texts)
        for code, (title, description) in texts.items():
            notes = text_notes(form, code)
            if any(notes.values()):
                await service.set_text(
                    actor=actor,
                    event_id=event.id,
                    language=code,
                    title=title,
                    description=description,
                    **notes,
                )
    except Invalid as error:
        form.fail(error, aliases={**ALIASES, "count": "series_count"})
        return None
    return event


def owner_only_message() -> str:
    """Why a co-host's move or cancellation is refused, in the page's language."""
    return _(
        "Only the organisation that drafted the event changes its time, place or places "
        "once it is published, and only it cancels the event: those reach its parents."
    )


def not_yours_to_move_up() -> str:
    """Why another host's waiting parent is not moved up, in the page's language."""
    return _("Only the organisation whose parent this is moves them up.")


def no_longer_waiting() -> str:
    """A move-up of someone who moved up meanwhile, in the page's language."""
    return _("This parent is not on the waiting list any more.")


async def preview_from_form(*, actor: Actor, event: Event, form: Form) -> ChangePreview | None:
    """What saving the form would tell the parents; None on faults (noted in the form).

    A co-host moving a published event gets the reason in ``form.errors`` (the page
    answers 403), exactly as the service would refuse the save.
    """
    values = event_values(form)
    event_texts(form, text_languages([t.language for t in event.texts]))
    if form.errors:
        return None
    try:
        return await preview_change(actor=actor, event_id=event.id, changes=values)
    except Forbidden:
        form.errors["__all__"] = owner_only_message()
        return None
    except (Invalid, Conflict) as error:
        form.fail(error, aliases=ALIASES)
        return None


async def update_from_form(*, actor: Actor, event: Event, form: Form, notify: bool = True) -> bool:
    """Change the event and write, rewrite or remove each language's text; False on faults."""
    values = event_values(form)
    languages = text_languages([t.language for t in event.texts])
    texts = event_texts(form, languages)
    if form.errors:
        return False
    try:
        await service.update_event(actor=actor, event_id=event.id, changes=values, notify=notify)
    except Forbidden:
        form.errors["__all__"] = owner_only_message()
        return False
    except (Invalid, Conflict) as error:
        form.fail(error, aliases=ALIASES)
        return False
    written = {t.language for t in event.texts}
    for code in languages:
        try:
            if code in texts:
                title, description = texts[code]
                await service.set_text(
                    actor=actor,
                    event_id=event.id,
                    language=code,
                    title=title,
                    description=description,
                    **text_notes(form, code),
                )
            elif code in written:
                await service.delete_text(actor=actor, event_id=event.id, language=code)
        except (Invalid, Conflict, NotFound) as error:
            form.fail(
                error,
                aliases={
                    "title": f"title_{code}",
                    "description": f"description_{code}",
                    "accessibility_notes": f"accessibility_{code}",
                    "directions": f"directions_{code}",
                },
            )
    return not form.errors
