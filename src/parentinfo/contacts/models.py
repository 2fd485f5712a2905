"""Parents as contacts of one organisation, and the consent they gave."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from parentinfo.accounts.models import User
from parentinfo.lib.enums import ConsentMethod
from parentinfo.lib.folding import SEARCH_KEY_MAX, search_key
from parentinfo.organisations.models import Organisation


class Contact(Model):
    """A parent known to one organisation: personal data, visible to that organisation only."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="contacts", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    # The name folded to Latin letters (lib.folding), kept by save(): "elena" finds Елена.
    search_fold = fields.CharField(max_length=SEARCH_KEY_MAX, default="", db_default="")
    # E.164; None when only email is known. Indexed: an inbound SMS finds its sender by it.
    mobile = fields.CharField(max_length=20, null=True, db_index=True)
    email = fields.CharField(max_length=254, null=True)
    language = fields.CharField(max_length=8)
    age_groups: fields.Field[list[str]] = fields.JSONField(default=list)
    sms_opt_out = fields.BooleanField(default=False)
    email_opt_out = fields.BooleanField(default=False)
    opted_out_at = fields.DatetimeField(null=True)
    mobile_invalid = fields.BooleanField(default=False)
    # WhatsApp needs its own opt-in (Meta's rule): True once the parent agreed to WhatsApp on
    # their mobile, recorded in the consent history like any channel.
    whatsapp = fields.BooleanField(default=False, db_default=False)
    # Twilio said the mobile has no WhatsApp account (63003): SMS takes over, for good.
    whatsapp_invalid = fields.BooleanField(default=False, db_default=False)
    # The parent asked to be called (reads little): invitations come as a spoken call.
    call_me = fields.BooleanField(default=False, db_default=False)
    # A reply that may have been an opt-out: nothing is sent until staff decide (rsvp.hold).
    on_hold = fields.BooleanField(default=False, db_default=False)
    notes = fields.TextField(default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_contacts", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    consents: fields.ReverseRelation[Consent]

    class Meta:
        table = "contact"
        unique_together = (("organisation", "mobile"),)
        ordering = ("name",)
        indexes = (("organisation_id", "search_fold"),)  # an organisation's names, folded

    async def save(
        self,
        using_db: BaseDBAsyncClient | None = None,
        update_fields: Iterable[str] | None = None,
        force_create: bool = False,
        force_update: bool = False,
    ) -> None:
        """Save, folding the name again: every write path keeps the search column current."""
        self.search_fold = search_key(self.name)
        if update_fields is not None and "name" in update_fields:
            update_fields = [*update_fields, "search_fold"]
        await super().save(using_db, update_fields, force_create, force_update)


class Consent(Model):
    """One consent given or withdrawn, kept as history: by whom, when, how, which channels."""

    id = fields.IntField(primary_key=True)
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="consents", on_delete=fields.CASCADE
    )
    channels: fields.Field[list[str]] = fields.JSONField(default=list)
    granted = fields.BooleanField(default=True)
    method = fields.CharEnumField(ConsentMethod, max_length=16)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recorded_consents", null=True, on_delete=fields.SET_NULL
    )
    recorded_at = fields.DatetimeField(auto_now_add=True)
    note = fields.CharField(max_length=300, default="")

    class Meta:
        table = "consent"
        ordering = ("recorded_at",)
