"""Administration in a real browser, the municipality's side: a school's admin makes a
partner organisation and a municipality, the municipality asks the school to share its
figures, the school agrees, and the municipality's own start page shows the agreement.
Then the school stops sharing and the municipality sees that too."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in, make_organisation, unlabelled_fields, work_for
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

LIBRARY = "Bibliotheek Zwolle-Zuid"
MUNICIPALITY = "Gemeente Zwolle"


async def test_a_municipality_is_made_asks_a_school_to_share_and_sees_it_on_its_start_page(
    sqlite_server: Server, browser: Browser
) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    # One organisation so far: its name stands in the top bar, with no switcher.
    school = (await page.locator(".orgname").text_content() or "").strip()
    assert school

    await make_organisation(page, base, LIBRARY, "library")
    await make_organisation(page, base, MUNICIPALITY, "municipality")

    # The maker became the municipality's admin: its start page is not the school dashboard.
    await work_for(page, MUNICIPALITY)
    await page.goto(f"{base}/")
    await expect(page.locator("dl.totals")).to_be_visible()
    await expect(page.locator("a[href='/admin/agreements']")).to_be_visible()

    await page.goto(f"{base}/admin/agreements")
    assert await unlabelled_fields(page) == []
    await page.select_option("#f-organisation", label=school)
    await page.locator("form[action='/admin/agreements'] button[type=submit]").click()
    await expect(page.locator(".flash")).to_be_visible()
    asked = page.locator("table tbody tr", has_text=school)
    await expect(asked).to_have_count(1)
    await expect(asked.locator("form")).to_have_count(0)  # only the school can agree

    # The school agrees to share.
    await work_for(page, school)
    await page.goto(f"{base}/admin/agreements")
    row = page.locator("table tbody tr", has_text=MUNICIPALITY)
    await row.locator("form[action$='/accept'] button").click()
    await expect(page.locator(".flash")).to_be_visible()
    row = page.locator("table tbody tr", has_text=MUNICIPALITY)
    await expect(row.locator("form[action$='/withdraw']")).to_have_count(1)
    await expect(row.locator("td").nth(2)).to_have_text(re.compile(r"\b20\d\d\b"))

    # The municipality's start page names the school as sharing, since today, agreed by whom.
    await work_for(page, MUNICIPALITY)
    await page.goto(f"{base}/")
    shared = page.locator("main li", has_text=school)
    await expect(shared).to_have_count(1)
    await expect(shared).to_contain_text(re.compile(r"\b20\d\d\b"))

    # The school stops sharing; the municipality sees that it stopped.
    await work_for(page, school)
    await page.goto(f"{base}/admin/agreements")
    row = page.locator("table tbody tr", has_text=MUNICIPALITY)
    await row.locator("form[action$='/withdraw'] button").click()
    await expect(page.locator(".flash")).to_be_visible()
    await expect(row.locator("form[action$='/accept']")).to_have_count(1)
    await work_for(page, MUNICIPALITY)
    await page.goto(f"{base}/")
    await expect(page.locator("main li", has_text=school)).not_to_contain_text(
        re.compile(r"\b20\d\d\b")
    )
    await context.close()
