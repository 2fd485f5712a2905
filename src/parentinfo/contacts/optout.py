"""Opting out and back in: one switch per channel, with the consent history kept.

One opt-out covers everything: STOP by SMS (``rsvp.control``) switches off SMS and email
for every contact with that number, in every organisation. Each switch appends a
:class:`Consent` row; the history is never edited.
"""

from __future__ import annotations

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from parentinfo.contacts.models import Consent, Contact
from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import ConsentMethod
from parentinfo.lib.phones import parse_sender

# SMS and email are stored as opt-outs (on unless switched off); WhatsApp and "call me" as
# opt-ins (off unless the parent asked): each consent row switches its channels' flag.
_OPT_OUTS = {"sms": "sms_opt_out", "email": "email_opt_out"}
_OPT_INS = {"whatsapp": "whatsapp", "voice": "call_me"}
# WhatsApp and a spoken call reach the parent on the mobile, so they ride on its SMS
# consent: STOP (SMS off) stops them too, and they cannot be switched on past it.
ON_THE_MOBILE = frozenset(_OPT_INS)


async def record_consent(
    *,
    contact: Contact,
    channels: list[str],
    granted: bool,
    method: ConsentMethod,
    note: str = "",
    recorded_by_id: int | None = None,
) -> Consent:
    """Switch ``channels`` on (granted) or off, and append the consent row that says so."""
    if granted:
        refuse_mobile_channels_without_sms(contact, channels)
    for channel in channels:
        if channel in _OPT_OUTS:
            setattr(contact, _OPT_OUTS[channel], not granted)
        else:
            setattr(contact, _OPT_INS[channel], granted)
    if not granted and set(channels) & set(_OPT_OUTS):
        contact.opted_out_at = now()
    elif granted and not (contact.sms_opt_out or contact.email_opt_out):
        contact.opted_out_at = None
    await contact.save(update_fields=[*_OPT_OUTS.values(), *_OPT_INS.values(), "opted_out_at"])
    return await Consent.create(
        contact=contact,
        channels=channels,
        granted=granted,
        method=method,
        note=note[:300],
        recorded_by_id=recorded_by_id,
    )


def refuse_mobile_channels_without_sms(contact: Contact, channels: list[str]) -> None:
    """WhatsApp or a call needs the mobile, and the mobile's SMS consent, on or given now.

    Never silently: a parent who replied STOP (or never agreed to SMS) is not put back on
    their mobile by ticking WhatsApp; staff record the SMS consent too, knowingly.
    """
    wanted = ON_THE_MOBILE.intersection(channels)
    if not wanted:
        return
    if not contact.mobile:
        raise invalid_field(
            "consent.channels",
            _("WhatsApp and phone calls need a mobile number; add the parent's mobile first"),
        )
    if contact.sms_opt_out and "sms" not in channels:
        raise invalid_field(
            "consent.channels",
            _(
                "this mobile gets no messages now (the parent opted out, or never agreed to "
                "SMS); WhatsApp and calls go to the same mobile, so tick SMS too if the parent "
                "agrees to it again"
            ),
        )


async def set_opt_out(
    *, contact: Contact, sms: bool | None, email: bool | None, method: ConsentMethod, note: str = ""
) -> Contact:
    """Set the opt-out per channel (None: leave it) and record it in the consent history."""
    wanted = {"sms": sms, "email": email}
    current = {"sms": contact.sms_opt_out, "email": contact.email_opt_out}
    switch_off = [c for c, out in wanted.items() if out is True and not current[c]]
    switch_on = [c for c, out in wanted.items() if out is False and current[c]]
    async with in_transaction():
        if switch_off:
            await record_consent(
                contact=contact, channels=switch_off, granted=False, method=method, note=note
            )
        if switch_on:
            await record_consent(
                contact=contact, channels=switch_on, granted=True, method=method, note=note
            )
    return contact


async def opt_in_everywhere(*, mobile: str, method: ConsentMethod) -> int:
    """START: SMS back on for every contact with this number, and email where it had consent."""
    number = parse_sender(mobile) or mobile
    async with in_transaction():
        contacts = await Contact.filter(mobile=number).order_by("id")
        for contact in contacts:
            email_back = False if "email" in await granted_channels(contact) else None
            await set_opt_out(contact=contact, sms=False, email=email_back, method=method)
    return len(contacts)


async def opt_out_contact_everywhere(*, contact: Contact, method: ConsentMethod) -> int:
    """A parent's page or email link: opt out every contact sharing this mobile or email."""
    async with in_transaction():
        same = Q(id=contact.id)
        if contact.mobile:
            same |= Q(mobile=contact.mobile)
        if contact.email:
            same |= Q(email=contact.email)
        matches = await Contact.filter(same).order_by("id")
        for match in matches:
            await set_opt_out(contact=match, sms=True, email=True, method=method)
    return len(matches)


async def granted_channels(contact: Contact) -> set[str]:
    """Channels this contact ever gave consent for (so START does not invent email consent)."""
    rows = await Consent.filter(contact_id=contact.id, granted=True).values_list(
        "channels", flat=True
    )
    return {channel for channels in rows for channel in channels}
