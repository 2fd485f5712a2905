"""An API token names its user and organisation in one query, with the same refusals as before."""

from __future__ import annotations

import pytest
from litestar import Litestar

from parentinfo.accounts.models import ApiToken, Membership, User
from parentinfo.accounts.service import actor_for, actor_for_token, create_user
from parentinfo.errors import Forbidden, Unauthorized
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Role
from tests.factories import make_member, make_org

pytestmark = pytest.mark.anyio


async def test_a_token_acts_in_the_first_organisation_or_the_one_asked_for(app: Litestar) -> None:
    school, partner = await make_org("school"), await make_org("partner")
    member = await make_member(school)
    await create_user(email=member.email, org_slug="partner", role="volunteer", password="pw")
    user = await User.get(email=member.email)
    first = await actor_for_token(member.token)
    assert (first.org_id, first.role) == (school.id, Role.COORDINATOR)
    assert first.memberships == {school.id: Role.COORDINATOR, partner.id: Role.VOLUNTEER}
    assert first == await actor_for(user)
    chosen = await actor_for_token(member.token, org_slug="partner")
    assert (chosen.org_id, chosen.role) == (partner.id, Role.VOLUNTEER)
    assert chosen == await actor_for(user, org_slug="partner")


async def test_revoked_tokens_and_inactive_users_are_refused(app: Litestar) -> None:
    member = await make_member(await make_org("school"))
    await ApiToken.filter(user__email=member.email).update(revoked_at=now())
    with pytest.raises(Unauthorized):
        await actor_for_token(member.token)
    other = await make_member(await make_org("library"))
    await User.filter(email=other.email).update(is_active=False)
    with pytest.raises(Unauthorized):
        await actor_for_token(other.token)
    with pytest.raises(Unauthorized):
        await actor_for_token("never-issued")


async def test_an_organisation_not_yours_or_none_at_all_is_forbidden(app: Litestar) -> None:
    await make_org("other")
    member = await make_member(await make_org("school"))
    with pytest.raises(Forbidden):
        await actor_for_token(member.token, org_slug="other")
    await Membership.filter(user__email=member.email).delete()
    with pytest.raises(Forbidden):
        await actor_for_token(member.token)
