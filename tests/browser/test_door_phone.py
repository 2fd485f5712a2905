"""Attendance at the door on a 360 px phone, against PostgreSQL: search as you type, check in
and undo, a walk-in, the headcount per language, and check-ins made offline that are sent
(once, duplicates merged) when the connection comes back; what the server refuses stays on
the phone with its reason until the volunteer drops it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.helpers import SCHOOL, log_in, unlabelled_fields
from tests.browser.server import PHONE, Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

PEOPLE = ("Zofia Drzwiowa", "Bogdan Drzwiowy", "Maria Drzwiowa")


class Api:
    """The server's JSON API, with the demo coordinator's token."""

    def __init__(self, server: Server) -> None:
        token = server.cli("token", "create", "--email", SCHOOL).strip().splitlines()[-1]
        self.client = httpx.Client(
            base_url=f"{server.base_url}/api/v1",
            headers={"Authorization": f"Bearer {token}"},
            timeout=20,
        )

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request; fails the test on an error status."""
        response = self.client.request(method, path, **kwargs)
        assert response.status_code < 300, response.text
        return response.json()

    def headcount(self, event_id: int) -> int:
        """People checked in, as the server counts them."""
        return int(self.call("GET", f"/events/{event_id}/attendance/headcount")["total_people"])


def _door_event(api: Api, people: tuple[str, ...] = PEOPLE, batch: int = 0) -> int:
    """A published event tomorrow with these parents invited (and nobody from the demo).

    The server lives for the module: each test gives its own ``people`` and ``batch``, so
    that their numbers differ from the other tests' parents (invited too; harmless).
    """
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    event = api.call(
        "POST",
        "/events",
        json={
            "topic": "school_system",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue": "Aula",
            "texts": {"nl": {"title": "Deurtest"}, "pl": {"title": "Test przy drzwiach"}},
        },
    )
    api.call("POST", f"/events/{event['id']}/publish")
    for n, name in enumerate(people):
        api.call(
            "POST",
            "/contacts",
            json={
                "name": name,
                "mobile": f"+316123980{batch}{n}",
                "language": "lt",  # a language no demo parent speaks: only these three are asked
                "consent": {"channels": ["sms"], "method": "paper_form"},
            },
        )
    api.call("POST", f"/events/{event['id']}/outreach/send", json={"languages": ["lt"]})
    return int(event["id"])


def _row(page: Page, name: str) -> Any:
    return page.locator(".door-item", has_text=name)


async def _wait_synced(page: Page) -> None:
    await expect(page.locator("#sync-state")).to_have_attribute("data-state", "online")
    await page.wait_for_function(
        "() => Object.keys(localStorage).every(k => JSON.parse(localStorage[k]).length === 0)"
    )


async def test_check_in_at_the_door_on_a_phone_also_offline(
    postgres_server: Server, browser: Browser
) -> None:
    api = Api(postgres_server)
    event_id = _door_event(api)
    context = await browser.new_context(viewport=PHONE, locale="pl-PL", is_mobile=True)
    page = await context.new_page()
    await log_in(page, postgres_server.base_url, SCHOOL, next_path=f"/events/{event_id}/door")
    await page.goto(f"{postgres_server.base_url}/events/{event_id}/door?lang=pl")
    await expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert await unlabelled_fields(page) == []

    await page.fill("#door-search", "drzwiow")  # search as you type, accents and case aside
    await expect(page.locator(".door-item:visible")).to_have_count(3)
    await page.fill("#door-search", "zofia")
    await expect(page.locator(".door-item:visible")).to_have_count(1)
    await _row(page, "Zofia").get_by_role("button", name="Zamelduj").click()
    await expect(page.locator("[data-total]")).to_have_text("1")
    await _wait_synced(page)
    assert api.headcount(event_id) == 1

    await context.set_offline(True)
    await page.fill("#door-search", "")
    bogdan = _row(page, "Bogdan")
    await bogdan.locator(".party input").fill("3")
    await bogdan.get_by_role("button", name="Zamelduj").click()
    await page.locator("#walk-in summary").click()
    await page.fill("#f-name", "Nowa Osoba")
    await page.fill("#f-mobile", "0612398099")
    await page.fill("#f-party_size", "2")
    await page.locator("input[name=consent_channels][value=sms]").check()
    await page.get_by_role("button", name="Dodaj i zamelduj").click()
    await expect(page.locator("#sync-state")).to_have_attribute("data-state", "offline")
    await expect(page.locator("[data-total]")).to_have_text("6")  # counted on the phone
    queued = await page.evaluate(
        "JSON.stringify(Object.values(localStorage).map(JSON.parse).flat())"
    )
    assert api.headcount(event_id) == 1  # nothing reached the server yet

    await context.set_offline(False)
    await expect(page.locator(".door-item", has_text="Nowa Osoba")).to_have_count(1)
    await _wait_synced(page)
    assert api.headcount(event_id) == 6
    await expect(page.locator("[data-total]")).to_have_text("6")

    # The wifi dropped the answer, so the phone sends the same queue again: merged, not doubled.
    await page.evaluate(
        "([key, ops]) => { localStorage.setItem(key, ops);"
        " window.dispatchEvent(new Event('online')); }",
        [f"parentinfo-door-queue-{event_id}", queued],
    )
    await _wait_synced(page)
    assert api.headcount(event_id) == 6

    await _row(page, "Zofia").get_by_role("button", name="Cofnij").click()
    await expect(page.locator("[data-total]")).to_have_text("5")
    await _wait_synced(page)
    assert api.headcount(event_id) == 5
    # per language: Bogdan's party of 3 (Lithuanian) and the walk-in's 2 (the page's Polish)
    await expect(page.locator("#headcount")).to_contain_text("litewski: 3")
    await expect(page.locator("#headcount")).to_contain_text("polski: 2")
    await context.close()


