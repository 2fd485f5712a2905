"""The door list as CSV and as data for the printed list."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from parentinfo.attendance.export import printable_list, render_csv, safe_cell
from parentinfo.attendance.results import AttendeeRow
from parentinfo.i18n import use_language
from parentinfo.privacy.models import AuditEntry
from tests.attendance.conftest import Door

pytestmark = pytest.mark.anyio


async def test_csv_export_holds_the_list_with_own_numbers(
    client: httpx.AsyncClient, door: Door
) -> None:
    await client.post(
        f"/api/v1/events/{door.event.id}/attendance/checkins",
        json={
            "invitation_id": door.anna_invitation.id,
            "party_size": 2,
            "at": "2026-03-10T17:05:00Z",
        },
        headers=door.school.headers,
    )
    response = await client.get(
        f"/api/v1/events/{door.event.id}/attendance.csv", headers=door.school.headers
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Naam", "Taal", "Antwoord"]  # the coordinator's language (nl)
    assert rows[1] == [
        "Anna Wiśniewska", "pl", "ja", "2", "ja", "2", "2026-03-10 18:05",
        "+31612345678", "anna@example.nl",
    ]  # fmt: skip
    assert len(rows) == 2  # Иван is the co-host's parent: not in the school's spreadsheet
    entry = await AuditEntry.get(action="attendance.export")
    assert entry.subject_id == door.event.id
    assert entry.details == {"rows": 1, "with_address": 1}


async def test_printable_list_has_title_rows_and_headcount(door: Door) -> None:
    printable = await printable_list(actor=door.volunteer.actor, event_id=door.event.id)
    assert printable.title == "Dutch schools explained"
    assert [r.name for r in printable.rows] == ["Anna Wiśniewska", "Иван Петров"]
    assert printable.headcount.total_people == 0
    assert printable.venue == "De Regenboog"


def test_csv_cells_cannot_run_formulas_and_headers_follow_the_language() -> None:
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("Anna") == "Anna"
    row = AttendeeRow(1, "@evil", "pl", "none", 1, False, False, 0, None, False, False)
    with use_language("nl"):
        text = render_csv([row], "Europe/Amsterdam")
    header, line = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[0] == "Naam"
    assert line[0] == "'@evil"
    assert line[2] == "geen antwoord"
