"""Phone numbers: parse what people type into E.164, and refuse what cannot get an SMS."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _

_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalise_mobile(raw: str, *, region: str = "NL", field: str = "mobile") -> str:
    """``06 12345678`` → ``+31612345678``; raises ``Invalid`` naming ``field`` otherwise."""
    text = (raw or "").strip()
    if not text:
        raise invalid_field(field, _("is empty; give a mobile number such as +31612345678"))
    shown = repr(text[:40])
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        raise invalid_field(
            field,
            _("{number} is not a phone number; write it as +31612345678 or 0612345678").format(
                number=shown
            ),
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise invalid_field(
            field,
            _(
                "{number} is not a valid phone number; a number from another country "
                "starts with + and the country code, such as +48512345678"
            ).format(number=shown),
        )
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise invalid_field(
            field,
            _("{number} is not a mobile number, so it cannot receive SMS").format(number=shown),
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def parse_sender(raw: str | None) -> str | None:
    """The E.164 form of an inbound sender, or None when it is not a phone number at all."""
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw.strip(), None)
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
