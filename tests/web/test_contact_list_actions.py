"""The contacts list as a list to work with: filters, export, erasing one or many with a
confirmation that says what goes; volunteers are not offered what they may not do."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.attendance import invite, make_door_event
from tests.factories.contacts import make_contact, reply_stop
from tests.factories.contacts import mobile as number
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio


def listed(html: str) -> list[str]:
    return [part.split("</a>")[0].split(">")[-1] for part in html.split('<th scope="row">')[1:]]


async def test_the_list_filters_by_age_channel_opt_out_and_answer(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    anna = await make_contact(member.actor, n=1, name="Anna", age_groups=["0-3"])
    await make_contact(member.actor, n=2, name="Bea", age_groups=["12-17"])
    email_only = {"mobile": None, "email": "c@example.com", "consent_channels": ["email"]}
    await make_contact(member.actor, n=3, name="Cas", **email_only)
    await reply_stop(number(2))
    event = await make_door_event(member.organisation)
    await invite(event, anna)
    await login(client, member)
    assert listed((await client.get("/contacts?age_group=0-3")).text) == ["Anna"]
    assert listed((await client.get("/contacts?channel=email")).text) == ["Cas"]
    assert listed((await client.get("/contacts?channel=sms")).text) == ["Anna"]
    assert listed((await client.get("/contacts?opted_out=yes")).text) == ["Bea"]
    assert listed((await client.get(f"/contacts?event={event.id}&answer=yes")).text) == ["Anna"]
    assert listed((await client.get(f"/contacts?event={event.id}&answer=no")).text) == []
    bad = await client.get("/contacts?channel=fax&lang=en")
    assert bad.status_code == 422
    assert "give one or more of: sms, email" in bad.text


async def test_export_gives_the_filtered_contacts_as_csv_and_is_audited(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="=Anna", language="pl")
    await make_contact(member.actor, n=2, name="Ion", language="ro")
    await login(client, member)
    response = await client.get("/contacts/export.csv?language=pl")
    assert response.status_code == 200
    header, row = csv.reader(io.StringIO(response.text.removeprefix("\ufeff")))
    assert header[:4] == ["name", "mobile", "email", "language"]
    assert row[:4] == ["'=Anna", number(1), "", "pl"]  # a formula-looking name stays text
    assert await AuditEntry.filter(action="contacts.exported").count() == 1


async def test_erasing_many_asks_first_then_erases_them_only(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    anna = await make_contact(member.actor, n=1, name="Anna")
    bea = await make_contact(member.actor, n=2, name="Bea")
    await make_contact(member.actor, n=3, name="Cas")
    other = await make_member(await make_org("other"))
    theirs = await make_contact(other.actor, n=4, name="Theirs")
    event = await make_door_event(member.organisation)
    await invite(event, anna)
    token = await login(client, member)
    ids = [str(anna.id), str(bea.id), str(theirs.id)]
    asked = await post_form(client, "/contacts/erase/confirm?lang=en", token, {"ids": ids})
    assert asked.status_code == 200
    assert "Erase 2 contacts?" in asked.text
    assert "1 invitation with its answer" in asked.text
    assert "Theirs" not in asked.text
    assert await Contact.all().count() == 4  # nothing happens before the confirmation
    done = await post_form(client, "/contacts/erase", token, {"ids": ids})
    assert done.status_code == 303
    assert sorted(await Contact.all().values_list("name", flat=True)) == ["Cas", "Theirs"]
    assert (await Invitation.get(event_id=event.id)).contact_id is None  # type: ignore[attr-defined]
    assert await AuditEntry.filter(action="contact.erase").count() == 2


async def test_a_volunteer_is_not_offered_erase_or_export_and_is_refused(
    client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    volunteer = await make_member(org, role="volunteer")
    own = await make_contact(volunteer.actor, n=1, name="Mine")
    token = await login(client, volunteer)
    page = (await client.get("/contacts")).text
    assert "Mine" in page
    assert "/contacts/erase/confirm" not in page
    assert "/contacts/export.csv" not in page
    assert (await client.get("/contacts/export.csv")).status_code == 403
    refused = await post_form(client, "/contacts/erase", token, {"ids": [str(own.id)]})
    assert refused.status_code == 403
    assert await Contact.filter(id=own.id).exists()
