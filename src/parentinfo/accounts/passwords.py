"""Password hashing with argon2."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from parentinfo.errors import FieldError, Invalid
from parentinfo.i18n import gettext as _

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return str(_hasher.hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; never raises on a bad or foreign hash."""
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def one_time_password() -> str:
    """A password to print once for a new user: 4 groups of 4, easy to type."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


MIN_PASSWORD_LENGTH = 10


def new_password_errors(password: str, repeat: str) -> list[FieldError]:
    """What is wrong with a password someone chooses (empty when it will do)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        message = _("Use at least %(count)d characters.") % {"count": MIN_PASSWORD_LENGTH}
        return [FieldError("password", message)]
    if password != repeat:
        return [FieldError("repeat", _("The two passwords are not the same."))]
    return []


def check_new_password(password: str, repeat: str) -> None:
    """Refuse (422, per field) a password that is too short or typed differently twice."""
    if errors := new_password_errors(password, repeat):
        raise Invalid(errors[0].message, errors=errors)
