"""Importing a contacts file: all rows or none, with every fault listed by spreadsheet row."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.csv_import import ImportPlan, RowError, parse_contacts_csv
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

    @property
    def ok(self) -> bool:
        """True when the file was (or could be) imported as a whole."""
        return not self.errors

    @property
    def summary(self) -> str:
        """One sentence for a person: how many rows are wrong, or how many contacts."""
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


async def import_contacts(*, actor: Actor, data: bytes, dry_run: bool) -> ImportResult:
    """Import a CSV into the actor's organisation: every row in one transaction, or none."""
    plan = parse_contacts_csv(data)
    errors = list(plan.errors) + await _taken_in_organisation(actor.org_id, plan)
    if errors:
        return ImportResult(dry_run=dry_run, rows=plan.rows, errors=sorted(errors, key=_row_of))
    if dry_run:
        return ImportResult(dry_run=True, rows=plan.rows)
    try:
        async with in_transaction():
            for draft in plan.rows:
                await insert_contact(
                    draft, organisation_id=actor.org_id, created_by_id=actor.user_id
                )
            await audit.record(
                actor=actor,
                action="contacts.imported",
                subject_type="contact",
                details={"rows": len(plan.rows)},
            )
    except IntegrityError:
        # A number was added by someone else while we imported: nothing was saved.
        raise Conflict(
            _("a contact with one of these numbers was added meanwhile; nothing was imported")
        ) from None
    return ImportResult(dry_run=False, imported=len(plan.rows), rows=plan.rows)


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
