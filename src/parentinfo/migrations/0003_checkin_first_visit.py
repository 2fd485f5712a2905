"""Whether a check-in was the parent's first visit, kept on the check-in when erasure cuts
the link to the parent, so the reach report's first-time count does not change.

Existing rows stay NULL: while a check-in's invitation points at a contact the contact's
history tells, and for parents erased before this column existed nothing is left to tell."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0002_lookup_indexes")]

    initial = False

    operations = [
        ops.AddField(
            model_name="CheckIn",
            name="first_visit",
            field=fields.BooleanField(null=True),
        ),
    ]
