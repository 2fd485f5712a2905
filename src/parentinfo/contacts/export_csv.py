"""The contacts list as a CSV, with the import's own column names: a pure core.

The columns are the ones the import reads, so an exported file can be edited and imported
into another organisation. Free text (name, email, notes) is guarded against spreadsheet
formulas; a mobile number is checked E.164 and stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from parentinfo.contacts.models import Contact
from parentinfo.lib.csvcells import safe_cell

BOM = "\ufeff"  # Excel shows Cyrillic and Greek names only with it
COLUMNS = (
    "name",
    "mobile",
    "email",
    "language",
    "age_groups",
    "notes",
    "sms_opt_out",
    "email_opt_out",
    "created_at",
    "whatsapp",  # the import reads these two back as the parent's opt-ins
    "call_me",
)


def contacts_csv(contacts: Iterable[Contact]) -> str:
    """One row per contact, the header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in contacts:
        writer.writerow(
            [
                safe_cell(c.name),
                c.mobile or "",
                safe_cell(c.email or ""),
                c.language,
                "|".join(c.age_groups or []),
                safe_cell(c.notes or ""),
                "yes" if c.sms_opt_out else "no",
                "yes" if c.email_opt_out else "no",
                c.created_at.date().isoformat(),
                "yes" if c.whatsapp else "no",
                "yes" if c.call_me else "no",
            ]
        )
    return BOM + buffer.getvalue()
