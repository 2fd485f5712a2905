"""Links a parent can follow from their page: add to Google or Outlook, and find the venue."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"
OPENSTREETMAP = "https://www.openstreetmap.org/search"
# Long descriptions make links that some phones refuse to open; the page has the rest.
MAX_DETAILS = 1000


def google_calendar_url(
    *, title: str, starts_at: datetime, ends_at: datetime, details: str, location: str
) -> str:
    """Google Calendar's "new event" form, filled in (times in UTC)."""
    dates = f"{_compact(starts_at)}/{_compact(ends_at)}"
    query = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details[:MAX_DETAILS],
        "location": location,
    }
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_calendar_url(
    *, title: str, starts_at: datetime, ends_at: datetime, details: str, location: str
) -> str:
    """Outlook on the web's "new event" form, filled in (times in UTC)."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": _iso(starts_at),
        "enddt": _iso(ends_at),
        "location": location,
        "body": details[:MAX_DETAILS],
    }
    return f"{OUTLOOK}?{urlencode(query)}"


def map_url(address: str) -> str:
    """OpenStreetMap's search for an address (no tracking, works on every phone)."""
    return f"{OPENSTREETMAP}?{urlencode({'query': address})}"


def _compact(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
