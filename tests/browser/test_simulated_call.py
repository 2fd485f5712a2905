"""A spoken call in the phone simulator, in a real browser against a real server and the real
signed voice webhooks: the coordinator picks up as a Polish parent, sees what the call says,
presses 1 on the keypad, then the party size, sees the confirmation, and the answer is on
the invitation. On a phone-sized screen, every key a labelled button."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in, unlabelled_fields
from tests.browser.server import PHONE, Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

PARENT = "Barbara Mazur"
CALLS_LINK = "Gesprekken: neem op en druk op toetsen als de ouder"


def _ring(server: Server, *args: str) -> str:
    """Run the ringing helper against the server's database; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.browser.ring", *args],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


async def test_a_parent_answers_a_call_with_the_keypad(
    sqlite_server: Server, browser: Browser
) -> None:
    await _answer_a_call(sqlite_server, browser)


async def test_a_call_answered_by_keypad_on_postgresql(
    postgres_server: Server, browser: Browser
) -> None:
    await _answer_a_call(postgres_server, browser)


async def _answer_a_call(server: Server, browser: Browser) -> None:
    message_id = _ring(server, PARENT)
    context = await browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=PHONE
    )
    page = await context.new_page()
    base = server.base_url
    await log_in(page, base, SCHOOL)
    await page.goto(f"{base}/simulator")
    await page.get_by_role("link", name=CALLS_LINK).click()
    ringing = page.locator(f"li[data-call='{message_id}']")
    await expect(ringing).to_contain_text(PARENT)
    await ringing.get_by_role("button", name="Opnemen").click()

    said = page.locator("#heard .said[lang='pl-PL']")
    await expect(said.first).to_contain_text("Naciśnij 1, jeśli przyjdziesz.")
    assert await unlabelled_fields(page) == []
    keypad = page.get_by_role("group", name="Cijfertoetsen")
    for key in "0123456789*#":
        await expect(keypad.get_by_role("button", name=f"Toets {key}")).to_be_visible()
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing sticks out on a phone

    await keypad.get_by_role("button", name="Toets 1").click()
    await expect(page.locator(".call-pressed")).to_contain_text("1")
    await expect(said.first).to_contain_text("Ile osób przyjdzie? Naciśnij cyfrę.")
    await keypad.get_by_role("button", name="Toets 3").click()

    await expect(said.first).to_contain_text("Dziękujemy, mamy twoją odpowiedź. Liczba osób: 3.")
    await expect(page.locator(".call[data-call-state='ended']")).to_be_visible()
    await expect(page.locator(".call-status")).to_contain_text("Het gesprek is voorbij")
    await expect(page.get_by_role("group", name="Cijfertoetsen")).to_have_count(0)
    assert _ring(server, "--answer", PARENT) == "yes 3"

    await page.goto(f"{base}/simulator/calls")
    await expect(page.locator(f"li[data-call='{message_id}']")).to_have_count(0)  # not ringing
    await context.close()
