"""What a change notice says moved, kept on its row: a newer notice that replaces an unsent
one says everything the parent has not heard yet. Existing rows say nothing moved."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0003_checkin_first_visit")]

    initial = False

    operations = [
        ops.AddField(
            model_name="OutboundMessage",
            name="changes",
            field=fields.CharField(default="", max_length=16),
        ),
    ]
