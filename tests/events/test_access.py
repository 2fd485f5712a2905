"""The access contract other features build on, called directly."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.errors import Forbidden, NotFound
from parentinfo.events import service
from parentinfo.events.access import editable_event, event_query_for, host_org_ids, visible_event
from parentinfo.events.models import EventHost
from parentinfo.lib.enums import HostRole, HostStatus
from tests.factories import make_member, make_org
from tests.factories.events import make_event

pytestmark = pytest.mark.anyio


async def test_visibility_and_editing_follow_the_host_rows(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    partner = await make_member(await make_org("partner"))
    event = await make_event(school)
    owner_row = await EventHost.get(event_id=event.id)
    assert (owner_row.role, owner_row.status) == (HostRole.HOST, HostStatus.ACCEPTED)
    with pytest.raises(NotFound):
        await visible_event(actor=partner.actor, event_id=event.id)
    with pytest.raises(NotFound):
        await editable_event(actor=partner.actor, event_id=event.id)
    assert await event_query_for(partner.actor).count() == 0

    await service.invite_cohost(actor=school.actor, event_id=event.id, organisation="partner")
    assert (await visible_event(actor=partner.actor, event_id=event.id)).id == event.id
    with pytest.raises(Forbidden):
        await editable_event(actor=partner.actor, event_id=event.id)
    assert await host_org_ids(event_id=event.id) == {school.organisation.id}

    await service.respond_to_cohost_invitation(
        actor=partner.actor, event_id=event.id, organisation="partner", accept=True
    )
    assert (await editable_event(actor=partner.actor, event_id=event.id)).id == event.id
    assert await host_org_ids(event_id=event.id) == {
        school.organisation.id,
        partner.organisation.id,
    }
    assert [e.id for e in await event_query_for(partner.actor)] == [event.id]
    assert await host_org_ids(event_id=event.id + 1000) == set()


async def test_text_for_follows_the_chain(client: httpx.AsyncClient) -> None:
    school = await make_member(await make_org("school"))
    event = await make_event(school, texts={"pl": ("Szkoła", ""), "nl": ("School", "uitleg")})
    chosen = await service.text_for(event=event, language="ro")
    assert chosen is not None
    assert (chosen.language, chosen.title, chosen.description) == ("nl", "School", "uitleg")
    polish = await service.text_for(event=event, language="pl")
    assert polish is not None
    assert polish.title == "Szkoła"
