"""The staff flow in a real browser against a real server (SQLite, embedded worker):
log in, create an event with a Polish text, a co-host accepts, import contacts with one
bad row, preview and send, and a parent's reply through the simulator reaches the dashboard.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.helpers import POLSKA, SCHOOL, id_in, log_in, log_out, unlabelled_fields
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

TITLE_NL = "Ochtend in de bibliotheek"
TITLE_PL = "Poranek w bibliotece"
GOOD_ROWS = (
    "name,mobile,email,language\r\n"
    "Anna Testowa,+31612399001,,pl\r\n"
    "Ewa Próbna,0612399002,,pl\r\n"
    "Ion Testescu,0612399003,ion@example.com,ro\r\n"
)
BAD_ROWS = GOOD_ROWS + "Nobody,12345,,xx\r\n"


async def _create_event(page: Page, base_url: str) -> int:
    await page.goto(f"{base_url}/events/new")
    assert await unlabelled_fields(page) == []
    await page.select_option("#f-topic", "library")
    await page.fill("#f-date", "2031-06-10")
    await page.fill("#f-start_time", "15:00")
    await page.fill("#f-end_time", "16:30")
    await page.fill("#f-venue", "Bibliotheek Zwolle, kinderhoek")
    await page.fill("#f-title_nl", TITLE_NL)
    await page.fill("#f-title_pl", TITLE_PL)
    await page.fill("#f-description_pl", "Czytamy razem z dziećmi. Kawa i herbata.")
    await page.get_by_role("button", name="Opslaan als concept").click()
    await expect(page.locator("h1")).to_have_text(TITLE_NL)
    await expect(page.locator("[lang=pl] strong", has_text=TITLE_PL)).to_be_visible()
    return id_in(page.url)


async def _cohost_accepts(page: Page, base_url: str, event_id: int) -> None:
    await page.select_option("#cohost", label="Polska Zwolle")
    await page.get_by_role("button", name="Uitnodigen", exact=True).click()
    await expect(page.locator(".row", has_text="Polska Zwolle")).to_contain_text("uitgenodigd")
    await log_out(page)
    await log_in(page, base_url, POLSKA)
    invitation = page.locator("section.attention li", has_text=TITLE_NL)
    await invitation.get_by_role("button", name="Accepteren").click()
    await expect(page).to_have_url(re.compile(f"/events/{event_id}$"))
    await expect(page.locator(".row", has_text="Polska Zwolle")).to_contain_text("geaccepteerd")
    await log_out(page)


async def _import_contacts(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/contacts/import")
    upload = {"name": "ouders.csv", "mimeType": "text/csv", "buffer": BAD_ROWS.encode()}
    await page.set_input_files("#f-file", files=[upload])
    await page.get_by_role("button", name="Toon het voorbeeld").click()
    await expect(page.locator(".error-summary")).to_contain_text("Er is niets geïmporteerd")
    bad_row = page.locator("table.import-errors tbody tr").first
    await expect(bad_row.locator("td").first).to_have_text("5")
    # All or nothing stays the default: only the explicit "import the fine rows" is offered.
    confirm = page.locator("form[action='/contacts/import/confirm']")
    await expect(confirm).to_have_count(1)
    await expect(confirm.locator("input[name=mode]")).to_have_value("keep_going")
    await page.goto(f"{base_url}/contacts?q=Testowa")
    await expect(page.locator("table")).to_have_count(0)  # nothing was saved
    await page.goto(f"{base_url}/contacts/import")
    upload["buffer"] = GOOD_ROWS.encode()
    await page.set_input_files("#f-file", files=[upload])
    await page.get_by_role("button", name="Toon het voorbeeld").click()
    await page.get_by_role("button", name="3 contacten importeren").click()
    await expect(page.locator(".flash")).to_contain_text("geïmporteerd")
    await page.goto(f"{base_url}/contacts?q=Testowa")
    await expect(page.locator("table")).to_contain_text("Anna Testowa")


async def _preview_and_send(page: Page, base_url: str, event_id: int) -> None:
    await page.goto(f"{base_url}/events/{event_id}")
    await page.get_by_role("button", name="Publiceren").click()
    await expect(page.locator(".flash")).to_contain_text("gepubliceerd")
    await page.get_by_role("link", name="Ouders uitnodigen").click()
    await page.locator("input[name=languages][value=pl]").check()
    assert await unlabelled_fields(page) == []
    await page.get_by_role("button", name="Toon het voorbeeld").click()
    polish = page.locator("section", has=page.locator("h2#h-lang-pl"))
    await expect(polish.locator(".sms-text").first).to_contain_text(TITLE_PL)
    await expect(polish).to_contain_text("Codering:")
    await expect(polish).to_contain_text("Kosten:")
    await expect(page.locator("#h-lang-ro")).to_have_count(0)
    await page.locator("form[action$='/outreach/send'] button").click()
    await expect(page.locator("[data-progress-done]")).to_be_visible(timeout=20_000)
    await expect(page.locator("[data-count=failed]")).to_have_text("0")


async def _reply_as_parent(page: Page, base_url: str, name: str, text: str) -> None:
    await page.goto(f"{base_url}/simulator")
    await page.get_by_role("link", name=name).click()
    await expect(page.locator(".thread")).to_contain_text(TITLE_PL)
    await page.fill("#reply-body", text)
    await page.get_by_role("button", name="Versturen als de ouder").click()
    await expect(page.locator(".sms-text.mine", has_text=text)).to_be_visible()


async def test_from_login_to_a_parents_answer_on_the_dashboard(
    sqlite_server: Server, browser: Browser
) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    await expect(page.locator("html")).to_have_attribute("lang", "nl")
    event_id = await _create_event(page, base)
    await _cohost_accepts(page, base, event_id)
    await log_in(page, base, SCHOOL)
    await _import_contacts(page, base)
    await _preview_and_send(page, base, event_id)

    await _reply_as_parent(page, base, "Anna Testowa", "TAK 2")
    await _reply_as_parent(page, base, "Ewa Próbna", "o której godzinie?")
    await page.goto(f"{base}/")
    row = page.locator("table.answers tbody tr", has_text=TITLE_NL)
    await expect(row.locator("td.yes")).to_have_text("1")
    await expect(row.locator("td").last).to_contain_text("2")
    await expect(page.locator("#inbox")).to_contain_text("o której godzinie?")
    await context.close()


async def test_a_lost_session_goes_to_the_login_and_back(
    sqlite_server: Server, browser: Browser
) -> None:
    page = await browser.new_page()
    await page.goto(f"{sqlite_server.base_url}/contacts")
    await expect(page).to_have_url(re.compile(r"/login\?next=/contacts$"))
    await page.fill("#f-email", SCHOOL)
    await page.fill("#f-password", "wrong password")
    await page.locator("form[action='/login'] button[type=submit]").click()
    await expect(page.locator("#f-password-error")).to_be_visible()
    await expect(page.locator("#f-email")).to_have_value(SCHOOL)
    await log_in(page, sqlite_server.base_url, SCHOOL, next_path="/contacts")
    await expect(page).to_have_url(re.compile(r"/contacts$"))
    await page.close()
