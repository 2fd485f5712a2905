"""Checking event fields: every problem named, naive times read in the event's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parentinfo.errors import Invalid
from parentinfo.events.fields import check_times, clean_fields, language, title_and_description
from parentinfo.lib.enums import Topic


def test_naive_times_are_wall_clock_times_in_the_zone() -> None:
    cleaned = clean_fields(
        {"starts_at": "2031-07-08T19:00", "ends_at": datetime(2031, 1, 8, 19)},
        timezone="Europe/Amsterdam",
    )
    assert cleaned["starts_at"].astimezone(UTC).hour == 17
    assert cleaned["ends_at"].astimezone(UTC).hour == 18


def test_an_explicit_timezone_wins_over_the_default() -> None:
    cleaned = clean_fields(
        {"starts_at": "2031-07-08T19:00", "timezone": "Europe/London"}, timezone="Europe/Amsterdam"
    )
    assert cleaned["starts_at"].astimezone(UTC).hour == 18
    assert cleaned["timezone"] == "Europe/London"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Europe", "x" * 300, "/etc/passwd", ""])
def test_unknown_time_zones_are_refused(zone: str) -> None:
    with pytest.raises(Invalid, match="timezone"):
        clean_fields({"timezone": zone}, timezone="UTC")


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(Invalid) as caught:
        clean_fields(
            {
                "topic": "cooking",
                "capacity": -1,
                "session_languages": [],
                "interpreter_languages": "pl",
                "venue": "x" * 201,
                "starts_at": "soon",
                "secret": 1,
            },
            timezone="Europe/Amsterdam",
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {
        "topic",
        "capacity",
        "session_languages",
        "interpreter_languages",
        "venue",
        "starts_at",
        "secret",
    }


def test_clean_values_come_back_clean() -> None:
    cleaned = clean_fields(
        {
            "topic": "library",
            "capacity": "12",
            "session_languages": ["PL", "en", "pl"],
            "venue": "  Bibliotheek  ",
            "guest_organisation": " ",
        },
        timezone="UTC",
    )
    assert cleaned == {
        "topic": Topic.LIBRARY,
        "capacity": 12,
        "session_languages": ["pl", "en"],
        "venue": "Bibliotheek",
        "guest_organisation": None,
    }


def test_times_titles_and_languages() -> None:
    moment = datetime(2031, 1, 1, tzinfo=UTC)
    with pytest.raises(Invalid, match="ends_at"):
        check_times(moment, moment)
    assert language(" RO ") == "ro"
    with pytest.raises(Invalid, match="language: 'xx' is not a supported language; use one of nl"):
        language("xx")
    assert title_and_description("  Hi ", " there ") == ("Hi", "there")
    with pytest.raises(Invalid, match="title: is required"):
        title_and_description(" ", "")
