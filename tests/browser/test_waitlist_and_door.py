"""The waiting list for staff, and a door that says what it means, in a real browser.

A session with two places: one parent takes both, two more wait. The door (a 360 px phone)
shows the places and marks who waits, in order; a long checked-in name never wraps letter
by letter; a name alone is a named walk-in, nothing at all a headcount without a language.
The event page shows the same list; staff move one parent up (beyond the limit), then add
places for the other.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.helpers import SCHOOL, log_in
from tests.browser.server import PHONE, Server
from tests.browser.test_door_phone import Api
from tests.browser.test_safe_edits import REACHED, _messages, _wait_for

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

LONG = "Aleksandra Wiśniewska-Kowalczyk"
PARENTS = ((LONG, "taip 2"), ("Birutė Laukianti", "taip"), ("Ckestutis Laukiantis", "taip 2"))


def _event(api: Api) -> tuple[int, list[int]]:
    """A published session with two places; our three Lithuanian parents invited."""
    start = datetime.now(UTC).replace(microsecond=0, minute=0) + timedelta(days=3)
    event = api.call(
        "POST",
        "/events",
        json={
            "topic": "school_system",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue": "Aula",
            "capacity": 2,
            "texts": {
                "en": {"title": "Waiting list test"},
                "lt": {"title": "Laukiančiųjų sąrašas"},
            },
        },
    )
    event_id = int(event["id"])
    api.call("POST", f"/events/{event_id}/publish")
    contacts = [
        int(
            api.call(
                "POST",
                "/contacts",
                json={
                    "name": name,
                    "mobile": f"+3161239660{n}",
                    "language": "lt",
                    "consent": {"channels": ["sms"], "method": "paper_form"},
                },
            )["id"]
        )
        for n, (name, _reply) in enumerate(PARENTS)
    ]
    api.call("POST", f"/events/{event_id}/outreach/send", json={"languages": ["lt"]})
    _wait_for(lambda: len(_messages(api, event_id, "invitation", REACHED)) >= len(PARENTS))
    return event_id, contacts


async def _reply(page: Page, base: str, contact_id: int, body: str) -> None:
    await page.goto(f"{base}/simulator/{contact_id}?lang=en")
    await page.fill("#reply-body", body)
    await page.locator("form.reply-box button[type=submit]").click()
    await expect(page.locator(".sms-text.mine", has_text=body).last).to_be_visible()


def _waiting(api: Api, event_id: int) -> list[str]:
    rows = api.call("GET", f"/events/{event_id}/invitations", params={"per_page": 200})["items"]
    return sorted(r["name"] for r in rows if r["waitlisted"])


async def _lines(_page: Page, locator: Any) -> float:
    """How many lines an element's text takes: its height over its line height."""
    return float(
        await locator.evaluate(
            "el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)"
        )
    )


