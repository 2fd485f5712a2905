"""Contacts pages: list and search, add with consent, errors next to fields, CSV import."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from parentinfo.contacts.models import Consent, Contact
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

GOOD_CSV = (
    "name,mobile,email,language\r\n"
    "Anna Kowalska,+31612340001,,pl\r\n"
    "Ion Popescu,0612340002,ion@example.com,ro\r\n"
)
BAD_CSV = GOOD_CSV + "Nobody,12,,xx\r\n"


async def test_the_list_searches_and_filters_by_language(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="Anna Kowalska", language="pl")
    await make_contact(member.actor, n=2, name="Ion Popescu", language="ro")
    await login(client, member)
    page = (await client.get("/contacts?lang=en")).text
    assert "Anna Kowalska" in page
    assert "Ion Popescu" in page
    page = (await client.get("/contacts?q=kowal")).text
    assert "Anna Kowalska" in page
    assert "Ion Popescu" not in page
    page = (await client.get("/contacts?language=ro")).text
    assert "Ion Popescu" in page
    assert "Anna Kowalska" not in page


async def test_adding_a_contact_records_the_consent(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await post_form(
        client,
        "/contacts",
        token,
        {
            "name": "Maria Ivanova",
            "mobile": "06 12345678",
            "language": "bg",
            "age_groups": ["0-3", "4-11"],
            "consent_channels": ["sms"],
            "consent_method": "verbal",
            "consent_note": "at the school gate",
        },
    )
    assert response.status_code == 303, response.text
    contact = await Contact.get(name="Maria Ivanova")
    assert contact.mobile == "+31612345678"
    assert contact.age_groups == ["0-3", "4-11"]
    consent = await Consent.get(contact=contact)
    assert consent.channels == ["sms"]
    assert consent.method == "verbal"
    page = (await client.get(f"/contacts/{contact.id}?lang=en")).text
    assert "at the school gate" in page


async def test_a_form_with_errors_keeps_what_was_typed(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await post_form(
        client,
        "/contacts",
        token,
        {"name": "Piotr Nowak", "mobile": "12", "language": "pl", "consent_method": "paper_form"},
    )
    assert response.status_code == 422
    assert 'value="Piotr Nowak"' in response.text
    assert 'value="12"' in response.text
    assert 'id="f-mobile-error"' in response.text
    assert 'id="f-consent_channels-error"' in response.text
    assert await Contact.all().count() == 0


async def test_editing_changes_fields_and_appends_a_withdrawal(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, n=5, name="Old Name")
    token = await login(client, member)
    response = await post_form(
        client,
        f"/contacts/{contact.id}",
        token,
        {
            "name": "New Name",
            "mobile": contact.mobile,
            "language": "pl",
            "consent_channels": ["sms"],
            "consent_granted": "no",
            "consent_method": "verbal",
        },
    )
    assert response.status_code == 303, response.text
    await contact.refresh_from_db()
    assert contact.name == "New Name"
    assert contact.sms_opt_out
    assert await Consent.filter(contact=contact).count() == 2


async def test_another_organisations_contact_is_not_found(client: httpx.AsyncClient) -> None:
    other = await make_member(await make_org("other"))
    theirs = await make_contact(other.actor, n=9)
    member = await make_member(await make_org("school"))
    await login(client, member)
    assert (await client.get(f"/contacts/{theirs.id}")).status_code == 404


async def test_an_import_with_a_bad_row_saves_nothing_and_names_the_row(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await client.post(
        "/contacts/import",
        data={"_csrf_token": token},
        files={"file": ("parents.csv", BAD_CSV.encode(), "text/csv")},
    )
    assert response.status_code == 422
    assert '<td class="num">4</td>' in response.text
    # The only way on is the explicit choice to import the fine rows; nothing else confirms.
    assert response.text.count('action="/contacts/import/confirm"') == 1
    assert 'name="mode" value="keep_going"' in response.text
    assert await Contact.all().count() == 0


async def test_an_import_is_previewed_then_confirmed(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    response = await client.post(
        "/contacts/import",
        data={"_csrf_token": token},
        files={"file": ("parents.csv", GOOD_CSV.encode(), "text/csv")},
    )
    assert response.status_code == 200
    assert "Ion Popescu" in response.text
    assert await Contact.all().count() == 0
    key = response.text.split('name="key" value="')[1].split('"')[0]
    response = await post_form(client, "/contacts/import/confirm", token, {"key": key})
    assert response.status_code == 303
    assert await Contact.all().count() == 2
    again = await post_form(client, "/contacts/import/confirm", token, {"key": key})
    assert again.status_code == 422  # the preview is spent
    assert await Contact.all().count() == 2


async def test_the_csv_template_downloads(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await login(client, member)
    response = await client.get("/contacts/template.csv")
    assert response.status_code == 200
    assert response.text.startswith("name,mobile,email,language")


async def test_the_fine_rows_go_in_and_the_others_come_back_as_a_file(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    await client.get("/contacts?lang=en")
    preview = await client.post(
        "/contacts/import",
        data={"_csrf_token": token},
        files={"file": ("parents.csv", BAD_CSV.encode(), "text/csv")},
    )
    assert "Import the 2 rows that are fine" in preview.text
    key = preview.text.split('name="key" value="')[1].split('"')[0]
    done = await post_form(
        client, "/contacts/import/confirm", token, {"key": key, "mode": "keep_going"}
    )
    assert done.status_code == 200, done.text
    assert sorted(await Contact.all().values_list("name", flat=True)) == [
        "Anna Kowalska",
        "Ion Popescu",
    ]
    link = done.text.split('href="/contacts/import/rejected?key=')[1].split('"')[0]
    rejected = await client.get(f"/contacts/import/rejected?key={link}")
    assert rejected.status_code == 200
    assert rejected.headers["content-disposition"].endswith('filename="contacts-to-fix.csv"')
    header, row = csv.reader(io.StringIO(rejected.text.removeprefix("\ufeff")))
    assert header == ["name", "mobile", "email", "language", "What is wrong"]
    assert row[:4] == ["Nobody", "12", "", "xx"]
    assert row[4].startswith("row 4: mobile: ")
    assert "; language: " in row[4]


async def test_the_file_of_rows_to_fix_speaks_the_page_language(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await login(client, member)
    await client.get("/contacts?lang=nl")
    preview = await client.post(
        "/contacts/import",
        data={"_csrf_token": token},
        files={"file": ("parents.csv", BAD_CSV.encode(), "text/csv")},
    )
    key = preview.text.split('name="key" value="')[1].split('"')[0]
    done = await post_form(
        client, "/contacts/import/confirm", token, {"key": key, "mode": "keep_going"}
    )
    link = done.text.split('href="/contacts/import/rejected?key=')[1].split('"')[0]
    rejected = await client.get(f"/contacts/import/rejected?key={link}")
    header, row = csv.reader(io.StringIO(rejected.text.removeprefix("\ufeff")))
    assert header[-1] == "Wat is er mis"
    assert row[4].startswith("rij 4: mobile: ")


async def test_an_unknown_file_of_rows_to_fix_is_a_clear_404(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await login(client, member)
    response = await client.get("/contacts/import/rejected?key=nothing-here&lang=en")
    assert response.status_code == 404
    assert "That file has expired" in response.text
