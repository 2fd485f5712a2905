"""The personal page in Arabic (right to left) and Slovenian, as a parent's phone shows it.

Against the embedded server with the demo: the school invites its Arabic- and
Slovenian-speaking parents, and each opens the link from their own SMS.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL
from tests.browser.server import PHONE, Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]


def _api(server: Server) -> httpx.Client:
    token = server.cli("token", "create", "--email", SCHOOL).strip().splitlines()[-1]
    return httpx.Client(
        base_url=f"{server.base_url}/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def _page_paths(server: Server, languages: list[str]) -> dict[str, str]:
    """Invite the demo parents of ``languages``; the /r/ path each one's SMS carries."""
    api = _api(server)
    events: list[dict[str, Any]] = api.get("/events", params={"status": "published"}).json()[
        "items"
    ]
    event_id = next(e["id"] for e in events if e["organisation"] == "demo-school")
    sent = api.post(f"/events/{event_id}/outreach/send", json={"languages": languages})
    assert sent.status_code < 300, sent.text
    rows = api.get("/messages", params={"event_id": event_id, "limit": 200}).json()["items"]
    paths = {}
    for row in rows:
        found = re.search(r"/r/[A-Za-z0-9_-]+", row["body"])
        if row["language"] in languages and found:
            paths[row["language"]] = found.group(0)
    assert set(paths) == set(languages), rows
    return paths


async def test_arabic_reads_right_to_left_and_slovenian_in_slovenian(
    sqlite_server: Server, browser: Browser
) -> None:
    paths = _page_paths(sqlite_server, ["ar", "sl"])
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()

    await page.goto(sqlite_server.base_url + paths["ar"])
    html = page.locator("html")
    await expect(html).to_have_attribute("dir", "rtl")
    await expect(html).to_have_attribute("lang", "ar")
    assert await page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    await expect(page.locator("#answer-heading")).to_have_text("هل ستحضرون؟")
    await expect(page.locator("button.yes")).to_have_text("نعم، سأحضر")
    heading = await page.locator("h1").bounding_box()
    assert heading is not None
    # Right to left: the heading hugs the right edge of the 360 px screen.
    assert heading["x"] + heading["width"] > PHONE["width"] - 40
    await page.locator("button.yes").click()
    await expect(page.locator(".notice")).to_have_text("شكرًا. تم حفظ ردكم.")

    await page.goto(sqlite_server.base_url + paths["sl"])
    await expect(page.locator("html")).to_have_attribute("dir", "ltr")
    await expect(page.locator("html")).to_have_attribute("lang", "sl")
    await expect(page.locator("#answer-heading")).to_have_text("Ali boste prišli?")
    await expect(page.locator("dl.facts dt").first).to_have_text("Kdaj")
    body = await page.locator("main").inner_text()
    for english in ("When", "Where", "Show on a map", "Will you come?", "Yes, I will come"):
        assert english not in body

    await page.goto(f"{sqlite_server.base_url}/r/not-a-real-link?lang=ar")
    await expect(page.locator("html")).to_have_attribute("dir", "rtl")
    await expect(page.locator("section[lang='ar'] h1")).to_have_text("الصفحة غير موجودة")
    await context.close()
