"""STOP, START and HELP by SMS or WhatsApp: one opt-out for every organisation that knows
the number, and for every channel (WhatsApp goes to the same mobile, so it stops with SMS).

STOP switches SMS off for every contact with the number, and email too, unless the parent
chose on their own page to keep email (their latest email consent is a grant made on the
web): an SMS keyword should not undo what they set there. START goes through the contacts
feature's own opt-in, which gives email back only where it was ever granted.
"""

from __future__ import annotations

from dataclasses import replace

from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.optout import opt_in_everywhere, set_opt_out
from parentinfo.lib.enums import Channel, ConsentMethod
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp import replies
from parentinfo.rsvp.inbound.senders import Sender


async def opt_out(sender: Sender, channel: Channel = Channel.SMS) -> bool:
    """Opt the number out everywhere; True when email was switched off as well.

    The consent row's method stays "sms" for WhatsApp too (a message from the parent's own
    mobile); its note names the channel.
    """
    email_too = True
    by = "WhatsApp" if channel == Channel.WHATSAPP else "SMS"
    for contact in await Contact.filter(id__in=[c.id for c in sender.contacts]).order_by("id"):
        keep_email = await kept_email_on_page(contact)
        email_too = email_too and not keep_email
        await set_opt_out(
            contact=contact,
            sms=True,
            email=None if keep_email else True,
            method=ConsentMethod.SMS,
            note=f"replied STOP by {by}",
        )
    return email_too


async def opt_in(sender: Sender) -> None:
    """Opt the number back in everywhere (START, UNSTOP, or YES while opted out)."""
    if sender.number:
        await opt_in_everywhere(mobile=sender.number, method=ConsentMethod.SMS)
        sender.contacts = [replace(contact, sms_opt_out=False) for contact in sender.contacts]


async def kept_email_on_page(contact: Contact) -> bool:
    """True when the parent's latest say about email was "yes" on their own page."""
    rows = await Consent.filter(contact_id=contact.id).order_by("-recorded_at", "-id")
    for row in rows:
        if "email" in row.channels:
            return bool(row.granted and row.method == ConsentMethod.WEB)
    return False


async def help_reply(sender: Sender) -> str:
    """Who sends these messages (the organisations that know the number) and how to stop."""
    org_ids = sorted({c.organisation_id for c in sender.contacts})
    orgs = (
        await Organisation.filter(id__in=org_ids)
        .order_by("id")
        .values_list("name", "contact_phone")
    )
    phone = next((str(p) for _, p in orgs if p), "")
    return replies.help_text(senders=[str(name) for name, _ in orgs], phone=phone)
