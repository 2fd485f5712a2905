"""Administration in the browser: a must-change-password flag on users (existing users keep
the password they have), emailed invitations to join an organisation, an organisation's
sender name and retention periods (empty: the deployment's), and who agreed to share
figures with a municipality."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from parentinfo.lib.enums import Role


class Migration(migrations.Migration):
    dependencies = [("models", "0007_text_notes_per_language")]

    initial = False

    operations = [
        ops.AddField(
            model_name="User",
            name="must_change_password",
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name="Organisation",
            name="sender_name",
            field=fields.CharField(default="", db_default="", max_length=60),
        ),
        ops.AddField(
            model_name="Organisation",
            name="retention_message_days",
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name="Organisation",
            name="retention_contact_months",
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name="MunicipalityLink",
            name="agreed_by",
            field=fields.ForeignKeyField(
                "models.User",
                source_field="agreed_by_id",
                db_constraint=True,
                to_field="id",
                related_name="agreements_made",
                on_delete=OnDelete.SET_NULL,
                null=True,
            ),
        ),
        ops.CreateModel(
            name="AccountInvitation",
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
                        related_name="account_invitations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("email", fields.CharField(max_length=254)),
                ("role", fields.CharEnumField(Role, max_length=16)),
                (
                    "invited_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="invited_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="invitations_sent",
                        on_delete=OnDelete.SET_NULL,
                        null=True,
                    ),
                ),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("used_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "account_invitation",
                "app": "models",
                "pk_attr": "id",
                "table_description": "An emailed link to join an organisation with a role.",
            },
            bases=["Model"],
        ),
    ]
