"""Two more channels, WhatsApp and a spoken call: what a contact agreed to, the order an
organisation tries channels in, when a parent last wrote to us on a channel (WhatsApp's
24-hour window), and the ContentSids of the approved WhatsApp templates.

Every new column has a database default, so existing rows need no backfill: nobody has
agreed to WhatsApp or asked for a call yet, and an empty order is the default order."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from parentinfo.lib.enums import Channel, MessageKind


class Migration(migrations.Migration):
    dependencies = [("models", "0011_contact_search_fold")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Contact",
            name="whatsapp",
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name="Contact",
            name="whatsapp_invalid",
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name="Contact",
            name="call_me",
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name="Organisation",
            name="channel_order",
            field=fields.CharField(max_length=40, default="", db_default=""),
        ),
        ops.CreateModel(
            name="ChannelWindow",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "contact",
                    fields.ForeignKeyField(
                        "models.Contact",
                        source_field="contact_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="channel_windows",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("channel", fields.CharEnumField(enum_type=Channel, max_length=8)),
                ("last_inbound_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "channel_window",
                "app": "models",
                "unique_together": (("contact", "channel"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="WhatsAppTemplate",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("kind", fields.CharEnumField(enum_type=MessageKind, max_length=16)),
                ("language", fields.CharField(max_length=8)),
                ("content_sid", fields.CharField(default="", max_length=34)),
                (
                    "updated_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="updated_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="whatsapp_templates",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "whatsapp_template",
                "app": "models",
                "unique_together": (("kind", "language"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
    ]
