"""Who gets a message, and on which channel: an organisation's own contacts, filtered.

The channel rule is a pure core (:func:`route_for`): a spoken call for a parent who asked
for one (when calls can be made in their language), else the first of the organisation's
channels (:class:`ChannelPlan`, by default SMS then email; WhatsApp only for a parent who
agreed to it, in a language with an approved template) that works and that the parent has
not opted out of, else a volunteer's phone call; a parent who opted out of every channel
they have is never contacted at all. STOP on any channel stops the mobile's channels and
email alike (``contacts.optout``), so a call never overrides it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel
from parentinfo.outreach.audience.rows import ContactRow, contact_rows
from parentinfo.outreach.sending.outbox import ids_in


class Route(StrEnum):
    """How a parent will be reached: on a channel, by a volunteer's call, or not at all."""

    SMS = "sms"
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    VOICE = "voice"  # an automated spoken call (the parent chose "call me")
    CALL = "call"  # a volunteer's call, from the call list
    NONE = "none"


DEFAULT_ORDER: tuple[Channel, ...] = (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL)
ORDERABLE = frozenset(DEFAULT_ORDER)  # the channels an organisation may put in its order


@dataclass(frozen=True)
class ChannelPlan:
    """What routing may use for one mailing: the organisation's order of channels, and the
    languages WhatsApp (approved templates) and calls (a voice or a recording) can serve.

    The default plan is SMS, then email: no WhatsApp, no automated calls.
    """

    order: tuple[Channel, ...] = DEFAULT_ORDER
    whatsapp_languages: frozenset[str] = frozenset()
    voice_languages: frozenset[str] = frozenset()


DEFAULT_PLAN = ChannelPlan()


def parse_order(raw: str) -> tuple[Channel, ...]:
    """An organisation's stored order ("sms,whatsapp,email") as channels; "" is the default.

    Channels left out of the stored order are tried after it, in the default order, so an
    organisation never loses a channel by naming only its favourite.
    """
    named = [Channel(part) for part in raw.split(",") if part.strip() in ORDERABLE]
    return (*dict.fromkeys(named), *(c for c in DEFAULT_ORDER if c not in named))


@dataclass(frozen=True)
class AudienceFilter:
    """Which of the organisation's contacts to invite (an empty list means: any)."""

    languages: Sequence[str] = field(default_factory=tuple)
    age_groups: Sequence[str] = field(default_factory=tuple)
    attended_before: bool | None = None
    # Chosen one by one in the contacts list: only these (still filtered by the rest).
    contact_ids: Sequence[int] = field(default_factory=tuple)


def sms_usable(contact: ContactRow) -> bool:
    """A mobile that works and that the parent has not opted out of."""
    usable = bool(contact.mobile) and not contact.sms_opt_out and not contact.mobile_invalid
    return usable and not contact.on_hold


def email_usable(contact: ContactRow) -> bool:
    """An email address the parent has not opted out of."""
    return bool(contact.email) and not contact.email_opt_out and not contact.on_hold


def whatsapp_usable(contact: ContactRow) -> bool:
    """A mobile the parent agreed to WhatsApp on, that has WhatsApp, and no STOP."""
    return contact.whatsapp and not contact.whatsapp_invalid and sms_usable(contact)


def voice_usable(contact: ContactRow) -> bool:
    """A parent who asked to be called, on a mobile that works, and no STOP."""
    return contact.call_me and sms_usable(contact)


_USABLE = {
    Channel.SMS: sms_usable,
    Channel.EMAIL: email_usable,
    Channel.WHATSAPP: whatsapp_usable,
}


def route_for(
    contact: ContactRow,
    *,
    avoid: Channel | Iterable[Channel] | None = None,
    plan: ChannelPlan = DEFAULT_PLAN,
) -> Route:
    """The channel to use; ``avoid`` skips the ones that already failed (the fallback)."""
    skip = _as_set(avoid)
    if (
        Channel.VOICE not in skip
        and contact.language in plan.voice_languages
        and voice_usable(contact)
    ):
        return Route.VOICE
    for channel in plan.order:
        if channel in skip or not _USABLE[channel](contact):
            continue
        if channel == Channel.WHATSAPP and contact.language not in plan.whatsapp_languages:
            continue  # no approved template in this language: the next channel takes it
        return Route(channel.value)
    if contact.sms_opt_out or contact.email_opt_out or contact.on_hold:
        return Route.NONE  # opted out: a phone call would ignore their wish just the same
    return Route.CALL


def _as_set(avoid: Channel | Iterable[Channel] | None) -> frozenset[Channel]:
    if avoid is None:
        return frozenset()
    if isinstance(avoid, Channel):
        return frozenset({avoid})
    return frozenset(Channel(c) for c in avoid)


def matches(contact: ContactRow, audience: AudienceFilter, attended: set[int]) -> bool:
    """True when ``contact`` is in ``audience`` (``attended``: ids of contacts who came)."""
    if audience.contact_ids and contact.id not in audience.contact_ids:
        return False
    if audience.languages and contact.language not in audience.languages:
        return False
    if audience.age_groups and not set(contact.age_groups) & set(audience.age_groups):
        return False
    if audience.attended_before is not None:
        return (contact.id in attended) == audience.attended_before
    return True


def reachable(contacts: Iterable[ContactRow]) -> list[ContactRow]:
    """The contacts that may be contacted at all (opted out of everything: left out)."""
    return [contact for contact in contacts if route_for(contact) != Route.NONE]


async def attended_contact_ids(*, org_id: int) -> set[int]:
    """Ids of the organisation's contacts who were checked in at any session."""
    query = CheckIn.filter(undone_at=None, invitation__contact__organisation_id=org_id)
    return set(await ids_in(query, "invitation__contact_id"))


async def select_audience(*, org_id: int, audience: AudienceFilter) -> list[ContactRow]:
    """The organisation's contacts in ``audience`` that may be contacted, by name."""
    query = Contact.filter(organisation_id=org_id)
    if audience.languages:
        query = query.filter(language__in=list(audience.languages))
    attended = (
        await attended_contact_ids(org_id=org_id) if audience.attended_before is not None else set()
    )
    contacts = await contact_rows(query.order_by("name", "id"))
    return reachable(c for c in contacts if matches(c, audience, attended))
