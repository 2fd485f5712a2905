"""A walk-in who gives only a name: the name stays on their invitation, with no contact.

Such a person gets no messages and is no contact (nothing to reach them by); the door
list shows them by name. Retention blanks the name with the event's messages.
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0009_event_places_taken")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Invitation",
            name="walk_in_name",
            field=fields.CharField(max_length=200, default="", db_default=""),
        ),
    ]
