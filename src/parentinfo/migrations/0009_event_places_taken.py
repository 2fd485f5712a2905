"""The places taken at an event, kept on the event: a yes that takes places updates one row
instead of summing every party size while the event is locked.

Existing events are filled in from their answers: the party sizes of the yes answers that
are not on the waiting list."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

BACKFILL = """
UPDATE event SET places_taken = (
    SELECT COALESCE(SUM(i.party_size), 0) FROM invitation i
    WHERE i.event_id = event.id AND i.answer = 'yes' AND i.waitlisted = FALSE
)
"""


class Migration(migrations.Migration):
    dependencies = [("models", "0008_admin_accounts")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Event",
            name="places_taken",
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.RunSQL(BACKFILL, reverse_sql=ops.RunSQL.noop),
    ]
