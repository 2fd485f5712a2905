"""Contacts: create, change, delete, find, and their consent history.

Everything goes through :func:`contact_query_for`, so a contact of another organisation (or,
for a volunteer, one they did not add) is simply not there. Volunteers may add walk-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.access import MAX_ID, contact_query_for, visible_contact
from parentinfo.contacts.importing import import_contacts
from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.optout import granted_channels, record_consent
from parentinfo.contacts.search import search_contacts
from parentinfo.contacts.store import insert_contact, mobile_owners
from parentinfo.contacts.validation import (
    NOTES_MAX,
    build_draft,
    clean_age_groups,
    clean_channels,
    clean_email,
    clean_language,
    clean_method,
    clean_mobile,
    clean_name,
    clean_note,
    collect,
    raise_all,
    require_address,
)
from parentinfo.errors import Conflict, FieldError, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.privacy.erasure import erase_and_record

__all__ = [
    "add_consent",
    "consent_history",
    "create_contact",
    "delete_contact",
    "erase_contacts",
    "get_contact",
    "import_contacts",
    "search_contacts",
    "update_contact",
]

_EDITABLE = ("name", "mobile", "email", "language", "age_groups", "notes")


async def create_contact(
    *,
    actor: Actor,
    name: str,
    language: str,
    consent_channels: Iterable[str],
    consent_method: str,
    mobile: str | None = None,
    email: str | None = None,
    age_groups: Iterable[str] = (),
    consent_note: str = "",
    notes: str = "",
) -> Contact:
    """A new contact of the actor's organisation with the consent given now (walk-ins too)."""
    draft = build_draft(
        name=name,
        mobile=mobile,
        email=email,
        language=language,
        age_groups=age_groups,
        consent_channels=consent_channels,
        consent_method=consent_method,
        consent_note=consent_note,
        notes=notes,
    )
    if draft.mobile is not None:
        await _refuse_taken(actor.org_id, draft.mobile)
    try:
        async with in_transaction():
            return await insert_contact(
                draft, organisation_id=actor.org_id, created_by_id=actor.user_id
            )
    except IntegrityError:
        # Someone saved the same number between our check and our insert.
        await _refuse_taken(actor.org_id, draft.mobile or "")
        raise _changed_meanwhile() from None


async def get_contact(*, actor: Actor, contact_id: int) -> Contact:
    """One contact the actor may see."""
    return await visible_contact(actor=actor, contact_id=contact_id)


async def update_contact(
    *,
    actor: Actor,
    contact_id: int,
    changes: Mapping[str, Any],
    consent: Mapping[str, Any] | None = None,
) -> Contact:
    """Change the fields given in ``changes`` (PATCH); a consent change appends to the history."""
    contact = await visible_contact(actor=actor, contact_id=contact_id)
    errors: list[FieldError] = []
    values = collect(errors, _clean_changes, changes) or {}
    checked_consent = collect(errors, _clean_consent, consent) if consent is not None else None
    raise_all(errors)
    require_address(values.get("mobile", contact.mobile), values.get("email", contact.email))
    new_mobile = values.get("mobile", contact.mobile)
    if new_mobile is not None and new_mobile != contact.mobile:
        await _refuse_taken(actor.org_id, new_mobile, except_id=contact.id)
        contact.mobile_invalid = False  # a new number deserves a new try
    await _without_consent_stays_off(contact, values)
    for key, value in values.items():
        setattr(contact, key, value)
    try:
        async with in_transaction():
            await contact.save()
            if checked_consent is not None:
                await record_consent(
                    contact=contact, recorded_by_id=actor.user_id, **checked_consent
                )
    except IntegrityError:
        await _refuse_taken(actor.org_id, new_mobile or "", except_id=contact.id)
        raise _changed_meanwhile() from None
    return contact


async def delete_contact(*, actor: Actor, contact_id: int) -> None:
    """Erase a contact as the privacy erasure does; the audit log keeps only that it happened."""
    contact = await visible_contact(actor=actor, contact_id=contact_id)
    await erase_and_record(contact, actor=actor, action="contact.deleted")


