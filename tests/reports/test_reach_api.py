"""The reach report through the API on both databases, against hand-counted fixtures."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.enums import (
    Answer,
    Channel,
    EventStatus,
    HostRole,
    HostStatus,
    MessageKind,
    MessageStatus,
    OrganisationKind,
    Topic,
)
from parentinfo.lib.tokens import new_token
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import MunicipalityLink, Organisation
from parentinfo.rsvp.models import Invitation
from tests.factories import Member, make_member, make_org
from tests.reports import attacker

pytestmark = pytest.mark.anyio
PERIOD = {"start": "2026-10-01", "end": "2026-11-30"}


async def _event(
    owner: Organisation,
    when: datetime,
    *,
    topic: Topic = Topic.SCHOOL_SYSTEM,
    status: EventStatus = EventStatus.PUBLISHED,
    cohost: Organisation | None = None,
) -> Event:
    event = await Event.create(
        organisation=owner,
        topic=topic,
        status=status,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        reply_code=uuid.uuid4().hex[:6],
        uid=f"{uuid.uuid4()}@test",
    )
    await EventHost.create(
        event=event, organisation=owner, role=HostRole.HOST, status=HostStatus.ACCEPTED
    )
    if cohost is not None:
        await EventHost.create(
            event=event, organisation=cohost, role=HostRole.COHOST, status=HostStatus.ACCEPTED
        )
    return event


async def _invite(
    event: Event,
    org: Organisation,
    n: int,
    language: str,
    *,
    answer: Answer,
    party: int = 1,
    checked_in: int = 0,
    sms: MessageStatus | None = MessageStatus.DELIVERED,
) -> list[Invitation]:
    made = []
    for i in range(n):
        contact = await Contact.create(
            organisation=org,
            name=f"Secret Name {uuid.uuid4().hex[:6]}",
            mobile=f"+3161{uuid.uuid4().int % 10**7:07d}",
            language=language,
        )
        invitation = await Invitation.create(
            event=event,
            contact=contact,
            organisation=org,
            language=language,
            answer=answer,
            party_size=party,
            token=new_token(),
        )
        if i < checked_in:
            await CheckIn.create(
                event=event, invitation=invitation, party_size=party, checked_in_at=event.starts_at
            )
        if sms is not None:
            await OutboundMessage.create(
                organisation=org,
                event=event,
                invitation=invitation,
                contact=contact,
                channel=Channel.SMS,
                kind=MessageKind.INVITATION,
                language=language,
                status=sms,
                segments=2,
                to_address=contact.mobile,
            )
        made.append(invitation)
    return made


@pytest.fixture
async def world() -> dict[str, Member]:
    school = await make_org("school")
    polska = await make_org("polska", kind=OrganisationKind.MIGRANT_ORGANISATION)
    other = await make_org("other")
    town = await make_org("town", kind=OrganisationKind.MUNICIPALITY)
    oct_10 = datetime(2026, 10, 10, 16, tzinfo=UTC)
    first = await _event(school, oct_10, cohost=polska)
    returning = await _invite(first, school, 6, "pl", answer=Answer.YES, party=2, checked_in=3)
    await _invite(
        first, polska, 3, "ro", answer=Answer.MAYBE, checked_in=1, sms=MessageStatus.FAILED
    )
    library = await _event(school, datetime(2026, 11, 5, 16, tzinfo=UTC), topic=Topic.LIBRARY)
    await _invite(library, school, 2, "bg", answer=Answer.NO)
    # Outside the report: a cancelled event, another organisation's event, an earlier visit.
    await _invite(
        await _event(school, oct_10, status=EventStatus.CANCELLED),
        school,
        4,
        "pl",
        answer=Answer.YES,
    )
    await _invite(await _event(other, oct_10), other, 7, "en", answer=Answer.YES, checked_in=7)
    earlier = await _event(school, datetime(2026, 9, 1, 16, tzinfo=UTC), status=EventStatus.DONE)
    visit = await Invitation.create(
        event=earlier,
        contact=returning[0].contact,
        organisation=school,
        language="pl",
        answer=Answer.YES,
        token=new_token(),
    )
    await CheckIn.create(
        event=earlier, invitation=visit, party_size=1, checked_in_at=earlier.starts_at
    )
    await MunicipalityLink.create(municipality=town, organisation=school, status="accepted")
    await MunicipalityLink.create(municipality=town, organisation=other, status="invited")
    return {
        "school": await make_member(school),
        "polska": await make_member(polska),
        "town": await make_member(town, role="admin"),
        "other": await make_member(other, role="admin"),
        "volunteer": await make_member(school, role="volunteer"),
    }


async def test_school_report_matches_the_hand_count(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    response = await client.get(
        "/api/v1/reports/reach", params=PERIOD, headers=world["school"].headers
    )
    assert response.status_code == 200, response.text
    report = response.json()
    total = report["total"]
    hand_count = {
        "events": 2,
        "invited": 11,
        "answered": 11,
        "yes": 6,
        "yes_people": 12,
        "checked_in_people": 7,  # 2 + 2 + 2 + 1
        "sms_delivered": 8,
        "sms_cost_eur": f"{8 * 2 * 0.075:.2f}",
    }
    for name, value in hand_count.items():  # shown as counted, or hidden as a complement
        assert total[name] in (value, "x"), name
    assert (total["events"], total["invited"]) == (2, 11)
    # 2, 3, 3 + 1 and 3 of 4 (one parent came in September): small, so hidden
    assert (total["no"], total["maybe"], total["checked_in"], total["first_time"]) == ("x",) * 4
    languages = {row["label"]: row for row in report["by_language"]}
    assert languages["pl"]["invited"] == 6
    assert languages["ro"]["invited"] == "x"
    assert {row["label"] for row in report["by_organisation"]} == {"school", "polska"}


async def test_a_cohost_sees_the_same_figures_for_the_shared_event(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    report = (
        await client.get("/api/v1/reports/reach", params=PERIOD, headers=world["polska"].headers)
    ).json()
    assert report["total"]["events"] == 1
    assert report["total"]["invited"] == 9


async def test_municipality_sees_only_organisations_that_agreed(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    town = world["town"].headers
    report = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert report["total"]["invited"] == 8  # the school's own parents, not its co-host's
    refused = await client.get(
        "/api/v1/reports/reach", params={**PERIOD, "organisation": "other"}, headers=town
    )
    assert refused.status_code == 404

    link = next(
        row
        for row in (
            await client.get("/api/v1/municipality/links", headers=world["other"].headers)
        ).json()
        if row["municipality"] == "town"
    )
    accepted = await client.post(
        f"/api/v1/municipality/links/{link['id']}/accept", headers=world["other"].headers
    )
    assert accepted.status_code == 200
    after = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert after["total"]["invited"] == 15

    await client.post(
        f"/api/v1/municipality/links/{link['id']}/withdraw", headers=world["other"].headers
    )
    withdrawn = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert withdrawn["total"]["invited"] == 8


async def test_no_personal_field_in_any_report_answer(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    names = {c.name for c in await Contact.all()}
    mobiles = {c.mobile for c in await Contact.all() if c.mobile}
    for path in ("/api/v1/reports/reach", "/api/v1/reports/reach.csv"):
        body = (await client.get(path, params=PERIOD, headers=world["town"].headers)).text
        assert "Secret Name" not in body
        assert not any(m in body for m in mobiles | names)


async def test_csv_has_a_row_per_cell(client: httpx.AsyncClient, world: dict[str, Member]) -> None:
    response = await client.get(
        "/api/v1/reports/reach.csv", params=PERIOD, headers=world["school"].headers
    )
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("split,label,events,invited")
    assert any(line.startswith("language,pl,") for line in lines)
    assert any(line.startswith("total,,2,11,") for line in lines)


async def test_bad_filters_and_roles_are_refused(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    headers = world["school"].headers
    for params, field in (
        ({"start": "2026-12-01", "end": "2026-01-01"}, "start"),
        ({"language": "xx"}, "language"),
        ({"topic": "cooking"}, "topic"),
    ):
        response = await client.get("/api/v1/reports/reach", params=params, headers=headers)
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field
    assert (
        await client.get("/api/v1/reports/reach", params={"start": "yesterday"}, headers=headers)
    ).status_code in (
        400,
        422,
    )
    volunteer = await client.get("/api/v1/reports/reach", headers=world["volunteer"].headers)
    assert volunteer.status_code == 403
    not_a_municipality = await client.post(
        "/api/v1/municipality/links",
        json={"organisation": "polska"},
        headers=world["other"].headers,
    )
    assert not_a_municipality.status_code == 403


async def test_a_cohost_that_never_agreed_is_not_counted_for_the_municipality(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    # polska co-hosts the school's session but has no agreement with the town
    town = world["town"].headers
    report = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert {row["label"] for row in report["by_organisation"]} == {"school"}
    assert "ro" not in {row["label"] for row in report["by_language"]}
    csv_text = (await client.get("/api/v1/reports/reach.csv", params=PERIOD, headers=town)).text
    assert "polska" not in csv_text
    assert "language,ro," not in csv_text
    assert any(line.startswith("total,,2,8,") for line in csv_text.splitlines())


async def test_a_withdrawn_cohost_is_not_counted_either(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    town_org = await Organisation.get(slug="town")
    polska = await Organisation.get(slug="polska")
    link = await MunicipalityLink.create(
        municipality=town_org, organisation=polska, status="accepted"
    )
    town = world["town"].headers
    shared = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert shared["total"]["invited"] == 11
    link.status = "withdrawn"
    await link.save()
    after = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=town)).json()
    assert after["total"]["invited"] == 8
    assert {row["label"] for row in after["by_organisation"]} == {"school"}


async def test_no_hidden_figure_can_be_worked_out_from_the_api_or_the_csv(
    client: httpx.AsyncClient, world: dict[str, Member]
) -> None:
    for member in ("school", "polska", "town"):
        headers = world[member].headers
        report = (await client.get("/api/v1/reports/reach", params=PERIOD, headers=headers)).json()
        # the reader solves every row, column and total, and turns the SMS cost into segments
        assert attacker.recovered(report, price=Decimal("0.075")) == set(), member
        csv_rows = list(
            csv.reader(
                io.StringIO(
                    (
                        await client.get(
                            "/api/v1/reports/reach.csv", params=PERIOD, headers=headers
                        )
                    ).text
                )
            )
        )
        names = csv_rows[0][2:]
        shown = {(r[0], r[1]): dict(zip(names, r[2:], strict=True)) for r in csv_rows[1:]}
        assert shown[("total", "")]["invited"] == str(report["total"]["invited"])
        for split in ("language", "topic", "organisation", "month"):
            for row in report[f"by_{split}"]:
                for name in names:  # the CSV shows exactly what the API shows, no more
                    assert shown[(split, row["label"])][name] == str(row[name])
