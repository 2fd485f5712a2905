"""Steps every browser test takes: log in, log out, read the id from the address."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from parentinfo.demo import LOGIN, PASSWORD

SCHOOL = LOGIN
POLSKA = "coordinator@polska-zwolle.nl"


async def log_in(page: Page, base_url: str, email: str = SCHOOL, next_path: str = "/") -> None:
    """Log in through the form, as a person would."""
    await page.goto(f"{base_url}/login?next={next_path}")
    await page.fill("#f-email", email)
    await page.fill("#f-password", PASSWORD)
    await page.locator("form[action='/login'] button[type=submit]").click()
    # attached, not visible: on a phone the logout button waits in the folded menu
    await expect(page.locator("form.logout")).to_be_attached()


async def log_out(page: Page) -> None:
    """The logout button in the top bar (behind the menu button on a phone)."""
    toggle = page.locator(".menu-toggle")
    if await toggle.is_visible() and await toggle.get_attribute("aria-expanded") == "false":
        await toggle.click()
    await page.locator("form.logout button").click()
    await expect(page.locator("#f-email")).to_be_visible()


def id_in(url: str, pattern: str = r"/events/(\d+)") -> int:
    """The number in the current address."""
    match = re.search(pattern, url)
    assert match, url
    return int(match.group(1))


async def unlabelled_fields(page: Page) -> list[str]:
    """Form fields a screen reader could not name (no label, no aria-label)."""
    found: list[str] = await page.evaluate(
        """() => Array.from(document.querySelectorAll(
                'input:not([type=hidden]), select, textarea'))
            .filter(el => !(el.labels && el.labels.length)
                && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""
    )
    return found


async def make_organisation(page: Page, base: str, name: str, kind: str) -> None:
    """Add a partner organisation or a municipality by the admin form; the maker is its admin."""
    await page.goto(f"{base}/admin/organisations")
    assert await unlabelled_fields(page) == []
    await page.fill("#f-name", name)
    await page.select_option("#f-kind", kind)
    await page.locator("form[action='/admin/organisations'] button[type=submit]").click()
    await expect(page.locator(".flash")).to_be_visible()
    await expect(page.locator("table tbody th", has_text=name)).to_be_visible()


async def work_for(page: Page, name: str) -> None:
    """Choose the organisation in the top bar's switcher, as a person would."""
    await page.select_option("#org-switch", label=name)
    switch = page.locator("form.orgswitch button[type=submit]")
    if await switch.is_visible():  # without scripts the select does not submit itself
        await switch.click()
    await expect(page.locator("#org-switch option:checked")).to_have_text(name)
