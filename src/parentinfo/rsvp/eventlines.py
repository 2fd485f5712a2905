"""How a reply names an event: its code, its title in the parent's language, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from parentinfo.events.models import Event, EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import current_language, use_language
from parentinfo.outreach.composing.compose import sms_locale
from parentinfo.rsvp.inbound.senders import OpenEvent
from parentinfo.rsvp.replies import EventLine


def when_text(starts_at: datetime, timezone: str) -> str:
    """When, short ("wo 12 mrt 18:30"), in the current language and the event's time zone.

    The clock is the invitation's 24-hour ``18:30`` in every language: a locale's 12-hour
    clock ("6:30 PM", "6:30 μ.μ.") carries a narrow no-break space that forces a GSM-7 SMS
    into UCS-2, and the parent should read the same time as in the invitation.
    """
    local = starts_at.astimezone(ZoneInfo(timezone))
    try:
        day = format_skeleton("MMMEd", local, locale=sms_locale(current_language()))
    except (ValueError, LookupError):
        day = local.strftime("%d-%m")
    return f"{day} {local:%H:%M}"


def event_line(event: OpenEvent, language: str) -> EventLine:
    """The line for an event whose titles are at hand, in ``language``."""
    with use_language(language):
        chosen = choose_text(event.texts, language)
        title = chosen.title if chosen else event.reply_code
        return EventLine(event.reply_code, title, when_text(event.starts_at, event.timezone))


async def event_lines(events: Sequence[Event], language: str) -> dict[int, EventLine]:
    """A line per event (by id), in ``language``: its title through the fallback chain."""
    ids = [event.id for event in events]
    rows = await EventText.filter(event_id__in=ids).values_list(
        "event_id", "language", "title", "description"
    )
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for event_id, text_language, title, description in rows:
        texts.setdefault(int(event_id), {})[str(text_language)] = (str(title), str(description))
    return {
        event.id: event_line(
            OpenEvent(
                event.id, event.reply_code, event.starts_at, event.timezone, texts.get(event.id, {})
            ),
            language,
        )
        for event in events
    }
