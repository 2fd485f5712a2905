"""Accessibility notes and directions per language, on each event text: one Dutch note no
longer goes to every parent. Existing texts have none; the event-wide note stays the last
fallback."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0006_contact_on_hold")]

    initial = False

    operations = [
        ops.AddField(
            model_name="EventText",
            name="accessibility_notes",
            field=fields.TextField(default="", db_default=""),
        ),
        ops.AddField(
            model_name="EventText",
            name="directions",
            field=fields.TextField(default="", db_default=""),
        ),
    ]
