"""Answering a parent's question from the inbox, in a real browser against a real server.

A Polish parent invited by SMS asks whether there is an interpreter (through the phone
simulator); the coordinator opens the conversation from the dashboard, previews a ready
answer (Polish for the parent, Dutch for them), sends it, and sees it in the thread.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.helpers import SCHOOL, log_in, unlabelled_fields
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

TITLE_NL = "Zo werkt de Nederlandse school"
PARENT = "Barbara Mazur"
QUESTION = "Czy będzie ktoś, kto tłumaczy?"


async def _invite_polish_parents(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/events")
    await page.get_by_role("link", name=TITLE_NL).first.click()
    await page.get_by_role("link", name="Ouders uitnodigen").click()
    await page.locator("input[name=languages][value=pl]").check()
    await page.get_by_role("button", name="Toon het voorbeeld").click()
    await page.locator("form[action$='/outreach/send'] button").click()
    await expect(page.locator("[data-progress-done]")).to_be_visible(timeout=20_000)


async def _ask_as_parent(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/simulator")
    await page.get_by_role("link", name=PARENT).click()
    await page.fill("#reply-body", QUESTION)
    await page.get_by_role("button", name="Versturen als de ouder").click()
    await expect(page.locator(".sms-text.mine", has_text=QUESTION)).to_be_visible()


async def test_answering_a_question_from_the_inbox(sqlite_server: Server, browser: Browser) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = sqlite_server.base_url
    await log_in(page, base, SCHOOL)
    await _invite_polish_parents(page, base)
    await _ask_as_parent(page, base)

    await page.goto(f"{base}/")
    item = page.locator("#inbox li", has_text=QUESTION)
    await item.get_by_role("link", name="Gesprek lezen en antwoorden").click()
    await expect(page.locator("h1")).to_have_text(f"Gesprek met {PARENT}")
    await expect(page.locator("#thread .thread-in").last).to_contain_text(QUESTION)
    assert await unlabelled_fields(page) == []

    await page.locator("input[name=ready][value=interpreter]").check()
    await page.locator("button[name=step][value=preview]").click()
    await expect(page.locator("#preview-parent")).to_have_text("Będzie tłumacz (język: polski).")
    await expect(page.locator("#preview-staff")).to_have_text("Er is een tolk Pools.")
    await page.get_by_role("button", name="Antwoord versturen").click()

    await expect(page.locator(".flash")).to_contain_text("Het antwoord is onderweg naar de ouder.")
    answer = page.locator("#thread .thread-out").last
    await expect(answer).to_contain_text("Będzie tłumacz (język: polski).")
    await expect(answer).to_contain_text("antwoord van een medewerker")
    await page.goto(f"{base}/")
    await expect(page.locator("#inbox")).not_to_contain_text(QUESTION)  # answered
    await context.close()
