"""What a person reads first: the staff pages in the browser's language, the top bar of a
360 px phone as one line with a menu, and the parent's answer buttons on the first screen.

Against the embedded server with the demo data, as ``make run`` starts it.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

SMALL_PHONE = {"width": 360, "height": 640}


async def test_an_english_browser_gets_english_staff_pages_until_someone_chooses(
    sqlite_server: Server, browser: Browser
) -> None:
    english = await browser.new_context(locale="en-GB")
    page = await english.new_page()
    await page.goto(f"{sqlite_server.base_url}/login")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("h1")).to_have_text("Log in")
    await log_in(page, sqlite_server.base_url)
    await expect(page.locator("h1")).to_have_text("Dashboard")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    # A choice on the page outranks the browser, and stays for the next pages.
    await page.goto(f"{sqlite_server.base_url}/events?lang=nl")
    await expect(page.locator("html")).to_have_attribute("lang", "nl")
    await page.goto(f"{sqlite_server.base_url}/")
    await expect(page.locator("html")).to_have_attribute("lang", "nl")
    await english.close()

    dutch = await browser.new_context(locale="nl-NL")
    page = await dutch.new_page()
    await page.goto(f"{sqlite_server.base_url}/login")
    await expect(page.locator("h1")).to_have_text("Inloggen")
    await dutch.close()

    # A browser asking for a language the staff pages do not speak gets the Dutch default.
    german = await browser.new_context(locale="de-DE")
    page = await german.new_page()
    await page.goto(f"{sqlite_server.base_url}/login")
    await expect(page.locator("html")).to_have_attribute("lang", "nl")
    await german.close()


async def test_the_top_bar_on_a_360_px_phone_is_one_line_with_a_menu(
    sqlite_server: Server, browser: Browser
) -> None:
    context = await browser.new_context(viewport=SMALL_PHONE, locale="en-GB")
    page = await context.new_page()
    await log_in(page, sqlite_server.base_url)
    bar = await page.locator("header.topbar").bounding_box()
    assert bar is not None
    assert bar["height"] <= 64, bar
    toggle = page.locator(".menu-toggle")
    await expect(toggle).to_be_visible()
    await expect(toggle).to_have_attribute("aria-expanded", "false")
    events_link = page.locator(".mainnav a[href='/events']")
    await expect(events_link).to_be_hidden()
    # Nothing sticks out sideways: the page is as wide as the phone.
    assert await page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    await toggle.click()
    await expect(toggle).to_have_attribute("aria-expanded", "true")
    await expect(events_link).to_be_visible()
    await expect(page.locator("form.logout button")).to_be_visible()
    await events_link.click()
    await expect(page).to_have_url(re.compile(r"/events$"))
    await expect(page.locator(".mainnav a[href='/events']")).to_be_hidden()

    # On a wide screen there is no menu button: everything is in the bar.
    await page.set_viewport_size({"width": 1280, "height": 800})
    await expect(page.locator(".menu-toggle")).to_be_hidden()
    await expect(page.locator(".mainnav a[href='/contacts']")).to_be_visible()
    await context.close()


def _personal_paths(server: Server) -> dict[str, str]:
    """Invite the demo school's Polish and Bulgarian parents; the /r/ path of one SMS each."""
    token = server.cli("token", "create", "--email", SCHOOL).strip().splitlines()[-1]
    api = httpx.Client(
        base_url=f"{server.base_url}/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    events: list[dict[str, Any]] = api.get("/events", params={"status": "published"}).json()[
        "items"
    ]
    event_id = next(e["id"] for e in events if e["organisation"] == "demo-school")
    sent = api.post(f"/events/{event_id}/outreach/send", json={"languages": ["pl", "bg"]})
    assert sent.status_code < 300, sent.text
    rows = api.get("/messages", params={"event_id": event_id, "limit": 200}).json()["items"]
    paths: dict[str, str] = {}
    for row in rows:
        found = re.search(r"/r/[A-Za-z0-9_-]+", row["body"])
        if row["language"] in {"pl", "bg"} and found:
            paths[row["language"]] = found.group(0)
    assert set(paths) == {"pl", "bg"}, rows
    return paths


async def test_the_parents_page_shows_its_answer_buttons_on_the_first_screen(
    sqlite_server: Server, browser: Browser
) -> None:
    paths = _personal_paths(sqlite_server)
    context = await browser.new_context(viewport=SMALL_PHONE)
    page = await context.new_page()
    for language in ("bg", "pl"):  # Bulgarian's longer words first; Polish answers below
        await page.goto(sqlite_server.base_url + paths[language])
        await expect(page.locator("html")).to_have_attribute("lang", language)
        for answer in ("yes", "maybe", "no"):
            box = await page.locator(f"button.{answer}").bounding_box()
            assert box is not None
            assert box["y"] + box["height"] <= SMALL_PHONE["height"], (language, answer, box)
            assert box["height"] >= 48, (language, answer, box)
        # What and when come before the question, so the answer is to something.
        when = await page.locator("dl.facts dd").first.bounding_box()
        assert when is not None
        assert when["y"] + when["height"] <= SMALL_PHONE["height"]
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= SMALL_PHONE["width"]
    await page.locator("button.yes").click()
    await expect(page.locator(".notice")).to_be_visible()
    await expect(page.locator("button.yes")).to_have_attribute("aria-pressed", "true")
    await context.close()
