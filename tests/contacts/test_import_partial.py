"""Importing the rows that are fine and handing the others back, only when asked to."""

from __future__ import annotations

import csv
import io

import pytest
from litestar import Litestar

from parentinfo.contacts import service
from parentinfo.contacts.csv_import import RowError
from parentinfo.contacts.models import Contact
from parentinfo.contacts.rejected import rejected_rows_csv
from parentinfo.i18n import use_language
from tests.factories import make_member, make_org
from tests.factories.contacts import csv_bytes, make_contact, mobile

pytestmark = pytest.mark.anyio

ROWS = [
    ["Anna Kowalska", mobile(1), "", "pl", ""],
    ["Ion Popescu", mobile(2), "", "Roemeens", "0-3"],
    ["Nobody", "12", "", "xx", ""],  # row 4: two faults
    ["Taken Number", mobile(7), "", "bg", ""],  # row 5: the number is someone else's
]


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


async def test_all_or_nothing_stays_the_default(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=7)
    result = await service.import_contacts(actor=member.actor, data=csv_bytes(ROWS), dry_run=False)
    assert not result.ok
    assert (result.imported, result.importable, result.splittable) == (0, 2, True)
    assert await Contact.all().count() == 1


async def test_keep_going_imports_the_fine_rows_and_returns_the_others(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=7)
    with use_language("en"):
        result = await service.import_contacts(
            actor=member.actor, data=csv_bytes(ROWS), dry_run=False, keep_going=True
        )
    assert result.imported == 2
    assert result.summary == "2 contacts imported; the rows that need fixing are in the file."
    names = await Contact.filter(name__in=["Anna Kowalska", "Ion Popescu"]).values_list(
        "name", "language"
    )
    assert sorted(names) == [("Anna Kowalska", "pl"), ("Ion Popescu", "ro")]
    header, *rows = read(result.rejected_csv)
    assert header == ["name", "mobile", "email", "language", "age_groups", "What is wrong"]
    assert [row[:5] for row in rows] == [ROWS[2], ROWS[3]]
    assert rows[0][5].startswith("row 4: ")
    assert "language" in rows[0][5]
    assert rows[1][5].startswith("row 5: mobile: contact ")


async def test_a_dry_run_with_keep_going_saves_nothing(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    result = await service.import_contacts(
        actor=member.actor, data=csv_bytes(ROWS), dry_run=True, keep_going=True
    )
    assert result.imported == 0
    assert not result.rejected_csv
    assert await Contact.all().count() == 0


async def test_a_wrong_header_still_refuses_the_whole_file(app: Litestar) -> None:
    del app
    member = await make_member(await make_org("school"))
    data = csv_bytes([["Anna", "pl"]], header=("name", "language"))  # no mobile or email column
    result = await service.import_contacts(
        actor=member.actor, data=data, dry_run=False, keep_going=True
    )
    assert (result.imported, result.splittable, result.rejected_csv) == (0, False, "")
    assert await Contact.all().count() == 0


def test_the_file_guards_only_its_own_column_against_formulas() -> None:
    errors = [RowError(3, "name", "=HYPERLINK is not a name"), RowError(2, "mobile", "bad")]
    records = {2: ["=1+1", "+31612345678"], 3: ["Ana"]}
    with use_language("en"):
        rows = read(rejected_rows_csv(["name", "mobile"], records, errors))
    assert rows == [
        ["name", "mobile", "What is wrong"],
        ["=1+1", "+31612345678", "row 2: mobile: bad"],  # the person's own cells, as they were
        ["Ana", "", "row 3: name: =HYPERLINK is not a name"],
    ]
