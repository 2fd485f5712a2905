"""A volunteer runs the door and adds walk-ins, but does not edit events or read the inbox."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import make_member, make_org
from tests.factories.attendance import invite, make_contact, make_door_event
from tests.web.helpers import login

pytestmark = pytest.mark.anyio


async def test_a_volunteer_sees_the_door_but_no_editing(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    volunteer = await make_member(school, role="volunteer")
    event = await make_door_event(school)
    await invite(event, await make_contact(school, "Anna Kowalska"))
    await login(client, volunteer)
    dashboard = (await client.get("/?lang=en")).text
    assert "/events/new" not in dashboard
    assert "Replies we did not understand" not in dashboard
    detail = (await client.get(f"/events/{event.id}?lang=en")).text
    assert f"/events/{event.id}/door" in detail
    assert f"/events/{event.id}/edit" not in detail
    assert (await client.get(f"/events/{event.id}/door")).status_code == 200
    assert (await client.get("/events/new")).status_code == 403
