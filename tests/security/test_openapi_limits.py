"""The served OpenAPI document states the limits the server enforces (the fuzz test is slow)."""

from __future__ import annotations

import re

import httpx
import pytest

from parentinfo.lib.pagination import MAX_PAGE

pytestmark = pytest.mark.anyio


async def test_the_document_states_pages_characters_enums_and_unknown_fields(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    events = document["paths"]["/api/v1/events"]
    page = next(p for p in events["get"]["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == MAX_PAGE
    event_in = document["components"]["schemas"]["EventIn"]
    assert event_in["additionalProperties"] is False
    assert event_in["properties"]["texts"]["propertyNames"]["enum"][:2] == ["nl", "en"]
    assert "pl" in event_in["properties"]["session_languages"]["items"]["enum"]
    title = document["components"]["schemas"]["TextIn"]["properties"]["title"]["pattern"]
    description = document["components"]["schemas"]["TextIn"]["properties"]["description"]
    assert not re.fullmatch(title, "a\r\nb")
    assert re.fullmatch(title, "Ouderavond")
    assert re.fullmatch(description["pattern"], "a\r\nb")
    assert "requestBody" in document["paths"]["/api/v1/contacts/import"]["post"]
