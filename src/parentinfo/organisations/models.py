"""Organisations, and the municipality links through which they share aggregate figures."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from parentinfo.lib.enums import OrganisationKind


class Organisation(Model):
    """A school, migrant organisation, facility or municipality using the service."""

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(OrganisationKind, max_length=32)
    languages: fields.Field[list[str]] = fields.JSONField(default=list)
    # Languages this organisation sends by SMS without diacritics, to stay in GSM-7.
    plain_sms_languages: fields.Field[list[str]] = fields.JSONField(default=list)
    # The order in which a parent's channels are tried, comma-separated ("whatsapp,sms,email");
    # a volunteer's call list comes after them all. Empty: the service's default order.
    channel_order = fields.CharField(max_length=40, default="", db_default="")
    contact_email = fields.CharField(max_length=254, default="")
    contact_phone = fields.CharField(max_length=32, default="")
    website = fields.CharField(max_length=300, default="")
    # How mail to parents is signed ("De Regenboog"); empty: the organisation's name.
    sender_name = fields.CharField(max_length=60, default="")
    # Shorter (or longer, within the allowed range) than the deployment's; None: the default.
    retention_message_days = fields.IntField(null=True)
    retention_contact_months = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organisation"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class MunicipalityLink(Model):
    """An organisation agreeing to share aggregate figures with a municipality."""

    id = fields.IntField(primary_key=True)
    municipality: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="area_links", on_delete=fields.CASCADE
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="municipality_links", on_delete=fields.CASCADE
    )
    status = fields.CharField(max_length=16, default="invited")  # invited / accepted / withdrawn
    created_at = fields.DatetimeField(auto_now_add=True)
    responded_at = fields.DatetimeField(null=True)
    # The admin who agreed to share (kept when they later withdraw: who agreed, since when).
    agreed_by: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.User", related_name="agreements_made", on_delete=fields.SET_NULL, null=True
    )

    class Meta:
        table = "municipality_link"
        unique_together = (("municipality", "organisation"),)
