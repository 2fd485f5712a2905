"""Input that no database would store is refused with 4xx, never a 500."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.factories import make_member, make_org
from tests.factories.events import event_body

pytestmark = pytest.mark.anyio

PROBES: list[tuple[str, str, Any, int]] = [
    ("GET", "/api/v1/events/99999999999", None, 404),
    ("GET", "/api/v1/events/0", None, 404),
    ("POST", "/api/v1/events", event_body(venue="a\x00b"), 422),
    ("POST", "/api/v1/events", event_body(capacity=10**12), 422),
    ("POST", "/api/v1/events", event_body(starts_at="0001-01-01T00:00:00+01:00"), 422),
    ("POST", "/api/v1/events", event_body(ends_at="9999-12-31T23:59:59-12:00"), 422),
    ("POST", "/api/v1/events", event_body(guest_organisation="a\x00b"), 422),
    ("POST", "/api/v1/events", event_body(texts={"pl": {"title": "a\x00"}}), 422),
    ("POST", "/api/v1/events", event_body(timezone="\x00"), 422),
    ("POST", "/api/v1/events", event_body(timezone="Europe"), 422),
    ("POST", "/api/v1/events", event_body(timezone="Europe/" + "x" * 50), 422),
    ("GET", "/api/v1/events?page=99999999999999999999", None, 422),
    ("GET", "/api/v1/events?from=0001-01-01T00:00:00%2B01:00", None, 422),
    ("GET", "/api/v1/events?to=9999-12-31T23:59:59", None, 422),
    ("GET", "/api/v1/organisations/a%00b", None, 404),
    ("PATCH", "/api/v1/organisations/me", {"name": "a\x00"}, 422),
]


async def test_hostile_input_gets_a_client_error(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"), role="admin")
    for method, url, body, status in PROBES:
        response = await client.request(method, url, json=body, headers=member.headers)
        assert response.status_code == status, (method, url, response.text)
        assert response.json()["status_code"] == status


async def test_hostile_input_on_an_existing_event(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = await client.post("/api/v1/events", json=event_body(), headers=member.headers)
    url = f"/api/v1/events/{created.json()['id']}"
    for method, path, body, status in [
        ("DELETE", f"{url}/hosts/a%00", None, 404),
        ("POST", f"{url}/hosts", {"organisation": "a\x00"}, 422),
        # A path holding a control character names nothing that can exist.
        ("PUT", f"{url}/texts/a%00", {"title": "x"}, 404),
        ("DELETE", f"{url}/texts/a%00", None, 404),
        ("PATCH", url, {"address": "\x00"}, 422),
        ("PATCH", url, {"starts_at": "1999-12-31T10:00:00"}, 422),
        ("POST", f"{url}/duplicate", {"starts_at": "2200-01-01T10:00:00Z"}, 422),
        ("GET", f"{url}?language=%00", None, 422),
    ]:
        response = await client.request(method, path, json=body, headers=member.headers)
        assert response.status_code == status, (method, path, response.text)
