"""Tapping a WhatsApp button in the phone simulator, in a real browser against a real server:
the tap travels as the signed webhook Twilio would send, the answer is recorded, and our
confirmation appears in the WhatsApp chat (not in the SMS thread)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in
from tests.browser.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

PARENT = "Barbara Mazur"


def _seed(server: Server, *args: str) -> str:
    """Run ``tests.browser.whatsapp_seed`` against the server's database; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.browser.whatsapp_seed", *args],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


async def test_tapping_a_button_in_the_simulator_records_the_answer(
    sqlite_server: Server, browser: Browser
) -> None:
    await _tap_and_see(sqlite_server, browser)


async def test_tapping_a_button_on_postgresql(postgres_server: Server, browser: Browser) -> None:
    await _tap_and_see(postgres_server, browser)


async def _tap_and_see(server: Server, browser: Browser) -> None:
    contact_id = _seed(server, "post", PARENT)
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = server.base_url
    await log_in(page, base, SCHOOL)

    await page.goto(f"{base}/simulator/{contact_id}")
    chat = page.locator("[data-thread=whatsapp]")
    await expect(chat.locator(".wa-bubble").first).to_contain_text("Zapraszamy na spotkanie")
    await expect(chat.locator(".ticks").first).to_have_attribute("aria-label", "Afgeleverd")
    buttons = chat.locator(".wa-buttons button")
    await expect(buttons).to_have_text(["Tak", "Nie", "Może"])

    await chat.get_by_role("button", name="Tak").click()

    await expect(page.locator(".flash")).to_be_visible()
    mine = chat.locator(".wa-bubble.mine")
    await expect(mine.last).to_contain_text("Tak")
    confirmation = chat.locator(".wa-bubble:not(.mine)").last
    await expect(confirmation).to_contain_text("Dziękujemy! Przychodzisz")
    await expect(page.locator("[data-thread=sms]")).not_to_contain_text("Przychodzisz")
    assert _seed(server, "answer", PARENT) == "yes whatsapp"
    await context.close()
