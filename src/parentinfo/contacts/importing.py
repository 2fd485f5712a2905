"""Importing a contacts file: all rows or none, with every fault listed by spreadsheet row.

All or nothing is the default. As an explicit choice (``keep_going``), the rows that are
fine go in and the others come back as a file to fix (:mod:`parentinfo.contacts.rejected`),
as long as only rows are wrong, not the file or its header.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.csv_import import ImportPlan, RowError, parse_contacts_csv
from parentinfo.contacts.rejected import rejected_rows_csv
from parentinfo.contacts.store import insert_contact, mobile_owners
from parentinfo.contacts.validation import ContactDraft
from parentinfo.errors import Conflict
from parentinfo.i18n import gettext as _
from parentinfo.i18n import ngettext
from parentinfo.privacy import audit


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, with ``dry_run``, would do), or why it refused the file."""

    dry_run: bool
    imported: int = 0
    rows: list[ContactDraft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The rows that are fine when others are not, and whether they may go in on their own.
    importable: int = 0
    splittable: bool = False
    rejected_csv: str = ""  # with keep_going: the refused rows, to fix and import again

    @property
    def ok(self) -> bool:
        """True when the file was (or could be) imported as a whole."""
        return not self.errors

    @property
    def rejected_rows(self) -> int:
        """How many rows of the file have something wrong."""
        return len({e.row for e in self.errors})

    @property
    def summary(self) -> str:
        """One sentence for a person: how many rows are wrong, or how many contacts."""
        if self.errors and self.imported:
            return ngettext(
                "{count} contact imported; the rows that need fixing are in the file.",
                "{count} contacts imported; the rows that need fixing are in the file.",
                self.imported,
            ).format(count=self.imported)
        if self.errors:
            rows = len({e.row for e in self.errors})
            return ngettext(
                "Nothing was imported: {count} row needs fixing.",
                "Nothing was imported: {count} rows need fixing.",
                rows,
            ).format(count=rows)
        count = len(self.rows)
        if self.dry_run:
            return ngettext(
                "{count} contact can be imported.", "{count} contacts can be imported.", count
            ).format(count=count)
        return ngettext("{count} contact imported.", "{count} contacts imported.", count).format(
            count=count
        )


async def import_contacts(
    *, actor: Actor, data: bytes, dry_run: bool, keep_going: bool = False
) -> ImportResult:
    """Import a CSV into the actor's organisation: every row in one transaction, or none.

    With ``keep_going`` the rows that are fine are imported (still in one transaction) and
    the others come back in ``rejected_csv``; a file or header that is wrong still stops all.
    """
    plan = parse_contacts_csv(data)
    errors = sorted(plan.errors + await _taken_in_organisation(actor.org_id, plan), key=_row_of)
    wrong = {e.row for e in errors}
    fine = [draft for draft in plan.rows if draft.row not in wrong]
    if errors and not (keep_going and plan.rows_can_be_split and fine and not dry_run):
        return ImportResult(
            dry_run=dry_run,
            rows=plan.rows,
            errors=errors,
            importable=len(fine),
            splittable=plan.rows_can_be_split and bool(fine),
        )
    if dry_run:
        return ImportResult(dry_run=True, rows=plan.rows, importable=len(fine))
    await _insert_all(actor, fine)
    rejected = rejected_rows_csv(plan.header, plan.records, errors) if errors else ""
    return ImportResult(
        dry_run=False,
        imported=len(fine),
        rows=fine,
        errors=errors,
        importable=len(fine),
        rejected_csv=rejected,
    )


async def _insert_all(actor: Actor, drafts: list[ContactDraft]) -> None:
    """Every draft in one transaction, with one audit entry, or none when a number clashed."""
    try:
        async with in_transaction():
            for draft in drafts:
                await insert_contact(
                    draft, organisation_id=actor.org_id, created_by_id=actor.user_id
                )
            await audit.record(
                actor=actor,
                action="contacts.imported",
                subject_type="contact",
                details={"rows": len(drafts)},
            )
    except IntegrityError:
        # A number was added by someone else while we imported: nothing was saved.
        raise Conflict(
            _("a contact with one of these numbers was added meanwhile; nothing was imported")
        ) from None


async def _taken_in_organisation(organisation_id: int, plan: ImportPlan) -> list[RowError]:
    """Rows whose mobile number already belongs to a contact of the organisation (409-like)."""
    owners = await mobile_owners(organisation_id, [d.mobile for d in plan.rows if d.mobile])
    return [
        RowError(
            draft.row,
            "mobile",
            _("contact {id} in this organisation already has this mobile number").format(
                id=owners[draft.mobile]
            ),
        )
        for draft in plan.rows
        if draft.mobile in owners
    ]


def _row_of(error: RowError) -> int:
    return error.row
