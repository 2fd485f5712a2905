import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from parentinfo.lib.enums import (
    Answer,
    Channel,
    ConsentMethod,
    EventStatus,
    HostRole,
    HostStatus,
    InboxStatus,
    MessageKind,
    MessageStatus,
    OrganisationKind,
    Role,
    Topic,
)


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("slug", fields.CharField(unique=True, max_length=64)),
                ("name", fields.CharField(max_length=200)),
                (
                    "kind",
                    fields.CharEnumField(
                        description="SCHOOL: school\nMIGRANT_ORGANISATION: migrant_organisation\nLIBRARY: library\nPLAYGROUP: playgroup\nSPORT_AND_CULTURE: sport_and_culture\nYOUTH_HEALTH_CARE: youth_health_care\nWELFARE: welfare\nMUNICIPALITY: municipality\nOTHER: other",
                        enum_type=OrganisationKind,
                        max_length=32,
                    ),
                ),
                (
                    "languages",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "plain_sms_languages",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("contact_email", fields.CharField(default="", max_length=254)),
                ("contact_phone", fields.CharField(default="", max_length=32)),
                ("website", fields.CharField(default="", max_length=300)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "organisation",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A school, migrant organisation, facility or municipality using the service.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="MunicipalityLink",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="municipality_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="area_links",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="municipality_links",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("status", fields.CharField(default="invited", max_length=16)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "responded_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "municipality_link",
                "app": "models",
                "unique_together": (("municipality", "organisation"),),
                "pk_attr": "id",
                "table_description": "An organisation agreeing to share aggregate figures with a municipality.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SendRate",
            fields=[
                (
                    "name",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32),
                ),
                ("next_at", fields.FloatField(default=0.0)),
            ],
            options={
                "table": "send_rate",
                "app": "models",
                "pk_attr": "name",
                "table_description": "The pace shared by every worker: when the next SMS may leave (one row per limiter).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Series",
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
                        related_name="series",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("rule", fields.CharField(default="monthly", max_length=32)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "series",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A recurring meeting, such as the monthly mothers' network.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("email", fields.CharField(unique=True, max_length=254)),
                ("name", fields.CharField(default="", max_length=200)),
                ("password_hash", fields.CharField(max_length=200)),
                ("language", fields.CharField(default="nl", max_length=8)),
                ("is_active", fields.BooleanField(default=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "last_login_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "user_account",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A person who logs in: school staff, a volunteer, a coordinator.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="api_tokens",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                ("name", fields.CharField(default="", max_length=100)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "last_used_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "api_token",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A bearer token for the JSON API, of which only the SHA-256 is stored.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="audit_entries",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="audit_entries",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("action", fields.CharField(max_length=48)),
                ("subject_type", fields.CharField(default="", max_length=32)),
                ("subject_id", fields.IntField(null=True)),
                (
                    "details",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
            ],
            options={
                "table": "audit_entry",
                "app": "models",
                "pk_attr": "id",
                "table_description": "One action on personal data, never holding the personal data itself.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Contact",
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
                        related_name="contacts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("mobile", fields.CharField(null=True, db_index=True, max_length=20)),
                ("email", fields.CharField(null=True, max_length=254)),
                ("language", fields.CharField(max_length=8)),
                (
                    "age_groups",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("sms_opt_out", fields.BooleanField(default=False)),
                ("email_opt_out", fields.BooleanField(default=False)),
                (
                    "opted_out_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("mobile_invalid", fields.BooleanField(default=False)),
                ("notes", fields.TextField(default="", unique=False)),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="created_contacts",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "contact",
                "app": "models",
                "unique_together": (("organisation", "mobile"),),
                "pk_attr": "id",
                "table_description": "A parent known to one organisation: personal data, visible to that organisation only.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Consent",
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
                        related_name="consents",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "channels",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("granted", fields.BooleanField(default=True)),
                (
                    "method",
                    fields.CharEnumField(
                        description="PAPER_FORM: paper_form\nVERBAL: verbal\nAT_THE_DOOR: at_the_door\nWEB: web\nSMS: sms\nIMPORT: import",
                        enum_type=ConsentMethod,
                        max_length=16,
                    ),
                ),
                (
                    "recorded_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="recorded_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="recorded_consents",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("recorded_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("note", fields.CharField(default="", max_length=300)),
            ],
            options={
                "table": "consent",
                "app": "models",
                "pk_attr": "id",
                "table_description": "One consent given or withdrawn, kept as history: by whom, when, how, which channels.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Event",
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
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "topic",
                    fields.CharEnumField(
                        description="SCHOOL_SYSTEM: school_system\nLIBRARY: library\nPLAYGROUP: playgroup\nSPORT_AND_CULTURE: sport_and_culture\nYOUTH_HEALTH_CARE: youth_health_care\nMOTHERS_NETWORK: mothers_network\nOTHER: other",
                        enum_type=Topic,
                        max_length=32,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=EventStatus.DRAFT,
                        description="DRAFT: draft\nPUBLISHED: published\nCANCELLED: cancelled\nDONE: done",
                        enum_type=EventStatus,
                        max_length=16,
                    ),
                ),
                ("starts_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("ends_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("timezone", fields.CharField(default="Europe/Amsterdam", max_length=64)),
                ("venue", fields.CharField(default="", max_length=200)),
                ("address", fields.CharField(default="", max_length=300)),
                ("accessibility_notes", fields.TextField(default="", unique=False)),
                ("capacity", fields.IntField(null=True)),
                ("childcare", fields.BooleanField(default=False)),
                (
                    "session_languages",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "interpreter_languages",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "guest_organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="guest_organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="guest_events",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "series",
                    fields.ForeignKeyField(
                        "models.Series",
                        source_field="series_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("reply_code", fields.CharField(unique=True, max_length=8)),
                ("uid", fields.CharField(unique=True, max_length=100)),
                ("sequence", fields.IntField(default=0)),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="created_events",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "published_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "cancelled_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "event",
                "app": "models",
                "pk_attr": "id",
                "table_description": "An information session. Times are stored in UTC and shown in ``timezone``.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="EventHost",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "event",
                    fields.ForeignKeyField(
                        "models.Event",
                        source_field="event_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="hosts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="hosted_events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "role",
                    fields.CharEnumField(
                        description="HOST: host\nCOHOST: cohost", enum_type=HostRole, max_length=16
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        description="INVITED: invited\nACCEPTED: accepted\nDECLINED: declined",
                        enum_type=HostStatus,
                        max_length=16,
                    ),
                ),
                (
                    "invited_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="invited_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="host_invitations",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "responded_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "event_host",
                "app": "models",
                "unique_together": (("event", "organisation"),),
                "pk_attr": "id",
                "table_description": "An organisation hosting an event: the one that drafted it, or an invited co-host.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="EventText",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "event",
                    fields.ForeignKeyField(
                        "models.Event",
                        source_field="event_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="texts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("language", fields.CharField(max_length=8)),
                ("title", fields.CharField(max_length=200)),
                ("description", fields.TextField(default="", unique=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "event_text",
                "app": "models",
                "unique_together": (("event", "language"),),
                "pk_attr": "id",
                "table_description": "A staff-written title and description in one language.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Invitation",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "event",
                    fields.ForeignKeyField(
                        "models.Event",
                        source_field="event_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="invitations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "contact",
                    fields.ForeignKeyField(
                        "models.Contact",
                        source_field="contact_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="invitations",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="invitations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("language", fields.CharField(max_length=8)),
                (
                    "answer",
                    fields.CharEnumField(
                        default=Answer.NONE,
                        description="NONE: none\nYES: yes\nNO: no\nMAYBE: maybe",
                        enum_type=Answer,
                        max_length=8,
                    ),
                ),
                ("party_size", fields.IntField(default=1)),
                ("waitlisted", fields.BooleanField(default=False)),
                (
                    "answered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("answer_source", fields.CharField(default="", max_length=16)),
                ("token", fields.CharField(unique=True, max_length=64)),
                ("to_call", fields.BooleanField(default=False)),
                ("called_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("walk_in", fields.BooleanField(default=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "invitation",
                "app": "models",
                "unique_together": (("event", "contact"),),
                "indexes": [Index(fields=["contact_id"])],
                "pk_attr": "id",
                "table_description": "One parent invited to one event, with their answer and an opaque token for their page.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CheckIn",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "event",
                    fields.ForeignKeyField(
                        "models.Event",
                        source_field="event_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="checkins",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "invitation",
                    fields.ForeignKeyField(
                        "models.Invitation",
                        source_field="invitation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="checkins",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("party_size", fields.IntField(default=1)),
                ("checked_in_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "checked_in_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="checked_in_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="checkins",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("client_id", fields.CharField(null=True, unique=True, max_length=64)),
                ("undone_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "checkin",
                "app": "models",
                "unique_together": (("event", "invitation"),),
                "pk_attr": "id",
                "table_description": "An invitation checked in at the door. Undoing keeps the row with ``undone_at`` set.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="InboundMessage",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("provider_id", fields.CharField(unique=True, max_length=64)),
                ("from_number", fields.CharField(null=True, max_length=32)),
                ("to_number", fields.CharField(default="", max_length=32)),
                ("body", fields.TextField(default="", unique=False)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "contact",
                    fields.ForeignKeyField(
                        "models.Contact",
                        source_field="contact_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="inbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "invitation",
                    fields.ForeignKeyField(
                        "models.Invitation",
                        source_field="invitation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="inbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="inbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("reading", fields.CharField(default="", max_length=32)),
                (
                    "status",
                    fields.CharEnumField(
                        default=InboxStatus.HANDLED,
                        description="HANDLED: handled\nNEEDS_ATTENTION: needs_attention\nRESOLVED: resolved",
                        enum_type=InboxStatus,
                        max_length=16,
                    ),
                ),
                ("reply_body", fields.TextField(default="", unique=False)),
                (
                    "resolved_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="resolved_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="resolved_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "resolved_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "inbound_message",
                "app": "models",
                "indexes": [Index(fields=["organisation_id", "status", "received_at"])],
                "pk_attr": "id",
                "table_description": "An SMS a parent sent us, unique on the provider's id, so a redelivery changes nothing.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="memberships",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "models.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="memberships",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "role",
                    fields.CharEnumField(
                        description="ADMIN: admin\nCOORDINATOR: coordinator\nVOLUNTEER: volunteer",
                        enum_type=Role,
                        max_length=16,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "membership",
                "app": "models",
                "unique_together": (("user", "organisation"),),
                "pk_attr": "id",
                "table_description": "A user's role in one organisation.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="OutboundMessage",
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
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="outbound_messages",
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
                        related_name="outbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "invitation",
                    fields.ForeignKeyField(
                        "models.Invitation",
                        source_field="invitation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="outbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "contact",
                    fields.ForeignKeyField(
                        "models.Contact",
                        source_field="contact_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="outbound_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "channel",
                    fields.CharEnumField(
                        description="SMS: sms\nEMAIL: email", enum_type=Channel, max_length=8
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="INVITATION: invitation\nREMINDER: reminder\nCHANGE: change\nCANCELLATION: cancellation\nCONFIRMATION: confirmation\nFOLLOWUP: followup\nREPLY: reply\nPASSWORD_RESET: password_reset",
                        enum_type=MessageKind,
                        max_length=16,
                    ),
                ),
                ("language", fields.CharField(max_length=8)),
                ("to_address", fields.CharField(null=True, max_length=254)),
                ("subject", fields.CharField(default="", max_length=300)),
                ("body", fields.TextField(default="", unique=False)),
                ("html_body", fields.TextField(default="", unique=False)),
                ("calendar", fields.TextField(default="", unique=False)),
                ("encoding", fields.CharField(default="", max_length=8)),
                ("segments", fields.IntField(default=0)),
                (
                    "status",
                    fields.CharEnumField(
                        default=MessageStatus.PENDING,
                        description="PENDING: pending\nSENDING: sending\nSENT: sent\nDELIVERED: delivered\nUNDELIVERED: undelivered\nFAILED: failed\nWITHHELD: withheld",
                        enum_type=MessageStatus,
                        max_length=16,
                    ),
                ),
                ("withheld_reason", fields.CharField(default="", max_length=32)),
                ("dedupe_key", fields.CharField(null=True, unique=True, max_length=120)),
                ("provider_id", fields.CharField(null=True, unique=True, max_length=64)),
                ("error_code", fields.CharField(default="", max_length=32)),
                ("error_message", fields.CharField(default="", max_length=500)),
                ("attempts", fields.IntField(default=0)),
                ("send_after", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "sending_since",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("sent_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "delivered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="sent_messages",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "outbound_message",
                "app": "models",
                "indexes": [Index(fields=["status", "send_after"])],
                "pk_attr": "id",
                "table_description": "One message to one parent on one channel, with its status machine.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="PasswordReset",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="password_resets",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("used_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "password_reset",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A one-time password reset link, of which only the SHA-256 is stored.",
            },
            bases=["Model"],
        ),
    ]
