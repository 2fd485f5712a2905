"""A send costs the same number of statements for ten parents as for a hundred.

The event is read once per send (texts, hosts, guest: one snapshot), and every parent's
SMS, email and calendar is built from it; rows are written and read back in bulk. Before
the snapshot carried the calendar, each email cost three more statements (its own
invitation, texts and hosts): 10 email parents took 47, 40 took 137.
"""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.organisations.models import Organisation
from tests.factories import make_member, make_org
from tests.factories.outreach import add_cohost, make_contacts, messages, published_event

pytestmark = pytest.mark.anyio


async def _email_contacts(organisation: Organisation, count: int) -> None:
    rows = [
        Contact(
            organisation=organisation,
            name=f"Parent {i:05d}",
            email=f"parent{i}@example.com",
            language="pl",
            age_groups=["4-11"],
        )
        for i in range(count)
    ]
    await Contact.bulk_create(rows, batch_size=500)


async def _statements_to_send(
    api: httpx.AsyncClient, statements: list[str], *, parents: int, channel: str
) -> int:
    school = await make_org(f"school-{channel}-{parents}")
    member = await make_member(school)
    event = await published_event(school)
    await add_cohost(event, await make_org(f"partner-{channel}-{parents}"))
    if channel == "sms":
        await make_contacts(school, parents)
    else:
        await _email_contacts(school, parents)
    url = f"/api/v1/events/{event.id}/outreach/send"

    statements.clear()
    response = await api.post(url, json={}, headers=member.headers)
    sent = len(statements)

    assert response.status_code == 202, response.text
    assert response.json()["queued"] == parents
    rows = await messages(event_id=event.id)
    assert {row.channel for row in rows} == {channel}
    if channel == "email":
        assert all("BEGIN:VCALENDAR" in row.calendar for row in rows)
    return sent


@pytest.mark.parametrize("channel", ["sms", "email"])
async def test_sending_to_ten_or_a_hundred_parents_costs_the_same(
    api: httpx.AsyncClient, statements: list[str], channel: str
) -> None:
    ten = await _statements_to_send(api, statements, parents=10, channel=channel)
    hundred = await _statements_to_send(api, statements, parents=100, channel=channel)
    assert ten == hundred, f"{channel}: 10 parents took {ten} statements, 100 took {hundred}"
