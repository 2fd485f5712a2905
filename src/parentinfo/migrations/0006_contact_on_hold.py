"""A contact on hold: their reply could be an opt-out and an answer, so nothing more is sent to
them until staff decide. Existing contacts are not on hold."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0005_guest_acceptance")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Contact",
            name="on_hold",
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
