"""``make screenshots``: pictures of the key pages, taken from a real server with demo data.

Writes docs/screenshots/{dashboard,event,outreach-preview,outreach-channels,event-voice,
whatsapp-chat,call-phone,attendance-phone,parent-page,admin-users,admin-organisations,
admin-whatsapp,municipality}.png.
The demo school enters the ContentSids of its Polish and Romanian invitation templates,
invites its parents to its first session (the WhatsApp parents by WhatsApp, the "call me"
parents by a call), a few of them answer through the phone simulator (by SMS, by a WhatsApp
button, by the keypad) and three are checked in at the door, so the pictures show a
lived-in state.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.browser.helpers import SCHOOL, log_in, make_organisation, work_for
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, PHONE, Server, running_server

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
REPLIES = ("TAK 2", "DA", "JA 3", "Misschien", "Kan ik mijn zus meenemen?")
# The languages whose invitation template the demo school has had approved. The SIDs are
# made up but well formed (HX and 32 hex digits), fixed so the pictures do not change.
APPROVED = {"pl": "HX" + "0a1b2c3d" * 4, "ro": "HX" + "4e5f6a7b" * 4}
# The server: a WhatsApp sender, and calls at any hour (the run may be at night).
SERVER = {"WHATSAPP_FROM": "+3197010203040", "CALL_HOURS": "00:00-23:59"}


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
    """A few parents reply through the simulator by SMS; returns the personal page path of
    a Polish parent invited by SMS (the page the picture shows), else of the first one."""
    pages: dict[str, str] = {}  # the first parent page per language name
    replies = iter(REPLIES)
    for link in await _simulated_phones(page, base_url):
        await page.goto(base_url + link)
        thread = page.locator("[data-thread=sms]")
        found = re.search(r"/r/[A-Za-z0-9_-]+", await thread.locator(".thread").inner_text())
        if not found:  # invited by WhatsApp or by a call, not by SMS
            continue
        language = (await page.locator("main h1 + p.muted").inner_text()).split("·")[-1]
        pages.setdefault(language.strip(), found.group(0))
        reply = next(replies, None)
        if reply is not None:
            await page.fill("#reply-body", reply)
            await thread.locator(".reply-box button").click()
            await page.wait_for_load_state()
    return pages.get("Pools") or next(iter(pages.values()), "")


async def _approve_templates(page: Page, base_url: str) -> None:
    """The admin pastes the ContentSids Twilio gave the approved invitation templates."""
    for language, sid in APPROVED.items():
        await page.goto(f"{base_url}/admin/whatsapp?kind=invitation")
        row = page.locator(f"tr#t-{language}")
        await row.locator("input[name=content_sid]").fill(sid)
        await row.locator("button[type=submit]").click()
        await expect(page.locator(".flash")).to_be_visible()
    await page.goto(f"{base_url}/admin/whatsapp?kind=invitation")
    await page.screenshot(path=OUT / "admin-whatsapp.png")  # the first rows: nl, en, pl


async def _fits_a_phone(page: Page, picture: str) -> None:
    """Fail the run when a phone picture would show a page wider than the phone."""
    width = await page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        raise RuntimeError(f"{picture}: the page is {width} px wide on a {PHONE['width']} px phone")


async def _simulated_phones(page: Page, base_url: str) -> list[str]:
    """The phone simulator's phones, one path per parent (not the calls)."""
    await page.goto(f"{base_url}/simulator")
    links = await page.locator("a[href^='/simulator/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    return [link for link in links if re.fullmatch(r"/simulator/\d+", link)]


async def _whatsapp_picture(browser: Browser, base_url: str) -> None:
    """A Polish WhatsApp parent's chat on a phone (demo_data.WHATSAPP_PARENTS): the
    invitation with its Tak / Nie / Może buttons, a tap on Tak, and our confirmation."""
    context = await browser.new_context(
        viewport=PHONE, locale="nl-NL", timezone_id="Europe/Amsterdam", is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, base_url, SCHOOL)
    chat = page.locator("[data-thread=whatsapp]")
    for phone in await _simulated_phones(page, base_url):  # the first Polish WhatsApp parent
        await page.goto(base_url + phone)
        if await chat.get_by_role("button", name="Tak").count():
            break
    else:
        raise RuntimeError("no Polish parent was invited by WhatsApp")
    await chat.get_by_role("button", name="Tak").click()
    await expect(chat.locator(".wa-bubble.mine").last).to_contain_text("Tak")
    await _fits_a_phone(page, "whatsapp-chat.png")
    await chat.screenshot(path=OUT / "whatsapp-chat.png")
    await context.close()


async def _call_picture(browser: Browser, base_url: str) -> None:
    """A "call me" parent's call on a phone, picked up: what the call says, the keypad.
    In the first session's audience that is Йорданка Стоянова, called in Bulgarian."""
    context = await browser.new_context(
        viewport=PHONE, locale="nl-NL", timezone_id="Europe/Amsterdam", is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, base_url, SCHOOL)
    ringing = page.locator("li[data-call]").first
    deadline = time.monotonic() + 60
    while True:  # the embedded worker places the call a moment after the send
        await page.goto(f"{base_url}/simulator/calls")
        if await ringing.count() or time.monotonic() > deadline:
            break
        await page.wait_for_timeout(500)
    await ringing.get_by_role("button", name="Opnemen").click()
    await expect(page.locator("#heard .said").first).to_be_visible()
    await _fits_a_phone(page, "call-phone.png")
    await page.screenshot(path=OUT / "call-phone.png", full_page=True)
    await context.close()


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
        await _approve_templates(page, server.base_url)
        await page.goto(f"{server.base_url}/events/{first}/outreach/preview")
        await page.screenshot(path=OUT / "outreach-preview.png")  # before anyone is invited
        bulgarian = page.locator("section[aria-labelledby=h-lang-bg]")  # SMS, WhatsApp, a call
        await bulgarian.screenshot(path=OUT / "outreach-channels.png")
        await page.goto(f"{server.base_url}/events/{first}/voice")
        await page.screenshot(path=OUT / "event-voice.png")  # the top: 22 languages below
        _invite_everyone(api, first)
        await _call_picture(browser, server.base_url)
        await _whatsapp_picture(browser, server.base_url)
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
        with running_server(f"sqlite://{var}/parentinfo.sqlite3", var, **SERVER) as server:
            server.cli("demo")
            asyncio.run(take_screenshots(server))
    for picture in sorted(OUT.glob("*.png")):
        print(f"wrote {picture.relative_to(OUT.parents[1])}")  # noqa: T201


if __name__ == "__main__":
    main()
