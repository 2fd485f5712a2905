"""Opting out and back in: one switch per channel, with the consent history kept.

STUB: the contacts feature replaces these bodies; the signatures are the contract.
"""

from __future__ import annotations

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import ConsentMethod


async def set_opt_out(
    *, contact: Contact, sms: bool | None, email: bool | None, method: ConsentMethod, note: str = ""
) -> Contact:
    """Set the opt-out per channel (None: leave it) and record it in the consent history."""
    if sms is not None:
        contact.sms_opt_out = sms
    if email is not None:
        contact.email_opt_out = email
    del method, note
    await contact.save()
    return contact
