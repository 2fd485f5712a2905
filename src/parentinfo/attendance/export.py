"""The door list on paper and in a spreadsheet: the same rows, the same isolation rules.

The printed list is the door's paper fallback: the same rows as the phone (every host's
invited parents by name, numbers and emails only of the actor's own contacts). The CSV
leaves the system, and running the door does not need it: it holds only the actor's own
organisation's invitations (other hosts' parents are in the headcount, as numbers). Every
download is written to the audit log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import door_event
from parentinfo.attendance.results import AttendeeRow, Headcount
from parentinfo.attendance.service import count_at_door, list_at_door
from parentinfo.events.models import Event, EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import gettext as _
from parentinfo.i18n import use_language
from parentinfo.lib.csvcells import safe_cell
from parentinfo.privacy import audit
from parentinfo.rsvp.waitlist.staff import Places, places_of


@dataclass(frozen=True)
class PrintableList:
    """What a printed door list shows: the session, everyone expected, and the count so far."""

    event_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    venue: str
    address: str
    rows: list[AttendeeRow]
    headcount: Headcount
    places: Places  # taken, free, and the waiting list in its order


async def printable_list(*, actor: Actor, event_id: int) -> PrintableList:
    """The door list of one event, for the web page that prints it."""
    event = await door_event(actor=actor, event_id=event_id)
    rows = await list_at_door(actor=actor, event=event)
    return PrintableList(
        event_id=event.id,
        title=await _title(event, actor.language),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        venue=event.venue,
        address=event.address,
        rows=rows,
        headcount=await count_at_door(event=event),
        places=await places_of(event=event, org_id=actor.org_id),
    )


async def attendance_csv(*, actor: Actor, event_id: int) -> tuple[str, str]:
    """``(filename, text)`` of the organisation's own door list as CSV, in the actor's language."""
    event = await door_event(actor=actor, event_id=event_id)
    rows = [row for row in await list_at_door(actor=actor, event=event) if row.mine]
    with use_language(actor.language):
        text = render_csv(rows, event.timezone)
    await audit.record(
        actor=actor,
        action="attendance.export",
        subject_type="event",
        subject_id=event.id,
        details={"rows": len(rows), "with_address": sum(1 for r in rows if r.mobile or r.email)},
    )
    return f"attendance-{event.id}.csv", text


def render_csv(rows: list[AttendeeRow], timezone: str) -> str:
    """The CSV text (with a BOM, so spreadsheets read Polish and Bulgarian names right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Name"),
            _("Language"),
            _("Answer"),
            _("Party size"),
            _("Checked in"),
            _("People checked in"),
            _("Time"),
            _("Mobile"),
            _("Email"),
        ]
    )
    tz = ZoneInfo(timezone)
    for row in rows:
        when = (
            row.checked_in_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if row.checked_in_at else ""
        )
        writer.writerow(
            [
                safe_cell(row.name),
                row.language,
                answer_label(row.answer),
                row.party_size,
                _("yes") if row.checked_in else _("no"),
                row.checked_in_party_size or "",
                when,
                row.mobile or "",
                safe_cell(row.email or ""),
            ]
        )
    return "\ufeff" + buffer.getvalue()


def answer_label(answer: str) -> str:
    """A parent's answer in the current language."""
    labels = {"yes": _("yes"), "no": _("no"), "maybe": _("maybe"), "none": _("no answer")}
    return labels.get(answer, answer)


async def _title(event: Event, language: str) -> str:
    texts = await EventText.filter(event_id=event.id).values_list(
        "language", "title", "description"
    )
    chosen = choose_text({code: (title, body) for code, title, body in texts}, language)
    return chosen.title if chosen else ""
