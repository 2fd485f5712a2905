"""Safe edits in a real browser: moving a published event asks "Tell these N parents?", and
confirming puts exactly N notices in the outbox; saving without telling puts none there and
the event page says so.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in
from tests.browser.server import Server
from tests.browser.test_door_phone import Api

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

REACHED = ("sent", "delivered")  # a parent heard of the event: a change notice is for them
PARENTS = ("Anna Edytowana", "Jonas Edytowany", "Laura Edytowana")


def _reached_event(api: Api) -> tuple[int, int]:
    """A published event in two days whose Lithuanian parents (our three, and any the demo
    has) got their invitation; the event, and how many parents heard of it."""
    start = datetime.now(UTC).replace(microsecond=0, minute=0) + timedelta(days=2)
    event = api.call(
        "POST",
        "/events",
        json={
            "topic": "school_system",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue": "Aula",
            "texts": {"en": {"title": "Safe edit test"}, "lt": {"title": "Saugūs pakeitimai"}},
        },
    )
    event_id = int(event["id"])
    api.call("POST", f"/events/{event_id}/publish")
    for n, name in enumerate(PARENTS):
        api.call(
            "POST",
            "/contacts",
            json={
                "name": name,
                "mobile": f"+3161239770{n}",
                "language": "lt",  # no demo parent speaks it: only these three are invited
                "consent": {"channels": ["sms"], "method": "paper_form"},
            },
        )
    api.call("POST", f"/events/{event_id}/outreach/send", json={"languages": ["lt"]})
    invited = api.call("GET", f"/events/{event_id}/invitations", params={"per_page": 200})
    count = int(invited["total"])
    assert count >= len(PARENTS)
    _wait_for(
        lambda: len(_messages(api, event_id, "invitation", REACHED)) == count,
        lambda: [
            (m["status"], m["withheld_reason"]) for m in _messages(api, event_id, "invitation")
        ],
    )
    return event_id, count


def _messages(
    api: Api, event_id: int, kind: str, statuses: tuple[str, ...] | None = None
) -> list[Any]:
    rows = api.call("GET", "/messages", params={"event_id": event_id, "per_page": 200})["items"]
    return [r for r in rows if r["kind"] == kind and (statuses is None or r["status"] in statuses)]


def _wait_for(condition: Any, state: Any = None, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"the worker did not get there: {state and state()}"
        time.sleep(0.2)


async def test_a_move_asks_first_and_sends_exactly_what_it_said(
    sqlite_server: Server, browser: Browser
) -> None:
    api = Api(sqlite_server)
    event_id, n = _reached_event(api)
    base = sqlite_server.base_url
    context = await browser.new_context(locale="en-GB")
    page = await context.new_page()
    await log_in(page, base, SCHOOL, next_path=f"/events/{event_id}")
    await page.goto(f"{base}/events/{event_id}/edit?lang=en")

    await page.fill("#f-start_time", "20:00")
    await page.fill("#f-end_time", "22:00")
    await page.get_by_role("button", name="Save", exact=True).click()
    await expect(page.locator("h1")).to_have_text(f"Tell these {n} parents?")
    preview = page.locator("[data-notice-preview]")
    await expect(preview).to_have_attribute("data-messages", str(n))
    await expect(preview.locator("[data-count=sms]")).to_have_text(str(n))
    await expect(preview.locator("pre[lang=lt]")).to_contain_text("20:00")  # the Lithuanian notice
    assert _messages(api, event_id, "change") == []  # asking sends nothing

    await page.get_by_role("button", name=f"Save and tell these {n} parents").click()
    await expect(page.locator("#tellings [data-told=yes]")).to_have_count(1)
    await asyncio.sleep(1)  # a notice too many would be in the outbox by now
    assert len(_messages(api, event_id, "change")) == n  # exactly the N it said
    assert {m["language"] for m in _messages(api, event_id, "change")} == {"lt"}

    await page.goto(f"{base}/events/{event_id}/edit?lang=en")
    await page.fill("#f-venue", "Gym")
    await page.get_by_role("button", name="Save", exact=True).click()
    await expect(page.locator("h1")).to_have_text(f"Tell these {n} parents?")
    await page.get_by_role("button", name="Save without telling").click()
    told_not = page.locator("#tellings [data-told=no]")
    await expect(told_not).to_have_count(1)
    await expect(told_not).to_contain_text("saved without telling the parents")
    await expect(page.locator("#h-facts + .facts")).to_contain_text("Gym")
    await asyncio.sleep(1)  # a notice queued by mistake would be in the outbox by now
    assert len(_messages(api, event_id, "change")) == n  # none more
    await context.close()
