"""A monthly series through the API: same weekday of the month, 19:00 local across DST."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from parentinfo.events.models import Event, Series
from tests.factories import make_member, make_org
from tests.factories.events import event_body

pytestmark = pytest.mark.anyio
AMS = ZoneInfo("Europe/Amsterdam")


async def test_series_keeps_seven_pm_local_across_the_dst_change(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("polska"))
    body = event_body(
        topic="mothers_network",
        starts_at="2031-02-11T19:00:00+01:00",  # the second Tuesday of February
        ends_at="2031-02-11T21:00:00+01:00",
        count=4,
        name="Mothers' network",
        texts={"pl": {"title": "Sieć mam"}, "en": {"title": "Mothers' network"}},
    )
    response = await client.post("/api/v1/series", json=body, headers=member.headers)
    assert response.status_code == 201, response.text
    series = response.json()
    assert (series["name"], series["rule"], len(series["events"])) == (
        "Mothers' network",
        "monthly",
        4,
    )
    starts = [datetime.fromisoformat(e["starts_at"]) for e in series["events"]]
    local = [datetime.fromisoformat(e["starts_at_local"]) for e in series["events"]]
    assert [d.date() for d in local] == [
        date(2031, 2, 11),
        date(2031, 3, 11),
        date(2031, 4, 8),
        date(2031, 5, 13),
    ]
    assert {(d.hour, d.minute) for d in local} == {(19, 0)}
    assert [d.hour for d in starts] == [18, 18, 17, 17]  # UTC moves when the clocks do
    assert {e["series_id"] for e in series["events"]} == {series["id"]}
    assert {e["status"] for e in series["events"]} == {"draft"}
    assert len({e["reply_code"] for e in series["events"]}) == 4
    assert all(e["text_languages"] == ["en", "pl"] for e in series["events"])
    stored = await Event.filter(series_id=series["id"]).order_by("starts_at")
    assert [e.starts_at.astimezone(AMS).hour for e in stored] == [19, 19, 19, 19]
    assert await Series.all().count() == 1


async def test_series_count_is_checked(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("polska"))
    for count in (0, 25):
        response = await client.post(
            "/api/v1/series", json=event_body(count=count), headers=member.headers
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "count"
    assert await Series.all().count() == 0
