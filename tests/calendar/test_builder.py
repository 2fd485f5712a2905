"""The pure builder: iTIP REQUEST / CANCEL, PUBLISH, feeds, time zones and daylight saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from parentinfo.calendar.builder import (
    Attendee,
    CalendarEvent,
    build_cancel,
    build_feed,
    build_publish,
    build_request,
)
from tests.calendar.ical import parse_both, utc

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2027, 1, 5, 12, 0, tzinfo=UTC)
ANNA = Attendee(name="Anna Kowalska", email="anna@example.test", partstat="ACCEPTED")


def session(starts_at: datetime, **changes: object) -> CalendarEvent:
    event = CalendarEvent(
        uid="42-abc@parentinfo.test",
        sequence=0,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        timezone="Europe/Amsterdam",
        summary="Holenderski system szkolny",
        description="Jak działa szkoła, krok po kroku.\nhttps://parentinfo.test/r/tok",
        location="De Regenboog, Schoolstraat 1, Zwolle",
        url="https://parentinfo.test/r/tok",
        organizer_name="OBS De Regenboog",
        organizer_email="info@regenboog.test",
    )
    return replace(event, **changes)  # type: ignore[arg-type]


SPRING = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)  # 10:00 in Amsterdam, the day clocks go forward
AUTUMN = datetime(2027, 10, 31, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam, the day clocks go back


def test_request_is_an_itip_invitation_with_organizer_attendee_and_alarm() -> None:
    parsed = parse_both(build_request(session(SPRING), ANNA, alarm_hours=24, stamp=STAMP))
    assert parsed.ical["METHOD"] == "REQUEST"
    [event] = parsed.events
    assert str(event["UID"]) == "42-abc@parentinfo.test"
    assert event["SEQUENCE"] == 0
    assert str(event["ORGANIZER"]) == "mailto:info@regenboog.test"
    assert event["ORGANIZER"].params["CN"] == "OBS De Regenboog"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:anna@example.test"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert attendee.params["RSVP"] == "TRUE"
    assert str(event["LOCATION"]) == "De Regenboog, Schoolstraat 1, Zwolle"
    assert "Jak działa szkoła" in str(event["DESCRIPTION"])
    assert "https://parentinfo.test/r/tok" in str(event["DESCRIPTION"])
    [alarm] = list(event.walk("VALARM"))
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(hours=-24)
    vevent = parsed.vevents[0]
    assert vevent.attendee.params["PARTSTAT"] == ["ACCEPTED"]
    assert vevent.valarm.trigger.value == timedelta(hours=-24)
    assert vevent.summary.value == "Holenderski system szkolny"


@pytest.mark.parametrize(
    ("instant", "wall"),
    [(SPRING, "20270328T100000"), (AUTUMN, "20271031T100000")],
    ids=["last-sunday-of-march", "last-sunday-of-october"],
)
def test_sessions_on_the_days_the_clocks_change_keep_their_instant(
    instant: datetime, wall: str
) -> None:
    for text in (
        build_request(session(instant), ANNA, alarm_hours=24, stamp=STAMP),
        build_publish(session(instant), alarm_hours=None, stamp=STAMP),
        build_feed([session(instant)], name="feed"),
    ):
        assert f"DTSTART;TZID=Europe/Amsterdam:{wall}" in text
        parsed = parse_both(text)
        assert utc(parsed.events[0]["DTSTART"].dt) == instant
        assert utc(parsed.vevents[0].dtstart.value) == instant
        assert utc(parsed.vevents[0].dtend.value) == instant + timedelta(hours=2)


def test_dst_days_every_quarter_hour_round_trip_through_both_parsers() -> None:
    for day_start in (
        datetime(2027, 3, 27, 22, tzinfo=UTC),
        datetime(2027, 10, 30, 22, tzinfo=UTC),
    ):
        for quarter in range(4 * 8):
            instant = day_start + timedelta(minutes=15 * quarter)
            parsed = parse_both(build_publish(session(instant), alarm_hours=None, stamp=STAMP))
            assert utc(parsed.events[0]["DTSTART"].dt) == instant
            assert utc(parsed.vevents[0].dtstart.value) == instant
            feed = parse_both(build_feed([session(instant)], name="feed"))
            assert utc(feed.vevents[0].dtstart.value) == instant


def test_a_wall_time_that_does_not_exist_moves_an_hour_forward() -> None:
    # 02:30 on 28 March 2027 never shows on an Amsterdam clock. Read with zoneinfo's rule
    # (fold=0: the offset before the change) it is 01:30 UTC, which the clock calls 03:30.
    typed = datetime(2027, 3, 28, 2, 30, tzinfo=AMSTERDAM)
    instant = typed.astimezone(UTC)
    assert instant == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    text = build_publish(session(instant), alarm_hours=None, stamp=STAMP)
    assert "DTSTART;TZID=Europe/Amsterdam:20270328T033000" in text
    assert utc(parse_both(text).vevents[0].dtstart.value) == instant


def test_the_repeated_hour_in_october_is_written_in_utc_when_it_is_the_second_one() -> None:
    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 02:30 summer time
    second = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)  # 02:30 again, winter time
    first_text = build_publish(session(first, ends_at=second), alarm_hours=None, stamp=STAMP)
    assert "DTSTART;TZID=Europe/Amsterdam:20271031T023000" in first_text
    assert "DTEND:20271031T013000Z" in first_text
    parsed = parse_both(first_text)
    assert utc(parsed.events[0]["DTSTART"].dt) == first
    assert utc(parsed.vevents[0].dtend.value) == second


def test_updates_keep_the_uid_and_raise_the_sequence_and_cancel_keeps_the_uid() -> None:
    original = session(SPRING)
    moved = replace(original, sequence=1, starts_at=SPRING + timedelta(hours=1))
    cancelled = replace(moved, sequence=2, status="CANCELLED")
    texts = [
        build_request(original, ANNA, alarm_hours=24, stamp=STAMP),
        build_request(moved, ANNA, alarm_hours=24, stamp=STAMP),
        build_cancel(cancelled, ANNA, stamp=STAMP),
    ]
    parsed = [parse_both(text) for text in texts]
    assert {str(p.events[0]["UID"]) for p in parsed} == {"42-abc@parentinfo.test"}
    assert [p.events[0]["SEQUENCE"] for p in parsed] == [0, 1, 2]
    assert [int(p.vevents[0].sequence.value) for p in parsed] == [0, 1, 2]
    cancel = parsed[2]
    assert cancel.ical["METHOD"] == "CANCEL"
    assert cancel.events[0]["STATUS"] == "CANCELLED"
    assert str(cancel.events[0]["ATTENDEE"]) == "mailto:anna@example.test"
    assert not list(cancel.events[0].walk("VALARM"))


def test_cancel_says_cancelled_even_when_the_event_still_reads_confirmed() -> None:
    text = build_cancel(session(SPRING, sequence=3), ANNA, stamp=STAMP)
    assert parse_both(text).vevents[0].status.value == "CANCELLED"


def test_the_vtimezone_covers_only_the_years_of_the_event() -> None:
    text = build_request(session(SPRING), ANNA, alarm_hours=24, stamp=STAMP)
    parsed = parse_both(text)
    [zone] = list(parsed.ical.walk("VTIMEZONE"))
    transitions = list(zone.walk("STANDARD")) + list(zone.walk("DAYLIGHT"))
    rdates = sum(
        len(t.get("RDATE", [])) if isinstance(t.get("RDATE"), list) else 0 for t in transitions
    )
    assert len(transitions) + rdates < 10
    assert "1970" not in text
    assert "2038" not in text
    assert text.count("BEGIN:VTIMEZONE") == 1


def test_an_event_across_new_year_gets_a_timezone_for_both_years() -> None:
    new_year = datetime(2027, 12, 31, 22, 0, tzinfo=UTC)
    text = build_publish(session(new_year, ends_at=new_year + timedelta(hours=3)), alarm_hours=None)
    assert "2027-01-01 to 2029-01-01" in text
    assert utc(parse_both(text).vevents[0].dtend.value) == new_year + timedelta(hours=3)


def test_the_alarm_follows_the_setting_and_can_be_left_out() -> None:
    two_days = parse_both(build_request(session(SPRING), ANNA, alarm_hours=48, stamp=STAMP))
    assert two_days.vevents[0].valarm.trigger.value == timedelta(hours=-48)
    none = parse_both(build_request(session(SPRING), ANNA, alarm_hours=None, stamp=STAMP))
    assert not hasattr(none.vevents[0], "valarm")


def test_publish_is_a_plain_event_without_attendees() -> None:
    parsed = parse_both(build_publish(session(SPRING), alarm_hours=24, stamp=STAMP))
    assert parsed.ical["METHOD"] == "PUBLISH"
    assert "ATTENDEE" not in parsed.text
    assert parsed.vevents[0].valarm.trigger.value == timedelta(hours=-24)


def test_a_request_needs_the_attendees_email() -> None:
    with pytest.raises(ValueError, match="email"):
        build_request(session(SPRING), Attendee("Sms Only", None), alarm_hours=24)


def test_partstat_follows_the_parents_answer() -> None:
    for partstat in ("ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"):
        text = build_request(
            session(SPRING), replace(ANNA, partstat=partstat), alarm_hours=None, stamp=STAMP
        )
        assert parse_both(text).vevents[0].attendee.params["PARTSTAT"] == [partstat]


def test_an_empty_feed_is_a_valid_calendar() -> None:
    parsed = parse_both(build_feed([], name="Empty school"))
    assert parsed.events == []
    assert parsed.ical["METHOD"] == "PUBLISH"
    assert str(parsed.ical["X-WR-CALNAME"]) == "Empty school"
    assert "VTIMEZONE" not in parsed.text


def test_a_feed_has_one_vtimezone_per_zone_and_never_an_attendee() -> None:
    events = [
        session(SPRING + timedelta(days=400 * i), uid=f"e{i}@test", sequence=i) for i in range(3)
    ]
    events.append(session(AUTUMN, uid="lisbon@test", timezone="Europe/Lisbon"))
    parsed = parse_both(build_feed(events, name="School", alarm_hours=None))
    assert parsed.text.count("BEGIN:VTIMEZONE") == 2
    assert "ATTENDEE" not in parsed.text
    assert "VALARM" not in parsed.text
    assert [str(e["UID"]) for e in parsed.events] == [
        "e0@test",
        "e1@test",
        "e2@test",
        "lisbon@test",
    ]
    assert [utc(v.dtstart.value) for v in parsed.vevents] == [e.starts_at for e in events]
