"""Bad input is refused at the boundary with 400/404/422, on both databases, never a 500.

Each request here used to reach a handler and end in a PostgreSQL error (a NUL byte cannot be
stored, a token longer than its column) or a recursion error, answered with a 500.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import httpx
import pytest
from litestar import Litestar
from litestar.stores.memory import MemoryStore

from parentinfo.app import security_headers
from parentinfo.lib.enums import ConsentMethod
from parentinfo.settings import Settings
from tests.factories import make_member, make_org
from tests.factories.outreach import published_event
from tests.web.helpers import csrf_token, login

pytestmark = pytest.mark.anyio


async def test_parent_and_feed_paths_with_nul_or_overlong_tokens_are_not_found(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    await make_org("school")
    long_token = "A" * 65
    for path in (
        "/r/abc%00def",
        f"/r/{long_token}",
        f"/r/{long_token}/invite.ics",
        "/calendar/school%00.ics",
        f"/calendar/{'s' * 70}.ics",
    ):
        response = await client.get(path)
        assert response.status_code == 404, path
    with caplog.at_level(logging.INFO):
        await client.get(f"/r/{long_token}")
    assert long_token not in caplog.text  # a parent's link never lands in the log


async def test_nul_in_the_login_email_is_refused_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    token = await csrf_token(client)
    response = await client.post(
        "/login",
        data={"email": "a\x00@school.test", "password": "x", "_csrf_token": token},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"


async def test_control_characters_in_contact_fields_and_search_are_refused(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    consent = {"channels": ["sms"], "method": ConsentMethod.PAPER_FORM.value}
    for field, value in (("name", "Anna\x00"), ("email", "a@b.nl\r\nBcc: x@y.z")):
        body = {"name": "Anna", "mobile": "+31612345678", "language": "pl", "consent": consent}
        response = await client.post(
            "/api/v1/contacts", json={**body, field: value}, headers=member.headers
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    for query in ("q=%00", "language=pl%00", "page=1%00"):
        response = await client.get(f"/api/v1/contacts?{query}", headers=member.headers)
        assert response.status_code == 422, query


async def test_walk_in_names_and_client_ids_with_nul_are_refused(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    walk_in = {
        "name": "Anna\x00",
        "language": "pl",
        "mobile": "+31612345678",
        "consent": {"channels": ["sms"], "method": "at_the_door"},
    }
    response = await client.post(
        f"/api/v1/events/{event.id}/attendance/walk-ins", json=walk_in, headers=member.headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"
    walk_in = {**walk_in, "name": "Anna", "client_id": "door-1\x00"}
    response = await client.post(
        f"/api/v1/events/{event.id}/attendance/walk-ins", json=walk_in, headers=member.headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "client_id"


async def test_an_event_title_with_a_line_break_is_refused_but_a_description_may_have_one(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    event = {
        "topic": "school_system",
        "starts_at": "2031-03-11T19:00:00+01:00",
        "ends_at": "2031-03-11T21:00:00+01:00",
        "texts": {"nl": {"title": "Ouderavond\r\nBcc: all@example.com", "description": ""}},
    }
    response = await client.post("/api/v1/events", json=event, headers=member.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "texts.nl.title"
    event["texts"] = {"nl": {"title": "Ouderavond", "description": "Welkom.\r\nKom op tijd."}}
    for field in ("venue", "address"):
        response = await client.post(
            "/api/v1/events", json={**event, field: "Zaal\n1"}, headers=member.headers
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field
    response = await client.post("/api/v1/events", json=event, headers=member.headers)
    assert response.status_code == 201, response.text


async def test_deeply_nested_or_non_utf8_json_is_a_bad_request(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    headers = {**member.headers, "content-type": "application/json"}
    nested = b"[" * 100_000 + b"]" * 100_000
    for body in (nested, b'{"name": "\xff\xfe"}'):
        for path in ("/api/v1/contacts", "/api/v1/events", "/api/v1/organisations/me"):
            method = "PATCH" if path.endswith("/me") else "POST"
            response = await client.request(method, path, content=body, headers=headers)
            assert response.status_code == 400, (path, response.text)


async def test_an_anonymous_page_view_stores_no_session(
    app: Litestar, client: httpx.AsyncClient
) -> None:
    store = app.stores.get("sessions")
    assert isinstance(store, MemoryStore)
    for path in ("/login", "/", "/calendar/school.ics", "/r/no-such-token"):
        response = await client.get(path)
        assert "parentinfo_session" not in response.headers.get("set-cookie", ""), path
    assert not store._store, "an anonymous visitor left a session behind"
    member = await make_member(await make_org("school"))
    await login(client, member)
    assert len(store._store) == 1  # a login still stores one


async def test_https_answers_carry_hsts_and_plain_http_ones_do_not(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    assert settings.public_url.startswith("https://")
    response = await client.get("/login")
    assert "max-age=" in response.headers["strict-transport-security"]
    plain = replace(settings, public_url="http://127.0.0.1:8000")
    names = {header.name for header in security_headers(plain)}
    assert "Strict-Transport-Security" not in names


async def test_a_wrong_method_is_answered_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.delete("/health")
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET"}


async def test_an_imported_csv_cell_with_a_control_character_is_refused(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    header = "name,mobile,language,consent_channels,consent_method\r\n"
    rows = {
        "Ion\x00,+31687654321,ro,sms,verbal": "file",  # the CSV reader refuses the file
        '"Ion\r\nBcc: x",+31687654321,ro,sms,verbal': "name",
    }
    for row, field in rows.items():
        response = await client.post(
            "/api/v1/contacts/import",
            content=(header + row + "\r\n").encode(),
            headers={**member.headers, "content-type": "text/csv"},
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
