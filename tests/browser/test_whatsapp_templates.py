"""The WhatsApp templates page in a real browser: an admin finds it in the administration,
pastes a ContentSid that is cut short and is told what to fix in that row, then pastes it
whole and sees the language approved, with who changed it."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in, unlabelled_fields
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e"


async def test_an_admin_edits_one_content_sid(sqlite_server: Server, browser: Browser) -> None:
    context = await browser.new_context(locale="en-GB", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    await page.goto(f"{base}/admin/organisation?lang=en")
    await page.locator("nav.subnav a[href='/admin/whatsapp']").click()
    await expect(page.locator("h1")).to_have_text("WhatsApp templates")
    assert await unlabelled_fields(page) == []
    await page.locator("nav.subnav a[href='?kind=reminder']").click()
    row = page.locator("tr#t-pl")
    await expect(row.locator(".sms-text")).to_contain_text("{{1}}")
    await expect(row).to_contain_text("none: sent by the next channel")

    await row.locator("input[name=content_sid]").fill(SID[:20])
    await row.locator("button[type=submit]").click()
    row = page.locator("tr#t-pl")
    await expect(row.locator(".field-error")).to_contain_text(
        "has 20 characters, but a ContentSid has 34"
    )
    await expect(row.locator("input[name=content_sid]")).to_have_value(SID[:20])
    await expect(page.locator("tr#t-ro .field-error")).to_have_count(0)

    await row.locator("input[name=content_sid]").fill(SID)
    await row.locator("button[type=submit]").click()
    await expect(page.locator(".flash")).to_be_visible()
    row = page.locator("tr#t-pl")
    await expect(row.locator("input[name=content_sid]")).to_have_value(SID)
    await expect(row).to_contain_text("approved: sent by WhatsApp")
    await expect(row).to_contain_text("Sanne Hoekstra")
    await expect(page.locator("#approved-count")).to_contain_text("1 language has")
    await context.close()
