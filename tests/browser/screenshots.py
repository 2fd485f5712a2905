"""``make screenshots``: pictures of the key pages, taken from a real server with demo data.

Writes docs/screenshots/{dashboard,event,outreach-preview,attendance-phone,parent-page,
admin-users,admin-organisations,municipality}.png.
The demo school invites its parents to its first session, a few of them answer through the
phone simulator and two are checked in at the door, so the pictures show a lived-in state.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, Page, async_playwright

from tests.browser.helpers import SCHOOL, log_in, make_organisation, work_for
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, PHONE, Server, running_server

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
REPLIES = ("TAK 2", "DA", "JA 3", "Misschien", "Kan ik mijn zus meenemen?")


def _api(server: Server) -> httpx.Client:
    token = server.cli("token", "create", "--email", SCHOOL).strip().splitlines()[-1]
    return httpx.Client(
        base_url=f"{server.base_url}/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def _own_events(api: httpx.Client) -> list[dict[str, Any]]:
    """The demo school's own published events, soonest first."""
    events = api.get("/events", params={"status": "published"}).json()["items"]
    return [e for e in events if e["organisation"] == "demo-school"]


def _invite_everyone(api: httpx.Client, event_id: int) -> None:
    response = api.post(f"/events/{event_id}/outreach/send", json={})
    response.raise_for_status()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the embedded worker sends them to the simulator
        pending = api.get("/messages", params={"event_id": event_id, "status": "pending"})
        if pending.json()["total"] == 0:
            return
        time.sleep(0.5)
    raise RuntimeError("the invitations were not sent within a minute")


async def _answer_as_parents(page: Page, base_url: str) -> str:
    """A few parents reply through the simulator; returns one parent's personal page path."""
    await page.goto(f"{base_url}/simulator")
    links = await page.locator("a[href^='/simulator/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    parent_page = ""
    for link, reply in zip(links, REPLIES, strict=False):
        await page.goto(base_url + link)
        if not parent_page:
            found = re.search(r"/r/[A-Za-z0-9_-]+", await page.locator(".thread").inner_text())
            parent_page = found.group(0) if found else ""
        await page.fill("#reply-body", reply)
        await page.locator(".reply-box button").click()
        await page.wait_for_load_state()
    return parent_page


async def _desktop_pictures(page: Page, base_url: str, event_id: int) -> None:
    await page.goto(f"{base_url}/")
    await page.screenshot(path=OUT / "dashboard.png", full_page=True)
    await page.goto(f"{base_url}/events/{event_id}")
    await page.screenshot(path=OUT / "event.png", full_page=True)


async def _phone_pictures(browser: Browser, base_url: str, event_id: int, parent: str) -> None:
    context = await browser.new_context(viewport=PHONE, locale="pl-PL", is_mobile=True)
    page = await context.new_page()
    await log_in(page, base_url, SCHOOL)
    await page.goto(f"{base_url}/events/{event_id}/door?lang=pl")
    for button in (await page.locator(".door-item .checkin").all())[:3]:
        await button.click()
    await page.wait_for_function(
        "() => Object.values(localStorage).every(v => JSON.parse(v).length === 0)"
    )
    await page.evaluate("window.scrollTo(0, 0)")
    await page.screenshot(path=OUT / "attendance-phone.png")
    if parent:
        await page.goto(f"{base_url}{parent}")
        await page.screenshot(path=OUT / "parent-page.png", full_page=True)
    await context.close()


async def _admin_pictures(page: Page, base_url: str) -> None:
    """Administration in the browser: the users, the organisations, and a municipality's
    start page once the school shares its figures with it."""
    await page.goto(f"{base_url}/admin/users")
    await page.screenshot(path=OUT / "admin-users.png", full_page=True)
    school = (await page.locator(".orgname").text_content() or "").strip()
    await make_organisation(page, base_url, "Gemeente Zwolle", "municipality")
    await page.screenshot(path=OUT / "admin-organisations.png", full_page=True)
    await work_for(page, "Gemeente Zwolle")
    await page.goto(f"{base_url}/admin/agreements")
    await page.select_option("#f-organisation", label=school)
    await page.locator("form[action='/admin/agreements'] button[type=submit]").click()
    await work_for(page, school)
    await page.goto(f"{base_url}/admin/agreements")
    await page.locator("form[action$='/accept'] button").first.click()
    await work_for(page, "Gemeente Zwolle")
    await page.goto(f"{base_url}/")
    await page.screenshot(path=OUT / "municipality.png", full_page=True)
    await work_for(page, school)


async def take_screenshots(server: Server) -> None:
    """Bring the demo to life and photograph it."""
    api = _api(server)
    first = _own_events(api)[0]["id"]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(
            viewport=DESKTOP, locale="nl-NL", timezone_id="Europe/Amsterdam"
        )
        page = await context.new_page()
        await log_in(page, server.base_url, SCHOOL)
        await page.goto(f"{server.base_url}/events/{first}/outreach/preview")
        await page.screenshot(path=OUT / "outreach-preview.png")  # before anyone is invited
        _invite_everyone(api, first)
        parent = await _answer_as_parents(page, server.base_url)
        await _phone_pictures(browser, server.base_url, first, parent)
        await _desktop_pictures(page, server.base_url, first)
        await _admin_pictures(page, server.base_url)
        await browser.close()


def main() -> None:
    """Start a throw-away server with the demo, take the pictures, stop it."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        var = Path(folder)
        with running_server(f"sqlite://{var}/parentinfo.sqlite3", var) as server:
            server.cli("demo")
            asyncio.run(take_screenshots(server))
    for picture in sorted(OUT.glob("*.png")):
        print(f"wrote {picture.relative_to(OUT.parents[1])}")  # noqa: T201


if __name__ == "__main__":
    main()
