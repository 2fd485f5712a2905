"""The app starts on both databases, answers /health, and publishes its OpenAPI document."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import make_member, make_org

pytestmark = pytest.mark.anyio


async def test_health_says_ok_when_the_database_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_openapi_document_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.1")


async def test_api_refuses_missing_and_unknown_tokens(client: httpx.AsyncClient) -> None:
    await make_org("school")
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = await client.get("/api/v1/organisations", headers=headers)
        assert response.status_code == 401, headers
        assert "token" in response.json()["detail"]


async def test_security_headers_are_on_every_answer(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


async def test_member_of_another_organisation_cannot_pick_it(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    await make_org("other")
    member = await make_member(school)
    response = await client.get(
        "/api/v1/organisations", headers={**member.headers, "X-Organisation": "other"}
    )
    assert response.status_code == 403


async def test_an_id_past_the_integer_range_is_not_found_not_a_server_error(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    for path in ("/api/v1/events/99999999999", "/api/v1/contacts/99999999999999999999/export"):
        response = await client.get(path, headers=member.headers)
        assert response.status_code in (404, 422), (path, response.text)


async def test_every_api_route_documents_its_refusals(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert {"401", "403", "404", "422"} <= set(operation["responses"]), (method, path)
