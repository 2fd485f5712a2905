"""Builders for test data, through the same services the app uses where one exists."""

from __future__ import annotations

from dataclasses import dataclass

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.service import actor_for, create_api_token, create_user
from parentinfo.lib.enums import OrganisationKind
from parentinfo.organisations.models import Organisation


@dataclass
class Member:
    """A user of one organisation, with an API token and the headers that carry it."""

    actor: Actor
    token: str
    email: str
    password: str
    organisation: Organisation

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Organisation": self.organisation.slug}


async def make_org(
    slug: str = "school",
    *,
    kind: OrganisationKind = OrganisationKind.SCHOOL,
    name: str | None = None,
) -> Organisation:
    return await Organisation.create(
        slug=slug, name=name or slug.replace("-", " ").title(), kind=kind, languages=["nl", "en"]
    )


async def make_member(
    organisation: Organisation, *, role: str = "coordinator", email: str | None = None
) -> Member:
    email = email or f"{role}@{organisation.slug}.test"
    user, password = await create_user(
        email=email, org_slug=organisation.slug, role=role, password="pw-" + email
    )
    token = await create_api_token(email=email)
    actor = await actor_for(user, org_slug=organisation.slug)
    return Member(
        actor=actor, token=token, email=email, password=password, organisation=organisation
    )
