"""The audit log: who exported, imported, erased or sent what, and when."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from parentinfo.accounts.models import User
from parentinfo.organisations.models import Organisation


class AuditEntry(Model):
    """One action on personal data, never holding the personal data itself."""

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_entries", null=True, on_delete=fields.SET_NULL
    )
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="audit_entries", null=True, on_delete=fields.SET_NULL
    )
    action = fields.CharField(max_length=48)
    subject_type = fields.CharField(max_length=32, default="")
    subject_id = fields.IntField(null=True)
    details: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "audit_entry"
        ordering = ("-at",)
