"""Administration in a real browser: an admin invites a coordinator, who chooses a password
from the link in the mail (read from the embedded mail outbox, as a mailbox would show it)
and logs in with it."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in, log_out, unlabelled_fields
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

NEW_EMAIL = "nieuwe.collega@demo-school.nl"
NEW_PASSWORD = "een-eigen-wachtwoord-7"


async def test_an_admin_invites_a_coordinator_who_sets_a_password_and_logs_in(
    sqlite_server: Server, browser: Browser
) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    await page.get_by_role("link", name="Beheer").click()
    await expect(page).to_have_url(re.compile(r"/admin/users$"))
    assert await unlabelled_fields(page) == []
    await page.fill("#f-email", NEW_EMAIL)
    await page.select_option("#f-role", "coordinator")
    await page.get_by_role("button", name="Uitnodiging versturen").click()
    await expect(page.locator(".flash")).to_be_visible()

    await page.goto(f"{base}/outbox")
    await page.locator("tr", has_text=NEW_EMAIL).locator("a").first.click()
    body = await page.locator("article.mail pre").inner_text()
    link = re.search(r"https?://\S+/invitation/\S+", body)
    assert link, body
    await log_out(page)

    await page.goto(link.group(0))
    assert await unlabelled_fields(page) == []
    await page.fill("#f-name", "Nieuwe Collega")
    await page.fill("#f-password", NEW_PASSWORD)
    await page.fill("#f-repeat", NEW_PASSWORD)
    await page.locator("form[action^='/invitation/'] button[type=submit]").click()
    await expect(page.locator("form.logout")).to_be_visible()
    await expect(page.get_by_role("link", name="Beheer")).to_have_count(0)  # a coordinator
    await log_out(page)

    await page.fill("#f-email", NEW_EMAIL)
    await page.fill("#f-password", NEW_PASSWORD)
    await page.locator("form[action='/login'] button[type=submit]").click()
    await expect(page.locator("form.logout")).to_be_visible()
    await context.close()
