"""Reading a contacts spreadsheet (CSV) into drafts and a per-row error report, with no I/O.

Row numbers are the ones a person sees in the spreadsheet: the header is row 1, the first
contact row 2. Row 0 stands for the file as a whole (too big, not text, not CSV).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field, replace

from parentinfo.contacts.csv_columns import (
    FIELDS,
    channels_from_cell,
    field_for_header,
    flag_from_cell,
    language_from_cell,
    method_from_cell,
    missing_column_message,
    split_list,
)
from parentinfo.contacts.validation import ContactDraft, build_draft
from parentinfo.errors import FieldError, Invalid
from parentinfo.i18n import gettext as _
from parentinfo.lib.textrules import allows_line_breaks, describe, refused_character

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
_DELIMITERS = (",", ";", "\t")
# .xlsx and .ods are zip files, old .xls an OLE2 file: saved as the workbook, not as CSV.
_SPREADSHEET_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class RowError:
    """What is wrong in one row of the file (row 0: the file itself)."""

    row: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportPlan:
    """The contacts a file holds, and everything wrong with it; only an error-free plan is saved."""

    rows: list[ContactDraft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The file as read, so the rows that were refused can be handed back as they were.
    header: list[str] = field(default_factory=list)
    records: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file can be imported as it is."""
        return not self.errors

    @property
    def rows_can_be_split(self) -> bool:
        """True when only rows are wrong, not the file or its header: the rest can go in."""
        return all(error.row > 1 for error in self.errors)


class _FileRefused(Exception):
    """The file as a whole cannot be read; the message says why."""


def parse_contacts_csv(data: bytes) -> ImportPlan:
    """Read a contacts CSV (UTF-8 or Windows-1252, ``,`` or ``;``); never raises on bad input."""
    try:
        records = _records(data)
        columns, errors = _columns(records[0])
        if errors:
            return ImportPlan(errors=errors)
        filled = _filled_rows(records)
        plan = _plan(filled, columns)
        return replace(plan, header=records[0], records=dict(filled))
    except _FileRefused as refusal:
        return ImportPlan(errors=[RowError(0, "file", str(refusal))])


def _records(data: bytes) -> list[list[str]]:
    """The file's rows as lists of cells, the header first."""
    if len(data) > MAX_BYTES:
        raise _FileRefused(_("the file is larger than 2 MB; split it into smaller files"))
    text = _decode(data)
    if text is None:
        raise _FileRefused(_("this is not a CSV text file; in Excel, choose Save as, then CSV"))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as problem:
        raise _FileRefused(
            _("the file cannot be read as CSV ({problem})").format(problem=problem)
        ) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise _FileRefused(_("the file is empty; the first row must name the columns"))
    return records


def _filled_rows(records: list[list[str]]) -> list[tuple[int, list[str]]]:
    """Rows below the header that hold anything, numbered as in the spreadsheet."""
    filled = [(number, r) for number, r in enumerate(records[1:], start=2) if _filled(r)]
    if len(filled) > MAX_ROWS:
        raise _FileRefused(
            _("the file has too many contacts ({count}); at most {limit} at a time").format(
                count=len(filled), limit=MAX_ROWS
            )
        )
    if not filled:
        raise _FileRefused(_("the file has no contacts below the header row"))
    return filled


def _plan(filled: list[tuple[int, list[str]]], columns: dict[str, int]) -> ImportPlan:
    plan = ImportPlan()
    first_row_of: dict[str, int] = {}
    for number, record in filled:
        try:
            draft = _draft(number, record, columns)
        except Invalid as refusal:
            plan.errors.extend(
                RowError(number, e.field.replace(".", "_"), e.message) for e in refusal.errors
            )
            continue
        if draft.mobile is not None and draft.mobile in first_row_of:
            message = _("the same mobile number is already in row {row}").format(
                row=first_row_of[draft.mobile]
            )
            plan.errors.append(RowError(number, "mobile", message))
            continue
        if draft.mobile is not None:
            first_row_of[draft.mobile] = number
        plan.rows.append(draft)
    return plan


