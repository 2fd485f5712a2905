"""The feed's hand-written content lines say exactly what icalendar's own output says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from parentinfo.calendar.builder import CalendarEvent, build_feed, build_publish
from parentinfo.calendar.contentlines import escape_text, fold
from tests.calendar.ical import parse_both, utc

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=160
)
titles = texts.filter(lambda t: t.strip() != "")
moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))  # iCalendar counts whole seconds


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


@given(line=st.text(max_size=400))
def test_folding_keeps_every_line_within_75_octets_and_unfolds_to_the_original(line: str) -> None:
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert _unfold(folded) == line


def test_text_escapes_follow_rfc_5545() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("bell\x07 tab\t") == "bell tab\t"


@settings(max_examples=150, deadline=None)
@given(
    summary=titles,
    description=texts,
    location=texts,
    organizer=texts,
    start=moments,
    minutes=st.integers(min_value=15, max_value=60 * 30),
    sequence=st.integers(min_value=0, max_value=10_000),
    zone=st.sampled_from(["Europe/Amsterdam", "Europe/Warsaw", "Europe/Lisbon", "UTC"]),
)
def test_a_feed_event_reads_back_like_icalendars_own(  # noqa: PLR0917 - hypothesis draws each
    summary: str,
    description: str,
    location: str,
    organizer: str,
    start: datetime,
    minutes: int,
    sequence: int,
    zone: str,
) -> None:
    event = CalendarEvent(
        uid=f"{sequence}@parentinfo.test",
        sequence=sequence,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        timezone=zone,
        summary=summary,
        description=description,
        location=location,
        url="https://parentinfo.test/r/abc",
        organizer_name=organizer,
        organizer_email="info@school.test",
        last_modified=start,
    )
    fast = parse_both(build_feed([event], name="feed"))
    reference = parse_both(build_publish(event, alarm_hours=None, stamp=start))
    ours, theirs = fast.events[0], reference.events[0]
    for name in ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "ORGANIZER"):
        assert str(ours.get(name, "")) == str(theirs.get(name, "")), name
    assert ours["SEQUENCE"] == theirs["SEQUENCE"] == sequence
    assert ours["ORGANIZER"].params.get("CN") == theirs["ORGANIZER"].params.get("CN")
    for name in ("DTSTART", "DTEND"):
        assert utc(ours[name].dt) == utc(theirs[name].dt)
    vevent = fast.vevents[0]
    assert utc(vevent.dtstart.value) == start
    assert utc(vevent.dtend.value) == start + timedelta(minutes=minutes)
    assert vevent.summary.value == reference.vevents[0].summary.value


def test_a_feed_over_several_years_reads_right_in_every_year() -> None:
    # icalendar lists later years as RDATEs, which dateutil (inside vobject) misreads in the
    # last year; the feed writes one STANDARD or DAYLIGHT per transition instead.
    starts = [
        datetime(year, month, 1, 8, 0, tzinfo=UTC)
        for year in (2027, 2028, 2029)
        for month in (2, 5, 11)
    ]
    events = [
        CalendarEvent(
            uid=f"{i}@test",
            sequence=0,
            starts_at=moment,
            ends_at=moment + timedelta(hours=1),
            timezone="Europe/Amsterdam",
            summary="Session",
            description="",
            location="",
            url="",
            organizer_name="School",
            organizer_email="info@school.test",
        )
        for i, moment in enumerate(starts)
    ]
    parsed = parse_both(build_feed(events, name="School"))
    assert "RDATE" not in parsed.text
    assert [utc(v.dtstart.value) for v in parsed.vevents] == starts
    assert [utc(e["DTSTART"].dt) for e in parsed.events] == starts
