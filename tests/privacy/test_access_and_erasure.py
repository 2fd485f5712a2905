"""A parent's rights: everything exported on request, everything personal erased on request."""

from __future__ import annotations

import json

import httpx
import pytest
from tortoise import connections

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Consent, Contact
from parentinfo.messaging.models import OutboundMessage
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.privacy.conftest import EMAIL, MOBILE, NAME, Held

pytestmark = pytest.mark.anyio


async def every_row_as_text(backend: str) -> str:
    """Every row of every table, as one long text, to search for leftovers."""
    connection = connections.get("default")
    if backend == "sqlite":
        tables = await connection.execute_query_dict(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        names = [t["name"] for t in tables]
    else:
        tables = await connection.execute_query_dict(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        names = [t["table_name"] for t in tables]
    assert "contact" in names
    assert "outbound_message" in names
    parts = []
    for name in names:
        rows = await connection.execute_query_dict(f'SELECT * FROM "{name}"')  # noqa: S608
        parts.extend(json.dumps(row, default=str, ensure_ascii=False) for row in rows)
    return "\n".join(parts)


async def test_export_holds_contact_consents_invitations_messages_and_check_ins(
    client: httpx.AsyncClient, held: Held
) -> None:
    response = await client.get(
        f"/api/v1/contacts/{held.anna.id}/export", headers=held.coordinator.headers
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["contact"]["name"] == NAME
    assert data["contact"]["mobile"] == MOBILE
    assert data["contact"]["email"] == EMAIL
    assert data["consents"][0]["channels"] == ["sms", "email"]
    assert data["consents"][0]["method"] == "paper_form"
    assert data["invitations"][0]["answer"] == "yes"
    assert data["invitations"][0]["event_title"] == "Dutch schools explained"
    assert {m["channel"] for m in data["messages_sent"]} == {"sms", "email"}
    assert any("Antwoord TAK" in m["body"] for m in data["messages_sent"])
    assert sorted(m["body"] for m in data["messages_received"]) == ["TAK 2", "kiedy to jest?"]
    assert data["check_ins"][0]["party_size"] == 2
    entry = await AuditEntry.get(action="contact.export")
    assert entry.subject_id == held.anna.id
    assert NAME not in json.dumps(entry.details)
    assert MOBILE not in json.dumps(entry.details)


async def test_only_coordinators_of_the_owning_org_may_export_or_erase(
    client: httpx.AsyncClient, held: Held
) -> None:
    for path, method in (("export", "GET"), ("erase", "POST")):
        url = f"/api/v1/contacts/{held.anna.id}/{path}"
        volunteer = await client.request(method, url, headers=held.volunteer.headers)
        assert volunteer.status_code == 403, path
        stranger = await client.request(method, url, headers=held.stranger.headers)
        assert stranger.status_code == 404, path
        assert NAME not in stranger.text
    assert await Contact.filter(id=held.anna.id).exists()
    assert not await AuditEntry.filter(action__in=["contact.export", "contact.erase"]).exists()


async def test_erasure_leaves_no_personal_data_but_keeps_the_counts(
    client: httpx.AsyncClient, held: Held, backend: str
) -> None:
    before = await every_row_as_text(backend)
    assert MOBILE in before
    assert EMAIL in before
    assert NAME in before
    token_before = held.invitation.token
    response = await client.post(
        f"/api/v1/contacts/{held.anna.id}/erase", headers=held.admin.headers
    )
    assert response.status_code == 204, response.text
    after = await every_row_as_text(backend)
    for secret in (MOBILE, MOBILE.lstrip("+"), EMAIL, NAME, "Wiśniewska", token_before):
        assert secret not in after, secret
    invitation = await Invitation.get(id=held.invitation.id)
    assert invitation.contact_id is None  # type: ignore[attr-defined]
    assert (invitation.language, invitation.answer.value, invitation.party_size) == ("pl", "yes", 2)
    assert await CheckIn.filter(invitation_id=invitation.id).count() == 1
    assert await OutboundMessage.all().count() == 2
    assert await InboundMessage.all().count() == 2
    assert not await Consent.all().exists()
    entry = await AuditEntry.get(action="contact.erase")
    assert entry.subject_id == held.anna.id
    assert entry.details == {}
    again = await client.post(f"/api/v1/contacts/{held.anna.id}/erase", headers=held.admin.headers)
    assert again.status_code == 404
