"""An organisation's contacts are invisible to every other; a volunteer sees only their own."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.access import visible_contact
from parentinfo.contacts.models import Contact
from parentinfo.errors import NotFound
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts"


async def test_another_organisation_gets_404_and_never_sees_the_contact(
    client: httpx.AsyncClient,
) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"), role="admin")
    contact = await make_contact(school.actor, n=7, name="Anna Kowalska")
    url = f"{URL}/{contact.id}"
    assert (await client.get(url, headers=library.headers)).status_code == 404
    patched = await client.patch(url, json={"name": "Stolen"}, headers=library.headers)
    assert patched.status_code == 404
    assert (await client.delete(url, headers=library.headers)).status_code == 404
    assert (await client.get(f"{url}/consents", headers=library.headers)).status_code == 404
    consent = {"channels": ["sms"], "method": "web", "granted": False}
    added = await client.post(f"{url}/consents", json=consent, headers=library.headers)
    assert added.status_code == 404
    for query in ("", "?q=Anna", "?q=0610000007", "?language=pl"):
        listed = (await client.get(URL + query, headers=library.headers)).json()
        assert listed["total"] == 0, query
        assert listed["items"] == []
    unchanged = await Contact.get(id=contact.id)
    assert unchanged.name == "Anna Kowalska"
    assert unchanged.sms_opt_out is False


async def test_a_member_of_two_organisations_sees_only_the_chosen_one(
    client: httpx.AsyncClient,
) -> None:
    school_org = await make_org("school")
    library_org = await make_org("library")
    school = await make_member(school_org)
    library = await make_member(library_org)
    await make_contact(library.actor, n=1)
    from parentinfo.accounts.service import create_user

    await create_user(email=school.email, org_slug="library", role="coordinator", password="x")
    in_school = await client.get(URL, headers=school.headers)
    assert in_school.json()["total"] == 0
    in_library = await client.get(URL, headers={**school.headers, "X-Organisation": "library"})
    assert in_library.json()["total"] == 1


async def test_a_volunteer_sees_and_edits_only_the_contacts_they_added(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    coordinator = await make_member(school)
    volunteer = await make_member(school, role="volunteer")
    colleague = await make_member(school, role="volunteer", email="other-volunteer@school.test")
    theirs = await make_contact(coordinator.actor, n=1)
    walk_in = {
        "name": "Walk In",
        "mobile": "0612345678",
        "language": "ro",
        "consent": {"channels": ["sms"], "method": "at_the_door"},
    }
    created = await client.post(URL, json=walk_in, headers=volunteer.headers)
    assert created.status_code == 201, created.text
    own_id = created.json()["id"]
    listed = (await client.get(URL, headers=volunteer.headers)).json()
    assert [c["id"] for c in listed["items"]] == [own_id]
    assert (await client.get(f"{URL}/{theirs.id}", headers=volunteer.headers)).status_code == 404
    assert (await client.get(f"{URL}/{own_id}", headers=colleague.headers)).status_code == 404
    edit = await client.patch(f"{URL}/{own_id}", json={"language": "bg"}, headers=volunteer.headers)
    assert edit.status_code == 200
    everything = (await client.get(URL, headers=coordinator.headers)).json()
    assert {c["id"] for c in everything["items"]} == {theirs.id, own_id}


async def test_visible_contact_raises_not_found_across_organisations(app: object) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"))
    contact = await make_contact(school.actor)
    assert (await visible_contact(actor=school.actor, contact_id=contact.id)).id == contact.id
    with pytest.raises(NotFound):
        await visible_contact(actor=library.actor, contact_id=contact.id)
    with pytest.raises(NotFound):
        await visible_contact(actor=school.actor, contact_id=contact.id + 1000)
