"""Pure checks of contact fields, shared by the API, the pages and the CSV import.

Each ``clean_*`` returns the normalised value or raises :class:`Invalid` naming the field
and saying what would be accepted. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from parentinfo.errors import FieldError, Invalid, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES, Channel, ConsentMethod
from parentinfo.lib.phones import normalise_mobile

CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
MOBILE_CHANNELS = frozenset({Channel.WHATSAPP.value, Channel.VOICE.value})  # on the mobile
NAME_MAX = 200
EMAIL_MAX = 254
NOTE_MAX = 300
NOTES_MAX = 2000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class ContactDraft:
    """A contact that passed every check and may be saved; ``row`` is its spreadsheet row."""

    name: str
    mobile: str | None
    email: str | None
    language: str
    age_groups: list[str] = field(default_factory=list)
    consent_channels: list[str] = field(default_factory=list)
    consent_method: ConsentMethod = ConsentMethod.PAPER_FORM
    consent_note: str = ""
    notes: str = ""
    row: int = 0


def clean_name(raw: str | None, *, field_name: str = "name") -> str:
    """Trim and collapse spaces; refuse an empty or over-long name."""
    name = _SPACES.sub(" ", raw or "").strip()
    if not name:
        raise invalid_field(field_name, _("is empty; give the parent's name"))
    if len(name) > NAME_MAX:
        raise invalid_field(
            field_name, _("is too long; at most {limit} characters").format(limit=NAME_MAX)
        )
    return name


def clean_mobile(raw: str | None, *, field_name: str = "mobile") -> str | None:
    """E.164 for a mobile number, None for an empty one; refuse landlines and nonsense."""
    if raw is None or not raw.strip():
        return None
    return normalise_mobile(raw, field=field_name)


def clean_email(raw: str | None, *, field_name: str = "email") -> str | None:
    """A plausible address with its domain lower-cased, None for an empty one."""
    text = (raw or "").strip()
    if not text:
        return None
    if len(text) > EMAIL_MAX or not _EMAIL.match(text):
        raise invalid_field(
            field_name,
            _("{value} is not an email address; write it as name@example.nl").format(
                value=repr(text[:60])
            ),
        )
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_language(raw: str | None, *, field_name: str = "language") -> str:
    """A supported language code; ``PL``, ``pl-PL`` and ``pl_PL`` all become ``pl``."""
    text = (raw or "").strip().lower().replace("_", "-")
    code = text.split("-", 1)[0]
    if code in SUPPORTED_LANGUAGES:
        return code
    accepted = ", ".join(SUPPORTED_LANGUAGES)
    if not text:
        raise invalid_field(field_name, _("is empty; use one of: {codes}").format(codes=accepted))
    raise invalid_field(
        field_name,
        _("{value} is not a supported language; use one of: {codes}").format(
            value=repr(text[:20]), codes=accepted
        ),
    )


def clean_age_groups(raw: Iterable[str], *, field_name: str = "age_groups") -> list[str]:
    """Known age groups, without repeats, in their natural order."""
    given = {_SPACES.sub("", str(item).translate(_DASHES)) for item in raw}
    given.discard("")
    unknown = sorted(given - set(AGE_GROUPS))
    if unknown:
        raise invalid_field(
            field_name,
            _("unknown age group {values}; use any of: {groups}").format(
                values=", ".join(repr(u[:20]) for u in unknown[:3]), groups=", ".join(AGE_GROUPS)
            ),
        )
    return [group for group in AGE_GROUPS if group in given]


def clean_channels(raw: Iterable[str], *, field_name: str = "consent.channels") -> list[str]:
    """At least one of ``sms``, ``email``, ``whatsapp`` and ``voice``, without repeats."""
    given = {str(item).strip().lower() for item in raw}
    given.discard("")
    unknown = sorted(given - set(CHANNELS))
    if unknown or not given:
        raise invalid_field(
            field_name,
            _("give one or more of: {channels}").format(channels=", ".join(CHANNELS)),
        )
    return [channel for channel in CHANNELS if channel in given]


def clean_method(raw: str | None, *, field_name: str = "consent.method") -> ConsentMethod:
    """How consent was given, as one of :class:`ConsentMethod`."""
    try:
        return ConsentMethod((raw or "").strip().lower())
    except ValueError:
        raise invalid_field(
            field_name,
            _("{value} is not a way of giving consent; use one of: {methods}").format(
                value=repr((raw or "")[:30]), methods=", ".join(m.value for m in ConsentMethod)
            ),
        ) from None


def clean_note(raw: str | None, *, field_name: str = "consent.note", limit: int = NOTE_MAX) -> str:
    """A free-text note, trimmed, refused when too long."""
    note = (raw or "").strip()
    if len(note) > limit:
        raise invalid_field(
            field_name, _("is too long; at most {limit} characters").format(limit=limit)
        )
    return note


def require_sms_for_mobile_channels(
    channels: Iterable[str], mobile: str | None, *, field_name: str = "consent.channels"
) -> None:
    """WhatsApp and calls go to the mobile and fall back to SMS: a new contact needs both."""
    given = set(channels)
    if not given & MOBILE_CHANNELS:
        return
    if mobile is None:
        raise invalid_field(
            field_name, _("WhatsApp and phone calls need a mobile number; add the parent's mobile")
        )
    if "sms" not in given:
        raise invalid_field(
            field_name,
            _(
                "WhatsApp and phone calls go to the mobile and fall back to SMS: tick SMS too, "
                "if the parent agrees to it"
            ),
        )


def require_address(mobile: str | None, email: str | None) -> None:
    """A contact needs a mobile number or an email address to be reached at all."""
    if mobile is None and email is None:
        raise invalid_field("mobile", _("give a mobile number, an email address, or both"))


def raise_all(errors: list[FieldError]) -> None:
    """One 422 naming every field that is wrong, so a person fixes them all in one go."""
    if errors:
        raise Invalid("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


def collect(
    errors: list[FieldError], check: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Run one ``clean_*`` check; on refusal, add its field errors and return None."""
    try:
        return check(*args, **kwargs)
    except Invalid as refusal:
        errors.extend(refusal.errors)
        return None


