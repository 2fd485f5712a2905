"""The pure CSV reader: encodings, separators, headers, row numbers, limits; never a crash."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parentinfo.contacts.csv_import import (
    MAX_BYTES,
    MAX_ROWS,
    ImportPlan,
    csv_template,
    parse_contacts_csv,
)
from parentinfo.lib.enums import ConsentMethod
from tests.factories.contacts import HEADER, contact_rows, csv_bytes, mobile


def errors_of(plan: ImportPlan) -> list[tuple[int, str]]:
    return [(e.row, e.field) for e in plan.errors]


def test_good_file_gives_one_draft_per_row_with_spreadsheet_row_numbers() -> None:
    plan = parse_contacts_csv(csv_bytes(contact_rows(3)))
    assert plan.ok
    assert [d.row for d in plan.rows] == [2, 3, 4]
    assert plan.rows[0].mobile == mobile(0)
    assert plan.rows[1].email == "p1@example.com"


def test_one_bad_row_in_a_hundred_is_reported_by_its_row_number() -> None:
    rows = contact_rows(100)
    rows[5][1] = "+31201234567"  # the 6th contact: spreadsheet row 7
    plan = parse_contacts_csv(csv_bytes(rows))
    assert errors_of(plan) == [(7, "mobile")]
    assert "not a mobile number" in plan.errors[0].message
    assert len(plan.rows) == 99


def test_every_fault_of_a_row_is_listed() -> None:
    rows = [["", "06 1234", "nope", "xx", "7-9"]]
    plan = parse_contacts_csv(csv_bytes(rows))
    assert errors_of(plan) == [
        (2, "name"),
        (2, "mobile"),
        (2, "email"),
        (2, "language"),
        (2, "age_groups"),
    ]


def test_the_same_mobile_twice_in_a_file_refuses_the_second_row() -> None:
    rows = contact_rows(3)
    rows[2][1] = "06 1 0000000"  # the same number as row 2, written the Dutch way
    plan = parse_contacts_csv(csv_bytes(rows))
    assert errors_of(plan) == [(4, "mobile")]
    assert "row 2" in plan.errors[0].message


def test_dutch_excel_semicolons_bom_and_dutch_headers() -> None:
    text = "Naam;Mobiel;E-mail;Taal;Leeftijd\r\nJosé Ørsted;06 12345678;;NL;0-3 4-11\r\n"
    plan = parse_contacts_csv(codecs.BOM_UTF8 + text.encode())
    assert plan.ok, plan.errors
    draft = plan.rows[0]
    assert (draft.name, draft.mobile, draft.language) == ("José Ørsted", "+31612345678", "nl")
    assert draft.age_groups == ["0-3", "4-11"]
    assert draft.consent_channels == ["sms"]  # default: the channels with an address
    assert draft.consent_method == ConsentMethod.PAPER_FORM


def test_windows_1252_file_keeps_its_accents() -> None:
    text = "naam;telefoon;taal\r\nFrançois Müller – Ştefan;0612345678;ro\r\n"
    plan = parse_contacts_csv(text.encode("cp1252", errors="replace"))
    assert plan.ok, plan.errors
    assert plan.rows[0].name.startswith("François Müller")


def test_utf16_with_tabs_as_excel_unicode_text() -> None:
    text = "name\tmobile\tlanguage\r\nΕλένη\t+30 691 234 5678\tel\r\n"
    plan = parse_contacts_csv(text.encode("utf-16"))
    assert plan.ok, plan.errors
    assert plan.rows[0].mobile == "+306912345678"


def test_consent_columns_with_aliases() -> None:
    header = ("name", "mobile", "email", "language", "consent_channels", "consent_method")
    rows = [
        ["A", mobile(1), "a@example.com", "pl", "SMS | e-mail", "mondeling"],
        ["B", mobile(2), "b@example.com", "pl", "beide", "aan de deur"],
        ["C", mobile(3), "", "pl", "fax", "telepathy"],
    ]
    plan = parse_contacts_csv(csv_bytes(rows, header=header))
    assert [d.consent_channels for d in plan.rows] == [["sms", "email"], ["sms", "email"]]
    assert [d.consent_method for d in plan.rows] == [
        ConsentMethod.VERBAL,
        ConsentMethod.AT_THE_DOOR,
    ]
    assert errors_of(plan) == [(4, "consent_channels"), (4, "consent_method")]


def test_blank_lines_are_skipped_but_still_counted() -> None:
    data = b"name,mobile,language\r\n,,\r\nA,0612345678,pl\r\n\r\nB,0612,pl\r\n"
    plan = parse_contacts_csv(data)
    assert [d.row for d in plan.rows] == [3]
    assert errors_of(plan) == [(5, "mobile")]


def test_missing_and_doubled_columns_are_reported_on_the_header_row() -> None:
    plan = parse_contacts_csv(b"naam,adres\r\nA,Straat 1\r\n")
    assert errors_of(plan) == [(1, "language"), (1, "mobile")]
    doubled = parse_contacts_csv(b"name,naam,mobile,language\r\nA,B,0612345678,pl\r\n")
    assert errors_of(doubled) == [(1, "name")]


def test_unknown_columns_are_ignored_and_extra_cells_refused() -> None:
    plan = parse_contacts_csv(b"name,class,mobile,language\r\nA,3B,0612345678,pl\r\n")
    assert plan.ok
    extra = parse_contacts_csv(b"name,mobile,language\r\nA,0612345678,pl,surprise\r\n")
    assert errors_of(extra) == [(2, "row")]


def test_files_that_are_not_csv_are_refused_as_a_whole() -> None:
    for data in (b"", b"\r\n\r\n", b"PK\x03\x04\x14\x00\x00\x00", b"name,mobile,language\r\n"):
        plan = parse_contacts_csv(data)
        assert errors_of(plan) == [(0, "file")], data
        assert plan.rows == []


def test_more_than_5000_rows_is_refused() -> None:
    plan = parse_contacts_csv(csv_bytes(contact_rows(MAX_ROWS + 1)))
    assert errors_of(plan) == [(0, "file")]
    assert "5000" in plan.errors[0].message
    assert parse_contacts_csv(csv_bytes(contact_rows(MAX_ROWS))).ok


def test_more_than_2_mb_is_refused() -> None:
    padding = "x" * 150
    rows = [[f"Parent {padding} {i}", mobile(i), "", "pl", ""] for i in range(MAX_BYTES // 150)]
    data = csv_bytes(rows)
    assert len(data) > MAX_BYTES
    plan = parse_contacts_csv(data)
    assert errors_of(plan) == [(0, "file")]
    assert "2 MB" in plan.errors[0].message


def test_the_template_imports_cleanly() -> None:
    template = csv_template()
    assert template.splitlines()[0].startswith("name,mobile,email,language,age_groups")
    plan = parse_contacts_csv(template.encode())
    assert plan.ok, plan.errors
    assert len(plan.rows) == 2


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    plan = parse_contacts_csv(data)
    assert plan.ok == (not plan.errors)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.text(max_size=20), min_size=0, max_size=7),
        max_size=6,
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_cells_under_a_real_header_never_raise(
    cells: list[list[str]], delimiter: str
) -> None:
    data = csv_bytes(
        cells, header=(*HEADER, "consent_channels", "consent_method"), delimiter=delimiter
    )
    plan = parse_contacts_csv(data)
    assert all(e.row >= 0 for e in plan.errors)
    assert len(plan.rows) <= len(cells)


def test_the_summary_counts_rows_in_the_readers_language() -> None:
    from parentinfo.contacts.importing import ImportResult
    from parentinfo.i18n import use_language

    drafts = parse_contacts_csv(csv_bytes(contact_rows(5))).rows
    two_bad_rows = parse_contacts_csv(b"name,mobile,language\r\nA,1,pl\r\nB,2,xx\r\n").errors
    with use_language("en"):
        assert ImportResult(dry_run=False, imported=5, rows=drafts).summary == (
            "5 contacts imported."
        )
        refused = ImportResult(dry_run=False, errors=two_bad_rows)
        assert refused.summary == "Nothing was imported: 2 rows need fixing."
    with use_language("pl"):
        assert ImportResult(dry_run=False, rows=drafts).summary == "Zaimportowano 5 kontaktów."
        assert ImportResult(dry_run=True, rows=drafts[:2]).summary == (
            "Można zaimportować 2 kontakty."
        )


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Roemeens", "ro"),
        ("Romanian", "ro"),
        ("română", "ro"),
        ("ROMANA", "ro"),
        ("bulgaars", "bg"),
        ("български", "bg"),
        ("Ελληνικά", "el"),
        ("Polski", "pl"),
        ("Oekraïens", "uk"),
        ("Arabic", "ar"),
        ("türkçe", "tr"),
        ("pl-PL", "pl"),
    ],
)
def test_a_language_may_be_named_in_dutch_english_or_itself(cell: str, code: str) -> None:
    plan = parse_contacts_csv(csv_bytes([["Anna", "+31612340001", "", cell, ""]]))
    assert plan.ok, plan.errors
    assert plan.rows[0].language == code


def test_a_language_name_nobody_speaks_is_refused() -> None:
    plan = parse_contacts_csv(csv_bytes([["Anna", "+31612340001", "", "Klingon", ""]]))
    assert [(e.row, e.field) for e in plan.errors] == [(2, "language")]
