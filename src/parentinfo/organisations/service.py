"""Organisations: the public directory every member can search, and their own details."""

from __future__ import annotations

from parentinfo.accounts.actor import Actor
from parentinfo.errors import NotFound
from parentinfo.organisations.models import Organisation


async def list_organisations(*, actor: Actor, kind: str | None = None) -> list[Organisation]:
    """Every organisation's public details (to find a co-host or a guest organisation)."""
    del actor  # public directory: name, slug, kind, languages
    query = Organisation.all()
    if kind:
        query = query.filter(kind=kind)
    return await query.order_by("name")


async def get_organisation(*, actor: Actor, slug: str) -> Organisation:
    """One organisation's public details by slug."""
    del actor
    organisation = await Organisation.get_or_none(slug=slug)
    if organisation is None:
        raise NotFound(f"No organisation with slug {slug!r}.")
    return organisation
