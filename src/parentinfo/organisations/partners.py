"""An admin brings in another organisation: a partner (library, playgroup…) or a municipality.

Made by name, kind and languages; either its first admin is invited by email, or the admin
who made it becomes its admin (to set it up and invite its people later). This touches
accounts as well as organisations, so it lives here rather than in either service.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.invitations import create_invitation, parse_email
from parentinfo.accounts.models import Membership
from parentinfo.errors import FieldError, Invalid
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import OrganisationKind, Role
from parentinfo.organisations.models import Organisation
from parentinfo.organisations.service import SLUG_MAX, clean_languages, clean_name


@dataclass(frozen=True)
class NewOrganisation:
    """What a new organisation needs; ``admin_email`` empty: the maker becomes its admin."""

    name: str
    kind: str
    languages: list[str]
    admin_email: str = ""


def slug_for(name: str) -> str:
    """A URL-safe slug from a name ("Bibliotheek Zuid" → ``bibliotheek-zuid``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[: SLUG_MAX - 4] or "organisation"


async def _free_slug(name: str) -> str:
    base = slug_for(name)
    slug, number = base, 1
    while await Organisation.exists(slug=slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def _checked(new: NewOrganisation) -> dict[str, Any]:
    """Every field's problem at once (422), or the cleaned values."""
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    for field, clean in (("name", clean_name), ("languages", clean_languages)):
        try:
            cleaned[field] = clean(getattr(new, field))
        except ValueError as problem:
            errors.append(FieldError(field, str(problem)))
    try:
        cleaned["kind"] = OrganisationKind(new.kind)
    except ValueError:
        errors.append(FieldError("kind", _("Choose what kind of organisation this is.")))
    if not cleaned.get("languages") and "languages" not in {e.field for e in errors}:
        errors.append(FieldError("languages", _("Choose at least one language.")))
    if new.admin_email.strip():
        try:
            cleaned["admin_email"] = parse_email(new.admin_email)
        except Invalid as problem:
            errors.extend(FieldError("admin_email", e.message) for e in problem.errors)
    if errors:
        raise Invalid("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return cleaned


async def create_organisation(
    *, actor: Actor, new: NewOrganisation, language: str = "nl"
) -> Organisation:
    """An admin makes a partner organisation or a municipality (nothing half-made on bad input)."""
    actor.require_admin()
    cleaned = _checked(new)
    organisation = await Organisation.create(
        slug=await _free_slug(cleaned["name"]),
        name=cleaned["name"],
        kind=cleaned["kind"],
        languages=cleaned["languages"],
    )
    if email := cleaned.get("admin_email"):
        await create_invitation(
            org_id=organisation.id,
            email=email,
            role=Role.ADMIN,
            invited_by_id=actor.user_id,
            language=language,
        )
    else:
        await Membership.create(user_id=actor.user_id, organisation=organisation, role=Role.ADMIN)
    return organisation
