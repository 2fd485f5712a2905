"""The audit log: admins read their own organisation's, page by page, without personal data."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.privacy import audit
from tests.privacy.conftest import MOBILE, NAME, Held

pytestmark = pytest.mark.anyio


async def test_admin_pages_through_own_org_log(client: httpx.AsyncClient, held: Held) -> None:
    for number in range(3):
        await audit.record(
            actor=held.coordinator.actor, action="contact.import", details={"rows": number}
        )
    await audit.record(actor=held.stranger.actor, action="contact.import", details={"rows": 99})
    await client.get(f"/api/v1/contacts/{held.anna.id}/export", headers=held.coordinator.headers)
    first = await client.get("/api/v1/audit?per_page=2", headers=held.admin.headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert page["total"] == 4
    assert page["page"] == 1
    assert len(page["items"]) == 2
    assert page["items"][0]["action"] == "contact.export"
    assert page["items"][0]["user_email"] == held.coordinator.email
    second = await client.get("/api/v1/audit?page=2&per_page=2", headers=held.admin.headers)
    rows = second.json()["items"]
    assert [r["details"]["rows"] for r in rows] == [1, 0]
    assert NAME not in first.text + second.text
    assert MOBILE not in first.text + second.text


async def test_only_admins_read_the_log(client: httpx.AsyncClient, held: Held) -> None:
    refused = await client.get("/api/v1/audit", headers=held.coordinator.headers)
    assert refused.status_code == 403
    bad = await client.get("/api/v1/audit?per_page=0", headers=held.admin.headers)
    assert bad.status_code == 422