def _draft(number: int, record: list[str], columns: dict[str, int]) -> ContactDraft:
    """One row as a checked draft; raises :class:`Invalid` listing the row's faults."""
    cells = {name: record[i].strip() if i < len(record) else "" for name, i in columns.items()}
    if any(cell.strip() for cell in record[max(columns.values()) + 1 :]):
        message = _("this row has more cells than the header row has columns")
        raise Invalid(message, errors=[FieldError("row", message)])
    _refuse_control_characters(cells)
    default_channels = [c for c, key in (("sms", "mobile"), ("email", "email")) if cells.get(key)]
    channels = channels_from_cell(cells.get("consent_channels", "")) or default_channels
    return build_draft(
        name=cells.get("name"),
        mobile=cells.get("mobile"),
        email=cells.get("email"),
        language=language_from_cell(cells.get("language", "")),
        age_groups=split_list(cells.get("age_groups", "")),
        consent_channels=_with_opt_ins(channels, cells),
        consent_method=method_from_cell(cells.get("consent_method", "")),
        consent_note=cells.get("consent_note", ""),
        notes=cells.get("notes", ""),
        row=number,
    )


def _with_opt_ins(channels: list[str], cells: dict[str, str]) -> list[str]:
    """Add WhatsApp and calls from their own yes/no columns; a "no" that the channels
    column contradicts is refused rather than guessed."""
    faults: list[FieldError] = []
    chosen = list(channels)
    for column, channel in (("whatsapp", "whatsapp"), ("call_me", "voice")):
        try:
            wanted = flag_from_cell(cells.get(column, ""), field_name=column)
        except Invalid as refusal:
            faults.extend(refusal.errors)
            continue
        if wanted and channel not in chosen:
            chosen.append(channel)
        elif wanted is False and channel in chosen:
            message = _("says no, but the consent channels column names {channel}").format(
                channel=channel
            )
            faults.append(FieldError(column, message))
    if faults:
        raise Invalid("; ".join(f.message for f in faults), errors=faults)
    return chosen


def _refuse_control_characters(cells: dict[str, str]) -> None:
    """The request boundary's character rule, for cells (a quoted cell may hold a line break)."""
    faults = []
    for name, cell in cells.items():
        bad = refused_character(cell, multi_line=allows_line_breaks(name))
        if bad is not None:
            message = _("may not contain the control character {character}").format(
                character=describe(bad)
            )
            faults.append(FieldError(name, message))
    if faults:
        raise Invalid(faults[0].message, errors=faults)


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    """Map each known field to its column; report duplicates and missing required columns."""
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(header):
        name = field_for_header(cell)
        if name is None:
            continue  # a column we do not use (an address, a class) is left alone
        if name in columns:
            message = _("two columns mean the same thing: {first} and {second}").format(
                first=header[columns[name]].strip(), second=cell.strip()
            )
            errors.append(RowError(1, name, message))
            continue
        columns[name] = index
    for required in ("name", "language"):
        if required not in columns:
            errors.append(RowError(1, required, missing_column_message(required)))
    if "mobile" not in columns and "email" not in columns:
        errors.append(RowError(1, "mobile", missing_column_message("mobile")))
    return columns, errors


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252; None for binary."""
    if data.startswith(_SPREADSHEET_SIGNATURES):
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def _delimiter(text: str) -> str:
    """The separator the header row uses most: Dutch Excel writes ``;``, others ``,``."""
    first_line = text[:4096].splitlines()[0] if text else ""
    return max(_DELIMITERS, key=first_line.count)


def _filled(record: list[str]) -> bool:
    return any(cell.strip() for cell in record)


_EXAMPLES: tuple[tuple[str, ...], ...] = (
    (
        "Anna Kowalska",
        "+31612345678",
        "anna@example.com",
        "pl",
        "0-3|4-11",
        "sms|email",
        "paper_form",
        "Form signed at the school gate",
        "",
        "yes",
        "no",
    ),
    ("Ion Popescu", "06 87654321", "", "ro", "12-17", "sms", "verbal", "", "Prefers SMS", "", ""),
)


def csv_template() -> str:
    """A CSV with the header row and two example contacts, to fill in and import."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(_EXAMPLES)
    return buffer.getvalue()
