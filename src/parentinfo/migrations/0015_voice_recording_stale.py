"""A recorded invitation says what, when and where: when the event moves, it is marked
``stale`` and no call plays it until a volunteer records it again.

One new column with a database default: existing recordings are still true."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0014_voice_calls_and_steps")]

    initial = False

    operations = [
        ops.AddField(
            model_name="VoiceRecording",
            name="stale",
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
