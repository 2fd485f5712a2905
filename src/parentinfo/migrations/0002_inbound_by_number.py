"""An index on the sender's number of inbound SMS: a reply code sent alone completes the
answer that number gave just before, and that lookup must not scan the whole inbox."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="InboundMessage",
            index=Index(fields=["from_number", "received_at"]),
        ),
    ]
