"""A guest organisation answers before an event appears on its public calendar, like a
co-host. Existing events with a guest stay unanswered (NULL): the guest never agreed, so
they leave its feed until it accepts."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from parentinfo.lib.enums import HostStatus


class Migration(migrations.Migration):
    dependencies = [("models", "0004_change_notice_changes")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Event",
            name="guest_status",
            field=fields.CharEnumField(
                description="INVITED: invited\nACCEPTED: accepted\nDECLINED: declined",
                enum_type=HostStatus,
                max_length=16,
                null=True,
            ),
        ),
        ops.AddField(
            model_name="Event",
            name="guest_responded_at",
            field=fields.DatetimeField(null=True),
        ),
    ]
