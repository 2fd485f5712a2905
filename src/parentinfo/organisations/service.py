"""Organisations: the public directory every member can search, and their own details."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException

from parentinfo.accounts.actor import Actor
from parentinfo.errors import FieldError, Invalid, NotFound, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.i18n import lazy
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Channel, OrganisationKind
from parentinfo.organisations.models import Organisation

SLUG_MAX = 64


async def list_organisations(*, actor: Actor, kind: str | None = None) -> list[Organisation]:
    """Every organisation's public details (to find a co-host or a guest organisation)."""
    del actor  # public directory: name, slug, kind, languages
    query = Organisation.all()
    if kind:
        query = query.filter(kind=_kind(kind))
    return await query.order_by("name")


async def find_by_slug(slug: str | None) -> Organisation | None:
    """The organisation with this slug, or None (also for text no slug could be)."""
    cleaned = (slug or "").strip()
    if not cleaned or len(cleaned) > SLUG_MAX or "\x00" in cleaned:
        return None
    return await Organisation.get_or_none(slug=cleaned)


async def get_organisation(*, actor: Actor, slug: str) -> Organisation:
    """One organisation's public details by slug."""
    del actor
    organisation = await find_by_slug(slug)
    if organisation is None:
        raise NotFound(f"No organisation with slug {slug!r}.")
    return organisation


async def active_organisation(*, actor: Actor) -> Organisation:
    """The organisation the actor is acting for, with its own settings."""
    return await Organisation.get(id=actor.org_id)


async def update_organisation(*, actor: Actor, changes: Mapping[str, Any]) -> Organisation:
    """An admin changes the active organisation's name, languages and contact details."""
    actor.require_admin()
    organisation = await active_organisation(actor=actor)
    errors = [
        FieldError(name, "cannot be changed here") for name in changes if name not in _CLEANERS
    ]
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in _CLEANERS:
            continue
        try:
            cleaned[name] = _CLEANERS[name](value)
        except ValueError as problem:
            errors.append(FieldError(name, str(problem)))
    if errors:
        raise Invalid("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    for name, value in cleaned.items():
        setattr(organisation, name, value)
    if cleaned:
        await organisation.save(update_fields=list(cleaned))
    return organisation


def _kind(value: str) -> OrganisationKind:
    try:
        return OrganisationKind(value)
    except ValueError:
        accepted = ", ".join(k.value for k in OrganisationKind)
        raise invalid_field("kind", f"{value!r} is not a kind; use one of {accepted}") from None


def clean_name(value: Any) -> str:
    """An organisation's name: required, at most 200 characters (ValueError otherwise)."""
    text = _plain(value)
    if not 1 <= len(text) <= 200:
        raise ValueError("is required, at most 200 characters")
    return text


def _plain(value: Any) -> str:
    """Text without the NUL character (PostgreSQL refuses to store it)."""
    text = str(value or "").strip()
    if "\x00" in text:
        raise ValueError("must not contain the NUL character")
    return text


def clean_languages(value: Any) -> list[str]:
    """Known language codes, each once (ValueError naming the first unknown one)."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValueError("must be a list of language codes such as ['nl', 'pl']")
    cleaned: list[str] = []
    for code in value:
        lowered = str(code).strip().lower()
        if lowered not in SUPPORTED_LANGUAGES:
            raise ValueError(
                f"{code!r} is not a supported language; use one of {', '.join(SUPPORTED_LANGUAGES)}"
            )
        if lowered not in cleaned:
            cleaned.append(lowered)
    return cleaned


def _email(value: Any) -> str:
    text = _plain(value)
    local, _, domain = text.partition("@")
    if text and (not local or "." not in domain or " " in text or len(text) > 254):
        raise ValueError(f"{text!r} is not an email address")
    return text


def _phone(value: Any) -> str:
    text = _plain(value)
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "NL")
    except NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"{text!r} is not a phone number; write it as +31381234567")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _website(value: Any) -> str:
    text = _plain(value)
    if text and not text.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    if len(text) > 300:
        raise ValueError("must be at most 300 characters")
    return text


# The range an organisation may choose its retention periods in: long enough to answer a
# parent's question after the session, never longer than a school year and a bit.
MESSAGE_DAYS_RANGE = (7, 365)
CONTACT_MONTHS_RANGE = (1, 24)


def _sender_name(value: Any) -> str:
    text = _plain(value)
    if len(text) > SENDER_NAME_MAX:
        raise ValueError(_("Use at most %(count)d characters.") % {"count": SENDER_NAME_MAX})
    return text


SENDER_NAME_MAX = 60


def _in_range(low: int, high: int, unit: str) -> Callable[[Any], int | None]:
    def clean(value: Any) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # the deployment's default
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or isinstance(value, bool) or not low <= number <= high:
            raise ValueError(
                _("Enter a whole number from %(low)d to %(high)d %(unit)s, or leave it empty.")
                % {"low": low, "high": high, "unit": _(unit)}
            )
        return number

    return clean


# The channels an organisation puts in order, in the service's default order. Routing
# (outreach.audience.selection, a floor above) reads the stored order with parse_order;
# a test keeps the two lists one. A spoken call for parents who asked for one comes first
# and the volunteers' call list last, whatever the order: neither is in it.
ORDERABLE_CHANNELS: tuple[Channel, ...] = (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL)
CHANNEL_ORDER_EXAMPLE = "whatsapp,sms,email"


def clean_channel_order(value: Any) -> str:
    """``"sms, WhatsApp"`` → ``"sms,whatsapp,email"``: every channel once, named ones first.

    Empty means the service's default order. A ValueError says what to write instead.
    """
    text = _plain(value).lower()
    if not text:
        return ""
    names = [part.strip() for part in text.split(",")]
    allowed = ", ".join(c.value for c in ORDERABLE_CHANNELS)
    chosen: list[Channel] = []
    for name in names:
        if name in ("voice", "call", "calls"):
            raise ValueError(
                _(
                    "{name} is not part of the order: parents who asked to be called are "
                    "called first, and the call list always comes last; use {allowed}"
                ).format(name=repr(name), allowed=allowed)
            )
        if name not in {c.value for c in ORDERABLE_CHANNELS}:
            raise ValueError(
                _(
                    "{name} is not a channel; name {allowed} in the order you want, "
                    "separated by commas, for example {example}"
                ).format(name=repr(name[:20]), allowed=allowed, example=CHANNEL_ORDER_EXAMPLE)
            )
        if Channel(name) in chosen:
            raise ValueError(_("names {name} twice; name each channel once").format(name=name))
        chosen.append(Channel(name))
    rest = [c for c in ORDERABLE_CHANNELS if c not in chosen]
    return ",".join(c.value for c in (*chosen, *rest))


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "sender_name": _sender_name,
    "retention_message_days": _in_range(*MESSAGE_DAYS_RANGE, lazy("days")),
    "retention_contact_months": _in_range(*CONTACT_MONTHS_RANGE, lazy("months")),
    "name": clean_name,
    "languages": clean_languages,
    "plain_sms_languages": clean_languages,
    "contact_email": _email,
    "contact_phone": _phone,
    "website": _website,
    "channel_order": clean_channel_order,
}