async def erase_contacts(*, actor: Actor, contact_ids: Iterable[int]) -> int:
    """Erase several contacts as the privacy erasure does (coordinator or admin); how many."""
    actor.require_coordinator()
    wanted = sorted({i for i in contact_ids if 1 <= i <= MAX_ID})
    erased = 0
    for contact in await contact_query_for(actor).filter(id__in=wanted):
        await erase_and_record(contact, actor=actor, action="contact.erase")
        erased += 1
    return erased


async def add_consent(
    *,
    actor: Actor,
    contact_id: int,
    channels: Iterable[str],
    method: str,
    granted: bool = True,
    note: str = "",
) -> Consent:
    """Record consent given (or withdrawn) for channels, switching them on (or off)."""
    contact = await visible_contact(actor=actor, contact_id=contact_id)
    checked = _clean_consent(
        {"channels": channels, "method": method, "granted": granted, "note": note}, prefix=""
    )
    async with in_transaction():
        consent = await record_consent(contact=contact, recorded_by_id=actor.user_id, **checked)
    await consent.fetch_related("recorded_by")
    return consent


async def consent_history(*, actor: Actor, contact_id: int) -> list[Consent]:
    """Every consent given or withdrawn for a contact, oldest first, with who recorded it."""
    contact = await visible_contact(actor=actor, contact_id=contact_id)
    return list(
        await Consent.filter(contact_id=contact.id)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )


async def _without_consent_stays_off(contact: Contact, values: Mapping[str, Any]) -> None:
    """A mobile or email added later is not used until its channel has had consent."""
    for channel, key, flag in (
        ("sms", "mobile", "sms_opt_out"),
        ("email", "email", "email_opt_out"),
    ):
        added = values.get(key) and not getattr(contact, key)
        if added and channel not in await granted_channels(contact):
            setattr(contact, flag, True)


def _clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check each changed field; refuse unknown fields and list every fault at once."""
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    for key, raw in changes.items():
        before = len(errors)
        value = collect(errors, _clean_one, key, raw)
        if len(errors) == before:
            values[key] = value
    raise_all(errors)
    return values


def _clean_one(key: str, raw: Any) -> Any:
    if key == "name":
        return clean_name(raw)
    if key == "mobile":
        return clean_mobile(raw)
    if key == "email":
        return clean_email(raw)
    if key == "language":
        return clean_language(raw)
    if key == "age_groups":
        return clean_age_groups(raw or [])
    if key == "notes":
        return clean_note(raw, field_name="notes", limit=NOTES_MAX)
    raise invalid_field(
        key, _("cannot be changed; change any of: {fields}").format(fields=", ".join(_EDITABLE))
    )


def _clean_consent(consent: Mapping[str, Any], *, prefix: str = "consent.") -> dict[str, Any]:
    """A consent change checked field by field: channels, granted, method, note."""
    errors: list[FieldError] = []
    channels = collect(
        errors, clean_channels, consent.get("channels") or [], field_name=f"{prefix}channels"
    )
    method = collect(errors, clean_method, consent.get("method"), field_name=f"{prefix}method")
    note = collect(errors, clean_note, consent.get("note"), field_name=f"{prefix}note")
    raise_all(errors)
    granted = bool(consent.get("granted", True))
    return {"channels": channels, "method": method, "note": note or "", "granted": granted}


async def _refuse_taken(organisation_id: int, mobile: str, *, except_id: int | None = None) -> None:
    """409 when another contact of the organisation already has this mobile number."""
    owners = await mobile_owners(organisation_id, [mobile], except_id=except_id)
    if mobile in owners:
        message = _("contact {id} in this organisation already has this mobile number").format(
            id=owners[mobile]
        )
        raise Conflict(message, errors=[FieldError("mobile", message)])


def _changed_meanwhile() -> Conflict:
    return Conflict(_("the contacts changed while saving; please try again"))
