"""A scheduled send and a test send in a real browser: the preview says when the SMS leave,
a test reaches the staff member's own outbox marked TEST, the scheduled messages wait (the
phone simulator shows them as waiting, not as received) and can be called off.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.helpers import SCHOOL, id_in, log_in, unlabelled_fields
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

TITLE_NL = "Avond over de brugklas"
TITLE_PL = "Wieczór o pierwszej klasie"


async def _published_event(page: Page, base_url: str) -> int:
    await page.goto(f"{base_url}/events/new")
    await page.select_option("#f-topic", "school_system")
    await page.fill("#f-date", "2031-09-10")
    await page.fill("#f-start_time", "19:00")
    await page.fill("#f-end_time", "20:30")
    await page.fill("#f-venue", "OBS De Regenboog, aula")
    await page.fill("#f-title_nl", TITLE_NL)
    await page.fill("#f-title_pl", TITLE_PL)
    await page.get_by_role("button", name="Opslaan als concept").click()
    await expect(page.locator("h1")).to_have_text(TITLE_NL)
    event_id = id_in(page.url)
    await page.get_by_role("button", name="Publiceren").click()
    await expect(page.locator(".flash")).to_contain_text("gepubliceerd")
    return event_id


async def test_a_scheduled_send_waits_a_test_send_arrives_and_the_schedule_is_called_off(
    sqlite_server: Server, browser: Browser
) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    event_id = await _published_event(page, base)
    await page.goto(f"{base}/events/{event_id}/outreach")
    assert await unlabelled_fields(page) == []
    tomorrow = datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=1)
    await page.fill("#f-send_at", f"{tomorrow.isoformat()}T10:00")
    await page.get_by_role("button", name="Toon het voorbeeld").click()
    departure = page.locator("#departure [data-leaves=sms]")
    await expect(departure).to_contain_text("morgen om 10:00")
    await expect(departure).to_contain_text("op de tijd die u koos")
    await expect(page.locator("#h-total").locator("..")).to_contain_text("automatische antwoorden")

    # A test to my own login address, in Polish: it arrives marked TEST, and invites nobody.
    await page.locator("#test-send summary").click()
    assert await unlabelled_fields(page) == []
    await page.select_option("#test-language", "pl")
    await page.get_by_role("button", name="Test versturen").click()
    await expect(page.locator(".flash")).to_contain_text("gemarkeerd met TEST")
    await expect(page).to_have_url(re.compile(rf"/events/{event_id}/outreach/preview\?"))
    await page.goto(f"{base}/outbox?to={SCHOOL}")
    await expect(page.locator("main")).to_contain_text(f"TEST: Zaproszenie: {TITLE_PL}")

    # Schedule it: the messages wait, the phone shows them as waiting, and it can be called off.
    await page.go_back()
    await page.go_back()
    schedule = page.locator("form[action$='/outreach/send'] button")
    await expect(schedule).to_contain_text("Inplannen voor")
    await schedule.click()
    await expect(page.locator(".flash")).to_contain_text("op de getoonde tijd")
    await page.goto(f"{base}/events/{event_id}/outreach")
    batch = page.locator("#scheduled li[data-scheduled=invitation]")
    await expect(batch).to_contain_text("morgen om 10:00")
    await page.goto(f"{base}/simulator")
    waiting_phone = page.locator("li.row", has_text="wachtend").first
    await waiting_phone.locator("a").click()
    await expect(page.locator("[data-state=waiting]").last).to_contain_text("morgen om 10:00")
    for title in (TITLE_NL, TITLE_PL):
        await expect(page.locator(".thread")).not_to_contain_text(title)
    await page.goto(f"{base}/events/{event_id}/outreach")
    await batch.get_by_role("button", name="Afblazen").click()
    await expect(page.locator(".flash")).to_contain_text("Afgeblazen")
    await expect(page.locator("#scheduled")).to_have_count(0)
    await page.goto(f"{base}/events/{event_id}/messages?status=withheld")
    await expect(page.locator("main")).to_contain_text("afgeblazen door medewerkers")
    await context.close()
