"""Indexes for lookups that grow with a municipality-wide rollout.

PostgreSQL does not index foreign keys by itself, so an organisation's events, the events
it co-hosts, its outbox and an event's messages scanned every organisation's rows. And a
reply code sent alone completes the answer that number gave just before: that lookup must
not scan the whole inbox."""

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
        ops.AddIndex(
            model_name="Event",
            index=Index(fields=["organisation_id"]),
        ),
        ops.AddIndex(
            model_name="Event",
            index=Index(fields=["guest_organisation_id"]),
        ),
        ops.AddIndex(
            model_name="EventHost",
            index=Index(fields=["organisation_id"]),
        ),
        ops.AddIndex(
            model_name="OutboundMessage",
            index=Index(fields=["organisation_id"]),
        ),
        ops.AddIndex(
            model_name="OutboundMessage",
            index=Index(fields=["event_id"]),
        ),
        ops.AddIndex(
            model_name="OutboundMessage",
            index=Index(fields=["invitation_id"]),
        ),
    ]
