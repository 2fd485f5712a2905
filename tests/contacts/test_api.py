"""The contacts API: create with consent, refuse bad input with 422 and duplicates with 409."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from parentinfo.contacts.access import visible_contact
from parentinfo.contacts.models import Consent, Contact
from parentinfo.errors import NotFound
from parentinfo.privacy.models import AuditEntry
from tests.factories import make_member, make_org

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts"


def body(**overrides: Any) -> dict[str, Any]:
    """A valid new contact; ``overrides`` replace fields."""
    data: dict[str, Any] = {
        "name": "Anna Kowalska",
        "mobile": "06 12345678",
        "email": "Anna@Example.COM",
        "language": "pl",
        "age_groups": ["4-11", "0-3"],
        "consent": {"channels": ["sms", "email"], "method": "paper_form", "note": "signed"},
    }
    data.update(overrides)
    return data


async def test_create_stores_e164_and_the_first_consent(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=body(), headers=member.headers)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["mobile"] == "+31612345678"
    assert created["email"] == "Anna@example.com"
    assert created["age_groups"] == ["0-3", "4-11"]
    assert created["sms_opt_out"] is False
    assert created["email_opt_out"] is False
    consent = await Consent.get(contact_id=created["id"])
    assert consent.channels == ["sms", "email"]
    assert consent.granted is True
    assert consent.recorded_by_id == member.actor.user_id  # type: ignore[attr-defined]
    assert consent.note == "signed"


async def test_email_only_contact_without_mobile(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    data = body(mobile=None, consent={"channels": ["email"], "method": "web"})
    response = await client.post(URL, json=data, headers=member.headers)
    assert response.status_code == 201, response.text
    assert response.json()["mobile"] is None


async def test_a_channel_with_an_address_but_no_consent_stays_off(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    data = body(consent={"channels": ["sms"], "method": "verbal"})
    created = (await client.post(URL, json=data, headers=member.headers)).json()
    assert created["sms_opt_out"] is False
    assert created["email_opt_out"] is True


@pytest.mark.parametrize(
    ("mobile", "reason"),
    [
        ("+31201234567", "not a mobile number"),  # Amsterdam landline
        ("06 1234", "not a valid phone number"),
        ("call me", "not a phone number"),
    ],
)
async def test_bad_or_landline_number_is_422_naming_mobile(
    client: httpx.AsyncClient, mobile: str, reason: str
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=body(mobile=mobile), headers=member.headers)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors[0]["field"] == "mobile"
    assert reason in errors[0]["message"]
    assert await Contact.all().count() == 0


async def test_unknown_language_is_422_listing_the_accepted_codes(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=body(language="xx"), headers=member.headers)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "language"
    assert "nl, en, pl, ro, bg" in error["message"]


async def test_every_bad_field_is_named_at_once(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    data = body(
        language="klingon",
        email="not-an-address",
        age_groups=["5-9"],
        consent={"channels": ["fax"], "method": "telepathy"},
    )
    response = await client.post(URL, json=data, headers=member.headers)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"language", "email", "age_groups", "consent.channels", "consent.method"}


async def test_neither_mobile_nor_email_is_422(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=body(mobile=None, email=None), headers=member.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mobile"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "A", "language": "pl"}, "consent"),
        ({**body(), "name": 5}, "name"),
        ({**body(), "name": ""}, "name"),
        ({**body(), "mobiel": "0612345678"}, "mobiel"),
        ({**body(), "consent": {"channels": [], "method": "web"}}, "consent.channels"),
    ],
)
async def test_malformed_body_is_422_naming_the_field(
    client: httpx.AsyncClient, payload: dict[str, Any], field: str
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=payload, headers=member.headers)
    assert response.status_code == 422, response.text
    assert field in response.json()["detail"]


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b"null", b"\xff\xfe"])
async def test_unreadable_body_is_4xx_never_500(client: httpx.AsyncClient, raw: bytes) -> None:
    member = await make_member(await make_org("school"))
    headers = {**member.headers, "Content-Type": "application/json"}
    response = await client.post(URL, content=raw, headers=headers)
    assert response.status_code in {400, 422}
    assert "detail" in response.json()


async def test_same_mobile_twice_in_one_organisation_is_409(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    first = await client.post(URL, json=body(), headers=member.headers)
    again = await client.post(
        URL, json=body(name="Someone Else", mobile="+31 6 1234 5678"), headers=member.headers
    )
    assert again.status_code == 409
    assert str(first.json()["id"]) in again.json()["detail"]
    assert await Contact.all().count() == 1


async def test_same_mobile_in_two_organisations_is_fine(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"))
    assert (await client.post(URL, json=body(), headers=school.headers)).status_code == 201
    assert (await client.post(URL, json=body(), headers=library.headers)).status_code == 201


async def test_get_patch_and_consent_history(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = (await client.post(URL, json=body(), headers=member.headers)).json()
    url = f"{URL}/{created['id']}"
    assert (await client.get(url, headers=member.headers)).json()["name"] == "Anna Kowalska"
    patched = await client.patch(
        url,
        json={
            "name": "Anna K.",
            "email": None,
            "consent": {"channels": ["email"], "method": "verbal", "granted": False},
        },
        headers=member.headers,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["name"] == "Anna K."
    assert patched.json()["email"] is None
    assert patched.json()["mobile"] == "+31612345678"  # not sent, not changed
    assert patched.json()["email_opt_out"] is True
    history = (await client.get(f"{url}/consents", headers=member.headers)).json()
    assert [(h["granted"], h["channels"]) for h in history] == [
        (True, ["sms", "email"]),
        (False, ["email"]),
    ]
    assert history[1]["recorded_by_id"] == member.actor.user_id


async def test_post_consent_appends_and_switches_channels(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = (await client.post(URL, json=body(), headers=member.headers)).json()
    url = f"{URL}/{created['id']}/consents"
    off = await client.post(
        url, json={"channels": ["sms"], "method": "sms", "granted": False}, headers=member.headers
    )
    assert off.status_code == 201, off.text
    assert off.json()["recorded_by_name"] == member.email
    contact = await Contact.get(id=created["id"])
    assert contact.sms_opt_out is True
    assert contact.opted_out_at is not None
    await client.post(url, json={"channels": ["sms"], "method": "web"}, headers=member.headers)
    await contact.refresh_from_db()
    assert contact.sms_opt_out is False
    assert contact.opted_out_at is None
    assert await Consent.filter(contact_id=contact.id).count() == 3
    bad = await client.post(url, json={"channels": ["sms"], "method": "x"}, headers=member.headers)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "method"


async def test_patch_to_a_taken_mobile_is_409(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await client.post(URL, json=body(), headers=member.headers)
    other = (
        await client.post(URL, json=body(mobile="0612345679", email=None), headers=member.headers)
    ).json()
    response = await client.patch(
        f"{URL}/{other['id']}", json={"mobile": "0612345678"}, headers=member.headers
    )
    assert response.status_code == 409
    own = await client.patch(
        f"{URL}/{other['id']}", json={"mobile": "+31612345679"}, headers=member.headers
    )
    assert own.status_code == 200


async def test_patch_cannot_remove_both_addresses(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = (await client.post(URL, json=body(), headers=member.headers)).json()
    response = await client.patch(
        f"{URL}/{created['id']}", json={"mobile": None, "email": None}, headers=member.headers
    )
    assert response.status_code == 422
    assert (await Contact.get(id=created["id"])).mobile == "+31612345678"


async def test_delete_erases_and_audits_without_personal_data(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    created = (await client.post(URL, json=body(), headers=member.headers)).json()
    response = await client.delete(f"{URL}/{created['id']}", headers=member.headers)
    assert response.status_code == 204
    assert await Contact.filter(id=created["id"]).count() == 0
    assert await Consent.all().count() == 0
    entry = await AuditEntry.get(action="contact.deleted")
    assert entry.subject_id == created["id"]
    assert "Kowalska" not in str(entry.details)
    gone = await client.get(f"{URL}/{created['id']}", headers=member.headers)
    assert gone.status_code == 404


async def test_a_race_on_the_same_mobile_is_409_not_500(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parentinfo.contacts import store

    member = await make_member(await make_org("school"))
    first = (await client.post(URL, json=body(), headers=member.headers)).json()
    real = store.mobile_owners
    calls: list[int] = []

    async def blind_first_time(*args: Any, **kwargs: Any) -> dict[str, int]:
        calls.append(1)
        return {} if len(calls) == 1 else await real(*args, **kwargs)

    monkeypatch.setattr("parentinfo.contacts.service.mobile_owners", blind_first_time)
    response = await client.post(URL, json=body(name="Twin"), headers=member.headers)
    assert response.status_code == 409
    assert str(first["id"]) in response.json()["detail"]
    assert await Contact.all().count() == 1
    assert await Consent.all().count() == 1


async def test_ids_no_column_can_hold_are_not_found_never_500(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    for contact_id in (0, 2**31, 9074647941343377227085269937684480):
        response = await client.get(f"{URL}/{contact_id}", headers=member.headers)
        assert response.status_code in {404, 422}, contact_id
    with pytest.raises(NotFound):
        await visible_contact(actor=member.actor, contact_id=2**63)
