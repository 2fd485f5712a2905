"""Searching contacts across alphabets and accents, through the API and its folded column."""

from __future__ import annotations

import importlib

import httpx
import pytest
from litestar import Litestar
from tortoise import connections

from parentinfo.contacts import service
from parentinfo.contacts.models import Contact
from tests.factories import make_member, make_org
from tests.factories.contacts import csv_bytes, make_contact

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts"
MIGRATION = importlib.import_module("parentinfo.migrations.0011_contact_search_fold")

NAMES = (
    "Елена Петрова",  # Bulgarian / Russian Cyrillic
    "Olena Шевченко",  # mixed scripts in one name
    "Anna Kozłowska",  # Polish ł, which Unicode does not decompose
    "Sorin Ştefănescu",  # Romanian s with cedilla (U+015F), as old keyboards type it
    "Ioana Țurcanu",  # Romanian t with comma below (U+021B)
    "Ελένη Παπαδοπούλου",  # Greek
    "Христо Щерев",  # Bulgarian Х and Щ: officially Hristo Shterev
    "محمد أحمد",  # Arabic: consonants only (mhmd 'hmd)
)


async def found(client: httpx.AsyncClient, headers: dict[str, str], q: str) -> list[str]:
    response = await client.get(URL, params={"q": q}, headers=headers)
    assert response.status_code == 200, response.text
    return [c["name"] for c in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("elena", ["Елена Петрова"]),
        ("ELENA petrova", ["Елена Петрова"]),
        ("Елена", ["Елена Петрова"]),
        ("kozlowska", ["Anna Kozłowska"]),
        ("Kozłowska", ["Anna Kozłowska"]),
        ("sorin", ["Sorin Ştefănescu"]),
        ("stefanescu", ["Sorin Ştefănescu"]),
        ("Ștefănescu", ["Sorin Ştefănescu"]),  # typed with the comma form: finds the cedilla
        ("turcanu", ["Ioana Țurcanu"]),
        ("Ţurcanu", ["Ioana Țurcanu"]),  # typed with the cedilla form: finds the comma
        ("eleni", ["Ελένη Παπαδοπούλου"]),
        ("papadopoulou", ["Ελένη Παπαδοπούλου"]),
        ("ελενη", ["Ελένη Παπαδοπούλου"]),
        ("hristo shterev", ["Христо Щерев"]),
        ("khristo", ["Христо Щерев"]),
        ("shevchenko olena", ["Olena Шевченко"]),
        ("mhmd", ["محمد أحمد"]),
        ("محمد", ["محمد أحمد"]),
        ("elena kozlowska", []),  # every word must match the same contact
    ],
)
async def test_finds_names_across_scripts(
    client: httpx.AsyncClient, query: str, expected: list[str]
) -> None:
    member = await make_member(await make_org("school"))
    for n, name in enumerate(NAMES):
        await make_contact(member.actor, n=n, name=name)
    assert await found(client, member.headers, query) == expected


async def test_renaming_keeps_the_search_current(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, name="Іван Франко")
    assert await found(client, member.headers, "ivan") == ["Іван Франко"]
    renamed = await client.patch(
        f"{URL}/{contact.id}", json={"name": "Łucja Wiśniewska"}, headers=member.headers
    )
    assert renamed.status_code == 200, renamed.text
    assert await found(client, member.headers, "ivan") == []
    assert await found(client, member.headers, "lucja wisniewska") == ["Łucja Wiśniewska"]


async def test_imported_contacts_are_searchable(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    data = csv_bytes([["Йордан Иванов", "+31612340001", "", "bg", ""]])
    result = await service.import_contacts(actor=member.actor, data=data, dry_run=False)
    assert result.imported == 1
    contact = await Contact.get(organisation_id=member.actor.org_id)
    assert contact.search_fold.startswith("yordan ivanov")


async def test_the_migration_folds_existing_names(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    greek = await make_contact(member.actor, n=1, name="Γιώργος Παπαδάκης")
    polish = await make_contact(member.actor, n=2, name="Małgorzata Żak")
    await Contact.all().update(search_fold="")  # as the column is added: empty everywhere

    class Editor:
        client = connections.get("default")

    await MIGRATION.fold_existing_names(None, Editor())

    assert (await Contact.get(id=greek.id)).search_fold == "giorgos papadakis"
    assert (await Contact.get(id=polish.id)).search_fold == "malgorzata zak"


async def test_other_organisations_names_stay_hidden(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    other = await make_member(await make_org("other"))
    await make_contact(other.actor, name="Елена Другая")
    assert await found(client, school.headers, "elena") == []
