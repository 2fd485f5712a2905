"""Writing contacts and reading who holds a number: the few queries the services share."""

from __future__ import annotations

from collections.abc import Iterable

from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.validation import ContactDraft
from parentinfo.lib.chunks import chunked


async def insert_contact(
    draft: ContactDraft, *, organisation_id: int, created_by_id: int | None
) -> Contact:
    """Save a checked draft with its first consent; an address without consent stays off."""
    contact = await Contact.create(
        organisation_id=organisation_id,
        name=draft.name,
        mobile=draft.mobile,
        email=draft.email,
        language=draft.language,
        age_groups=list(draft.age_groups),
        notes=draft.notes,
        # Off where there is an address but no consent; with no address there is nothing to
        # switch off, and outreach still puts an unreachable parent on the call list.
        sms_opt_out=draft.mobile is not None and "sms" not in draft.consent_channels,
        email_opt_out=draft.email is not None and "email" not in draft.consent_channels,
        # Opt-ins: only what the parent asked for (validation made sure a mobile is there).
        whatsapp="whatsapp" in draft.consent_channels,
        call_me="voice" in draft.consent_channels,
        created_by_id=created_by_id,
    )
    await Consent.create(
        contact=contact,
        channels=list(draft.consent_channels),
        granted=True,
        method=draft.consent_method,
        note=draft.consent_note,
        recorded_by_id=created_by_id,
    )
    return contact


async def mobile_owners(
    organisation_id: int, mobiles: Iterable[str], *, except_id: int | None = None
) -> dict[str, int]:
    """Which of these E.164 numbers already belong to a contact of the organisation, and whose."""
    wanted = sorted(set(mobiles))
    owners: dict[str, int] = {}
    for chunk in chunked(wanted):
        query = Contact.filter(organisation_id=organisation_id, mobile__in=chunk)
        if except_id is not None:
            query = query.exclude(id=except_id)
        for contact_id, mobile in await query.values_list("id", "mobile"):
            owners[str(mobile)] = int(contact_id)
    return owners
