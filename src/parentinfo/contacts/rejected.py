"""The rows an import left out, handed back as a CSV to fix and import again. A pure core.

The file keeps the person's own header and cells exactly as they were (a ``+31…`` number
stays a number they can import again) and adds one column saying what is wrong with each
row, in the page's language. Only that added column is ours, so only it is guarded
against spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from parentinfo.contacts.csv_import import RowError
from parentinfo.i18n import gettext as _
from parentinfo.lib.csvcells import safe_cell

BOM = "\ufeff"  # Excel opens a UTF-8 file with Cyrillic or Greek names correctly only with it


def rejected_rows_csv(
    header: Sequence[str], records: Mapping[int, Sequence[str]], errors: Iterable[RowError]
) -> str:
    """The refused rows with the file's header and a last column listing each row's faults."""
    faults: dict[int, list[str]] = defaultdict(list)
    for error in errors:
        faults[error.row].append(f"{error.field}: {error.message}")
    width = max([len(header), *(len(records.get(row, ())) for row in faults)])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*_padded(header, width), _("What is wrong")])
    for row in sorted(faults):
        cells = _padded(records.get(row, ()), width)
        problem = _("row {row}: {faults}").format(row=row, faults="; ".join(faults[row]))
        writer.writerow([*cells, safe_cell(problem)])
    return BOM + buffer.getvalue()


def _padded(cells: Sequence[str], width: int) -> list[str]:
    return [*cells, *([""] * (width - len(cells)))]