async def test_a_refused_walk_in_stays_on_the_phone_with_its_reason_until_dropped(
    postgres_server: Server, browser: Browser
) -> None:
    api = Api(postgres_server)
    event_id = _door_event(api, ("Ewa Odmowa", "Piotr Odmowy"), batch=1)
    context = await browser.new_context(viewport=PHONE, locale="pl-PL", is_mobile=True)
    page = await context.new_page()
    await log_in(page, postgres_server.base_url, SCHOOL, next_path=f"/events/{event_id}/door")
    await page.goto(f"{postgres_server.base_url}/events/{event_id}/door?lang=pl")
    await expect(page.locator("#door-refused")).to_be_hidden()

    await context.set_offline(True)
    await page.locator("#walk-in summary").click()
    for name in ("Zły Numer", "Drugi Zły"):
        await page.fill("#f-name", name)
        await page.fill("#f-mobile", "12345")  # no phone number: the server refuses the walk-in
        await page.locator("input[name=consent_channels][value=sms]").check()
        await page.get_by_role("button", name="Dodaj i zamelduj").click()
    await _row(page, "Ewa Odmowa").get_by_role("button", name="Zamelduj").click()
    await expect(page.locator("[data-total]")).to_have_text("3")  # counted on the phone
    assert api.headcount(event_id) == 0

    await context.set_offline(False)
    refused = page.locator("#door-refused")
    await expect(refused).to_be_visible()
    await expect(refused).to_contain_text("Nie zapisano")
    await expect(refused.locator("li")).to_have_count(2)
    await expect(refused).to_contain_text("Zły Numer")
    await expect(refused).to_contain_text("nie jest prawidłowym numerem telefonu")  # in Polish
    await expect(page.locator("#sync-state")).to_have_attribute("data-state", "online")
    assert api.headcount(event_id) == 1  # the good check-in went through on its own
    await expect(page.locator("[data-total]")).to_have_text("1")
    await expect(page.locator(".door-item", has_text="Zły")).to_have_count(0)

    await page.reload()  # nothing is lost by a reload: the refusals are still there
    await expect(refused.locator("li")).to_have_count(2)
    await expect(refused).to_contain_text("nie jest prawidłowym numerem telefonu")

    await refused.locator("li", has_text="Drugi Zły").get_by_role("button", name="Usuń").click()
    await expect(refused.locator("li")).to_have_count(1)
    # Fixing puts the walk-in back into the form; sent online, the server takes it.
    await refused.get_by_role("button", name="Popraw").click()
    await expect(refused).to_be_hidden()
    await expect(page.locator("#f-name")).to_have_value("Zły Numer")
    await expect(page.locator("#f-mobile")).to_have_value("12345")
    await page.fill("#f-mobile", "0612398199")
    await page.get_by_role("button", name="Dodaj i zamelduj").click()
    await expect(page.locator(".door-item", has_text="Zły Numer")).to_have_count(1)
    await expect(refused).to_be_hidden()
    assert api.headcount(event_id) == 2
    await page.reload()
    await expect(refused).to_be_hidden()
    await context.close()
