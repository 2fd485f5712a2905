"""Searching across alphabets in a real browser: the contacts page on SQLite, and the door on
a 360 px phone on PostgreSQL, where the list filters itself as the volunteer types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in
from tests.browser.server import PHONE, Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

PEOPLE = ("Елена Скриптова", "Anna Kozłowska-Skrypt", "Sorin Ştefănescu Script")


def _api(server: Server) -> httpx.Client:
    token = server.cli("token", "create", "--email", SCHOOL).strip().splitlines()[-1]
    return httpx.Client(
        base_url=f"{server.base_url}/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )


def _call(api: httpx.Client, method: str, path: str, **kwargs: Any) -> Any:
    response = api.request(method, path, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


def _add_people(api: httpx.Client, batch: int) -> None:
    for n, name in enumerate(PEOPLE):
        contact = {
            "name": name,
            "mobile": f"+316124770{batch}{n}",
            "language": "lv",  # a language no demo parent speaks: only these are invited
            "consent": {"channels": ["sms"], "method": "paper_form"},
        }
        _call(api, "POST", "/contacts", json=contact)


async def test_the_contacts_page_finds_names_in_any_alphabet(
    sqlite_server: Server, browser: Browser
) -> None:
    _add_people(_api(sqlite_server), batch=1)
    context = await browser.new_context(locale="en-GB")
    page = await context.new_page()
    await log_in(page, sqlite_server.base_url, SCHOOL, next_path="/contacts?lang=en")
    await page.goto(f"{sqlite_server.base_url}/contacts?lang=en")
    for typed, name in (
        # The demo has parents called Elena and Sorin too: a second word picks ours.
        ("elena skriptova", "Елена Скриптова"),
        ("kozlowska skrypt", "Anna Kozłowska-Skrypt"),
        ("sorin script", "Sorin Ştefănescu Script"),
        ("ștefănescu script", "Sorin Ştefănescu Script"),  # comma form typed, cedilla stored
    ):
        await page.fill("#q", typed)
        await page.get_by_role("button", name="Search", exact=True).click()
        rows = page.locator("tbody tr")
        await expect(rows).to_have_count(1)
        await expect(rows.first).to_contain_text(name)
    await context.close()


async def test_the_door_finds_names_in_any_alphabet_as_you_type(
    postgres_server: Server, browser: Browser
) -> None:
    api = _api(postgres_server)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    event = _call(
        api,
        "POST",
        "/events",
        json={
            "topic": "school_system",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue": "Aula",
            "texts": {"nl": {"title": "Zoektest"}, "lv": {"title": "Meklēšana"}},
        },
    )
    _call(api, "POST", f"/events/{event['id']}/publish")
    _add_people(api, batch=2)
    _call(api, "POST", f"/events/{event['id']}/outreach/send", json={"languages": ["lv"]})

    context = await browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    page = await context.new_page()
    door = f"/events/{event['id']}/door?lang=nl"
    await log_in(page, postgres_server.base_url, SCHOOL, next_path=door)
    await page.goto(f"{postgres_server.base_url}{door}")
    visible = page.locator(".door-item:visible")
    await expect(page.locator(".door-item", has_text="Елена Скриптова")).to_be_visible()
    for typed, name in (
        ("elena skript", "Елена Скриптова"),
        ("Kozlowska", "Anna Kozłowska-Skrypt"),
        ("sorin stefanescu", "Sorin Ştefănescu Script"),
        ("Ştefănescu", "Sorin Ştefănescu Script"),
    ):
        await page.fill("#door-search", typed)
        await expect(visible).to_have_count(1)
        await expect(visible.first).to_contain_text(name)
    await page.fill("#door-search", "nikogo")
    await expect(visible).to_have_count(0)
    await expect(page.locator("#door-empty")).to_be_visible()
    await context.close()
