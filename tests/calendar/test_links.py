"""The add-to-calendar and map links carry the right instants and texts."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from parentinfo.calendar.links import google_calendar_url, map_url, outlook_calendar_url

START = datetime(2027, 10, 31, 9, 0, tzinfo=UTC)
END = datetime(2027, 10, 31, 11, 0, tzinfo=UTC)
ARGS = {
    "title": "Spotkanie & pytania",
    "starts_at": START,
    "ends_at": END,
    "details": "Opis\nhttps://parentinfo.test/r/t",
    "location": "Schoolstraat 1, Zwolle",
}


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_google_link_has_utc_dates_and_the_texts() -> None:
    url = google_calendar_url(**ARGS)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    query = _query(url)
    assert query["action"] == "TEMPLATE"
    assert query["dates"] == "20271031T090000Z/20271031T110000Z"
    assert query["text"] == "Spotkanie & pytania"
    assert query["location"] == "Schoolstraat 1, Zwolle"
    assert query["details"].endswith("/r/t")


def test_outlook_link_has_iso_utc_times() -> None:
    query = _query(outlook_calendar_url(**ARGS))
    assert query["startdt"] == "2027-10-31T09:00:00Z"
    assert query["enddt"] == "2027-10-31T11:00:00Z"
    assert query["subject"] == "Spotkanie & pytania"
    assert query["rru"] == "addevent"


def test_map_link_searches_openstreetmap_for_the_address() -> None:
    url = map_url("Schoolstraat 1, Zwolle")
    assert url.startswith("https://www.openstreetmap.org/search?")
    assert _query(url)["query"] == "Schoolstraat 1, Zwolle"
