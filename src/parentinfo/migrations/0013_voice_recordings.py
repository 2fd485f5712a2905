"""Volunteers' recordings of the phone call's prompts, for a language Twilio has no voice
for (or a human voice in one it has): per organisation, language and prompt, the
invitation per event. The sound is in the row (a WAV of at most 4 MiB), so every server
machine can serve it and the database backup holds it."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0012_whatsapp_and_voice_channels")]

    initial = False

    operations = [
        ops.CreateModel(
            name="VoiceRecording",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_recordings",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "event",
                    fields.ForeignKeyField(
                        "models.Event",
                        source_field="event_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_recordings",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("language", fields.CharField(max_length=8)),
                ("prompt", fields.CharField(max_length=16)),
                ("token", fields.CharField(unique=True, max_length=64)),
                ("audio", fields.BinaryField()),
                ("duration_ms", fields.IntField()),
                (
                    "recorded_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="recorded_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_recordings",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "voice_recording",
                "app": "models",
                "indexes": [Index(fields=["organisation_id", "language"])],
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
    ]
