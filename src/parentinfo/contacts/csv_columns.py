"""Which spreadsheet column is which field: English and Dutch headers, as people write them."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.lib.folding import fold

# The fields of a contacts file, in the order of the template.
FIELDS: tuple[str, ...] = (
    "name",
    "mobile",
    "email",
    "language",
    "age_groups",
    "consent_channels",
    "consent_method",
    "consent_note",
    "notes",
    "whatsapp",
    "call_me",
)

# Headers are compared lower-cased with everything but letters and digits removed,
# so "E-mail", "e_mail" and "E MAIL" are one header.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "fullname", "volledigenaam", "parent", "ouder"),
    "mobile": (
        "mobile",
        "mobiel",
        "telefoon",
        "phone",
        "telephone",
        "mobilenumber",
        "mobielnummer",
        "telefoonnummer",
        "phonenumber",
        "gsm",
    ),
    "email": ("email", "emailadres", "emailaddress", "mail"),
    "language": ("language", "taal", "preferredlanguage", "voorkeurstaal", "lang"),
    "age_groups": (
        "agegroups",
        "agegroup",
        "ages",
        "leeftijd",
        "leeftijden",
        "leeftijdsgroep",
        "leeftijdsgroepen",
    ),
    "consent_channels": ("consentchannels", "channels", "kanalen", "toestemmingkanalen"),
    "consent_method": ("consentmethod", "method", "methode", "toestemmingmethode"),
    "consent_note": ("consentnote", "toestemmingnotitie", "toestemmingopmerking"),
    "notes": ("notes", "note", "notities", "notitie", "opmerkingen", "opmerking"),
    "whatsapp": ("whatsapp", "wa", "whatsappoptin", "whatsapptoestemming"),
    "call_me": ("callme", "call", "bellen", "belmij", "telefonisch", "voice"),
}
_BY_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

_METHOD_ALIASES: dict[str, str] = {
    "paper": "paper_form",
    "papier": "paper_form",
    "formulier": "paper_form",
    "papierformulier": "paper_form",
    "mondeling": "verbal",
    "deur": "at_the_door",
    "door": "at_the_door",
    "aandedeur": "at_the_door",
    "online": "web",
    "website": "web",
}
_CHANNEL_ALIASES: dict[str, tuple[str, ...]] = {
    "sms": ("sms",),
    "email": ("email",),
    "mail": ("email",),
    "both": ("sms", "email"),
    "beide": ("sms", "email"),
    "all": ("sms", "email"),  # WhatsApp and calls are the parent's own opt-ins: named only
    "alle": ("sms", "email"),
    "whatsapp": ("whatsapp",),
    "wa": ("whatsapp",),
    "voice": ("voice",),
    "call": ("voice",),
    "callme": ("voice",),
    "bellen": ("voice",),
    "belmij": ("voice",),
}
_YES = frozenset({"yes", "y", "ja", "j", "1", "x", "true", "waar"})
_NO = frozenset({"no", "n", "nee", "0", "false", "onwaar"})
_SEPARATORS = re.compile(r"[|,;/+\s]+")


def squash(text: str) -> str:
    """Lower-case letters and digits only: how headers and keywords are compared."""
    return _NOT_ALNUM.sub("", text.lower())


def field_for_header(header: str) -> str | None:
    """The field a column header names, or None for a column we do not use."""
    return _BY_ALIAS.get(squash(header))


def missing_column_message(name: str) -> str:
    """What to call a required column that is missing."""
    names = ", ".join(_ALIASES[name][:2])
    return _("this column is missing; add a column called {names}").format(names=names)


def split_list(cell: str) -> list[str]:
    """``0-3 | 4-11`` → ``["0-3", "4-11"]``."""
    return [part for part in _SEPARATORS.split(cell.strip()) if part]


def channels_from_cell(cell: str) -> list[str]:
    """``sms|e-mail`` → ``["sms", "email"]``; unknown words are kept, for the check to refuse."""
    channels: list[str] = []
    for part in split_list(cell):
        channels.extend(_CHANNEL_ALIASES.get(squash(part), (part,)))
    return channels


# A language cell may name the language as a Dutch or English spreadsheet does, or as its
# speakers do ("Roemeens", "Romanian", "română"): babel's display names, not a table of ours.
_NAMING_LOCALES = ("nl", "en")


@cache
def _codes_by_name() -> dict[str, str]:
    """Folded language name → code, for every supported language, in nl, en and itself."""
    names: dict[str, str] = {}
    for code in SUPPORTED_LANGUAGES:
        for locale in (*_NAMING_LOCALES, code):
            name = Locale.parse(locale).languages.get(code)
            if name:
                names[fold(name)] = code
    return names


def language_from_cell(cell: str) -> str:
    """``Roemeens``, ``ROMANA`` or ``română`` → ``ro``; anything else as written, to be checked."""
    return _codes_by_name().get(fold(cell), cell.strip())


def flag_from_cell(cell: str, *, field_name: str) -> bool | None:
    """``ja`` / ``yes`` / ``x`` → True, ``nee`` / ``no`` → False, an empty cell → None."""
    key = squash(cell)
    if not key:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise invalid_field(
        field_name,
        _("{value} is not yes or no; write yes or no (ja or nee), or leave it empty").format(
            value=repr(cell.strip()[:20])
        ),
    )


def method_from_cell(cell: str) -> str:
    """``papier`` → ``paper_form``; an empty cell means a signed paper form."""
    if not cell.strip():
        return "paper_form"
    key = squash(cell)
    return _METHOD_ALIASES.get(key, cell.strip().lower().replace(" ", "_"))