def build_draft(
    *,
    name: str | None,
    mobile: str | None,
    email: str | None,
    language: str | None,
    age_groups: Iterable[str],
    consent_channels: Iterable[str],
    consent_method: str | None,
    consent_note: str | None = "",
    notes: str | None = "",
    row: int = 0,
) -> ContactDraft:
    """Check every field at once; raises :class:`Invalid` listing each field that is wrong."""
    errors: list[FieldError] = []
    clean_name_ = collect(errors, clean_name, name)
    mobile_ = collect(errors, clean_mobile, mobile)
    email_ = collect(errors, clean_email, email)
    language_ = collect(errors, clean_language, language)
    groups = collect(errors, clean_age_groups, age_groups)
    channels = collect(errors, clean_channels, consent_channels)
    method = collect(errors, clean_method, consent_method)
    note = collect(errors, clean_note, consent_note)
    notes_ = collect(errors, clean_note, notes, field_name="notes", limit=NOTES_MAX)
    if not any(e.field in {"mobile", "email"} for e in errors):
        collect(errors, require_address, mobile_, email_)
        if channels:
            collect(errors, require_sms_for_mobile_channels, channels, mobile_)
    raise_all(errors)  # past this line every check passed, so no value below is None
    return ContactDraft(
        name=clean_name_ or "",
        mobile=mobile_,
        email=email_,
        language=language_ or "",
        age_groups=groups or [],
        consent_channels=channels or [],
        consent_method=method or ConsentMethod.PAPER_FORM,
        consent_note=note or "",
        notes=notes_ or "",
        row=row,
    )
