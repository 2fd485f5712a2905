"""CSV import through the API: all rows or none, every fault listed by spreadsheet row."""

from __future__ import annotations

import codecs

import httpx
import pytest

from parentinfo.contacts.models import Consent, Contact
from parentinfo.lib.enums import ConsentMethod
from parentinfo.privacy.models import AuditEntry
from tests.factories import make_member, make_org
from tests.factories.contacts import contact_rows, csv_bytes, make_contact, mobile

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts/import"


def csv_headers(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Content-Type": "text/csv"}


async def test_a_hundred_rows_with_one_bad_row_imports_nothing(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    rows = contact_rows(100)
    rows[41][3] = "klingon"  # the 42nd contact: spreadsheet row 43
    response = await client.post(URL, content=csv_bytes(rows), headers=csv_headers(member.headers))
    assert response.status_code == 422
    answer = response.json()
    assert answer["errors"] == [
        {"row": 43, "field": "language", "message": answer["errors"][0]["message"]}
    ]
    assert "klingon" in answer["errors"][0]["message"]
    assert "1 row" in answer["detail"]
    assert await Contact.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_a_good_file_imports_every_row_with_consent(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(
        URL, content=csv_bytes(contact_rows(100)), headers=csv_headers(member.headers)
    )
    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 100
    assert await Contact.filter(organisation_id=member.organisation.id).count() == 100
    consents = await Consent.all()
    assert len(consents) == 100
    assert {c.method for c in consents} == {ConsentMethod.PAPER_FORM}
    assert all(c.recorded_by_id == member.actor.user_id for c in consents)  # type: ignore[attr-defined]
    entry = await AuditEntry.get(action="contacts.imported")
    assert entry.details == {"rows": 100}


async def test_semicolons_bom_and_windows_1252_as_multipart(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    header = ("Naam", "Mobiel", "E-mail", "Taal", "Leeftijd")
    rows = [["Zoë Müller", "06 12345678", "", "nl", "0-3"], ["Ştefan", "0612345679", "", "ro", ""]]
    utf8 = codecs.BOM_UTF8 + csv_bytes(rows, header=header, delimiter=";")
    cp1252 = csv_bytes(
        [["François Ñúñez", "0612345670", "", "es", ""]],
        header=header,
        delimiter=";",
        encoding="cp1252",
    )
    for data in (utf8, cp1252):
        response = await client.post(
            URL, files={"file": ("contacts.csv", data, "text/csv")}, headers=member.headers
        )
        assert response.status_code == 201, response.text
    names = {str(name) for name in await Contact.all().values_list("name", flat=True)}
    assert names == {"Zoë Müller", "Ştefan", "François Ñúñez"}


async def test_dry_run_previews_and_saves_nothing(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(
        f"{URL}?dry_run=true",
        content=csv_bytes(contact_rows(3)),
        headers=csv_headers(member.headers),
    )
    assert response.status_code == 200
    preview = response.json()
    assert preview["dry_run"] is True
    assert preview["count"] == 3
    assert [r["row"] for r in preview["rows"]] == [2, 3, 4]
    assert preview["rows"][0]["mobile"] == mobile(0)
    assert await Contact.all().count() == 0


async def test_numbers_already_in_the_organisation_are_listed_by_row(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    existing = await make_contact(member.actor, n=3)
    other_org = await make_member(await make_org("library"))
    await make_contact(other_org.actor, n=1)  # another organisation's contact: no conflict
    response = await client.post(
        URL, content=csv_bytes(contact_rows(5)), headers=csv_headers(member.headers)
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(5, "mobile")]
    assert str(existing.id) in errors[0]["message"]
    assert await Contact.filter(organisation_id=member.organisation.id).count() == 1


async def test_a_file_that_is_not_csv_is_422_never_500(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    for data in (b"", b"\x00\x01\x02binary", b"PK\x03\x04xlsx"):
        response = await client.post(URL, content=data, headers=csv_headers(member.headers))
        assert response.status_code == 422, data
        assert response.json()["errors"][0]["row"] == 0


async def test_a_multipart_form_without_a_file_is_422(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(
        URL, files={"upload": ("c.csv", b"x", "text/csv")}, headers=member.headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


async def test_a_volunteer_imports_contacts_they_then_see(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    volunteer = await make_member(school, role="volunteer")
    response = await client.post(
        URL, content=csv_bytes(contact_rows(2)), headers=csv_headers(volunteer.headers)
    )
    assert response.status_code == 201
    listed = await client.get("/api/v1/contacts", headers=volunteer.headers)
    assert listed.json()["total"] == 2


async def test_template_download(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.get(f"{URL}/template", headers=member.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    imported = await client.post(URL, content=response.content, headers=csv_headers(member.headers))
    assert imported.status_code == 201, imported.text
    assert imported.json()["imported"] == 2
