"""Contacts are found by their name folded to Latin letters ("elena" finds Елена, "sorin"
finds Sorin Ştefănescu): a column that ``Contact.save`` keeps current, with an index per
organisation.

Existing contacts are folded here with the same function the model uses, in batches, so a
database that already holds thousands of parents is searchable the moment it is migrated."""

from typing import Any

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from parentinfo.lib.folding import SEARCH_KEY_MAX, search_key
from parentinfo.lib.sql import prepare

BATCH = 500
_UPDATE = "UPDATE contact SET search_fold = :fold WHERE id = :id"


async def fold_existing_names(apps: Any, schema_editor: Any) -> None:
    """Fill the new column from each contact's name."""
    del apps  # plain SQL: the historical models are not needed for one column
    client = schema_editor.client
    dialect = client.capabilities.dialect
    last_id = 0
    while True:
        select, values = prepare(
            "SELECT id, name FROM contact WHERE id > :after ORDER BY id LIMIT :batch",
            {"after": last_id, "batch": BATCH},
            dialect,
        )
        _count, rows = await client.execute_query(select, values)
        if not rows:
            return
        update = prepare(_UPDATE, {"fold": "", "id": 0}, dialect)[0]
        await client.execute_many(
            update, [[search_key(str(row["name"])), int(row["id"])] for row in rows]
        )
        last_id = int(rows[-1]["id"])


class Migration(migrations.Migration):
    dependencies = [("models", "0010_walk_in_name")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Contact",
            name="search_fold",
            field=fields.CharField(max_length=SEARCH_KEY_MAX, default="", db_default=""),
        ),
        ops.AddIndex(
            model_name="Contact",
            index=Index(fields=["organisation_id", "search_fold"]),
        ),
        ops.RunPython(fold_existing_names, reverse_code=ops.RunPython.noop),
    ]