async def test_the_waiting_list_at_the_door_and_on_the_event_page(
    sqlite_server: Server, browser: Browser
) -> None:
    api = Api(sqlite_server)
    base = sqlite_server.base_url
    event_id, contacts = _event(api)
    desk = await browser.new_context(locale="en-GB")
    page = await desk.new_page()
    await log_in(page, base, SCHOOL, next_path="/")
    for contact_id, (_name, reply) in zip(contacts, PARENTS, strict=True):
        await _reply(page, base, contact_id, reply)
    assert _waiting(api, event_id) == ["Birutė Laukianti", "Ckestutis Laukiantis"]

    phone = await browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True)
    door = await phone.new_page()
    await log_in(door, base, SCHOOL, next_path=f"/events/{event_id}/door")
    await door.goto(f"{base}/events/{event_id}/door?lang=en")
    await expect(door.locator("#door-places")).to_contain_text("Places: 2 of 2 taken, 0 free")
    waiting = door.locator("#door-waiting li")
    await expect(waiting).to_have_count(2)
    await expect(waiting.nth(0)).to_contain_text("Birutė Laukianti")  # answered first
    birute = door.locator(".door-item", has_text="Birutė")
    await expect(birute.locator("[data-waitlisted]")).to_have_text("waiting list, number 1")
    cke = door.locator(".door-item", has_text="Ckestutis")
    await expect(cke.locator("[data-waitlisted]")).to_have_text("waiting list, number 2")
    long_row = door.locator(".door-item", has_text=LONG)
    await expect(long_row.locator("[data-waitlisted]")).to_have_count(0)

    # The door says what it means: a long checked-in name keeps whole words on a phone,
    # in English and in Dutch (whose "Ongedaan maken" takes more room).
    await long_row.get_by_role("button", name="Check in").click()
    await expect(long_row).to_have_class("door-item is-in")
    for language in ("en", "nl"):
        await door.goto(f"{base}/events/{event_id}/door?lang={language}")
        name = door.locator(".door-item.is-in", has_text=LONG).locator(".who strong")
        lines = await _lines(door, name)
        width = await name.evaluate("el => el.getBoundingClientRect().width")
        assert lines <= 3.05, (
            f"{language}: {lines} lines for three words"
        )  # one word a line at most
        assert width >= 110, f"{language}: the name has only {width}px"
        assert await door.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await door.goto(f"{base}/events/{event_id}/door?lang=en")

    # A name alone: a named walk-in, no language kept if none asked; nothing: a headcount.
    await door.locator("#walk-in summary").click()
    await door.fill("#f-name", "Jonas Bekontaktis")
    await door.select_option("#f-language", "")
    await door.get_by_role("button", name="Add and check in").click()
    named = door.locator(".door-item", has_text="Jonas Bekontaktis")
    await expect(named).to_have_count(1)
    await expect(named.locator(".muted")).to_have_text("walk-in")  # no language, no answer
    await door.locator("#walk-in summary").click()
    await door.fill("#f-party_size", "3")
    await door.get_by_role("button", name="Add and check in").click()
    await expect(door.locator("[data-total]")).to_have_text("6")  # 2 + 1 + 3
    count = api.call("GET", f"/events/{event_id}/attendance/headcount")
    assert (count["total_people"], count["walk_ins"]) == (6, 2)
    assert count["per_language"] == {"lt": 2}  # the headcount has no language
    contacts_now = api.call("GET", "/contacts", params={"q": "Bekontaktis"})
    assert contacts_now["total"] == 0  # a name alone is no contact

    # The event page: the same list; move Birutė up, then add places for the rest.
    await page.goto(f"{base}/events/{event_id}?lang=en")
    places = page.locator("#places")
    # 2 for Aleksandra, and the walk-ins' 4: at the door nobody waits
    await expect(places.locator("[data-taken]")).to_have_text("6")
    await expect(places.locator("[data-free]")).to_have_text("0")
    rows = places.locator(".waiting-list li")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(0)).to_contain_text("Birutė Laukianti")
    told_before = len(_messages(api, event_id, "confirmation"))
    await rows.nth(0).get_by_role("button", name="Move up").click()
    await expect(page.locator(".flash")).to_contain_text("moved up")
    await expect(places.locator(".waiting-list li")).to_have_count(1)
    await expect(places.locator("[data-taken]")).to_have_text("7")  # beyond the limit
    assert _waiting(api, event_id) == ["Ckestutis Laukiantis"]

    await page.fill("#f-capacity", "9")
    await page.get_by_role("button", name="Save the places").click()
    await expect(places.locator("[data-capacity]")).to_have_text("9")
    await expect(places.locator(".waiting-list li")).to_have_count(0)
    await expect(places.locator("[data-taken]")).to_have_text("9")  # Ckestutis's 2 fit now
    assert _waiting(api, event_id) == []
    # both who moved up are told that a place is free for them
    _wait_for(lambda: len(_messages(api, event_id, "confirmation")) == told_before + 2)
    await desk.close()
    await phone.close()
