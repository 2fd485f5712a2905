"""The events API: create, read through the fallback chain, change, publish, cancel, copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, OrganisationKind
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.jobs import PROMOTION_TASK
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from tests.factories import Member, make_member, make_org
from tests.factories.events import event_body
from tests.factories.rsvp import rsvp_contact, rsvp_invitation

pytestmark = pytest.mark.anyio


@pytest.fixture
async def school(client: httpx.AsyncClient) -> Member:
    return await make_member(await make_org("school"))


async def create(client: httpx.AsyncClient, member: Member, **overrides: Any) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/events", json=event_body(**overrides), headers=member.headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_polish_text_is_read_back_in_romanian_through_the_fallback(
    client: httpx.AsyncClient, school: Member
) -> None:
    texts = {
        "pl": {"title": "Szkoła w Holandii", "description": "Spotkanie po angielsku."},
        "en": {"title": "School in the Netherlands", "description": "A session in English."},
    }
    event = await create(client, school, texts=texts)
    response = await client.get(f"/api/v1/events/{event['id']}?language=ro", headers=school.headers)
    assert response.status_code == 200
    body = response.json()
    assert (body["text_language"], body["title"]) == ("en", "School in the Netherlands")
    assert body["text_languages"] == ["en", "pl"]
    polish = await client.get(f"/api/v1/events/{event['id']}?language=pl", headers=school.headers)
    assert (polish.json()["text_language"], polish.json()["title"]) == ("pl", "Szkoła w Holandii")


async def test_an_event_with_only_a_polish_text_is_read_in_romanian(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(client, school, texts={"pl": {"title": "Szkoła w Holandii"}})
    response = await client.get(f"/api/v1/events/{event['id']}?language=ro", headers=school.headers)
    body = response.json()
    # Neither Romanian, English nor Dutch exists: any text beats none.
    assert (response.status_code, body["text_language"], body["title"]) == (
        200,
        "pl",
        "Szkoła w Holandii",
    )


async def test_only_dutch_is_read_by_a_romanian_reader(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(client, school, texts={})
    put = await client.put(
        f"/api/v1/events/{event['id']}/texts/nl",
        json={"title": "Het Nederlandse schoolsysteem", "description": "Uitleg"},
        headers=school.headers,
    )
    assert put.status_code == 201
    body = (
        await client.get(f"/api/v1/events/{event['id']}?language=ro", headers=school.headers)
    ).json()
    assert (body["text_language"], body["title"], body["description"]) == (
        "nl",
        "Het Nederlandse schoolsysteem",
        "Uitleg",
    )


async def test_texts_are_written_rewritten_listed_and_removed(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(client, school, texts={"en": {"title": "School"}})
    url = f"/api/v1/events/{event['id']}/texts"
    first = await client.put(f"{url}/ro", json={"title": "Școala"}, headers=school.headers)
    again = await client.put(f"{url}/ro", json={"title": "Școala olandeză"}, headers=school.headers)
    assert (first.status_code, again.status_code) == (201, 200)
    listed = (await client.get(url, headers=school.headers)).json()
    assert [(t["language"], t["title"]) for t in listed] == [
        ("en", "School"),
        ("ro", "Școala olandeză"),
    ]
    assert (await client.delete(f"{url}/ro", headers=school.headers)).status_code == 204
    assert (await client.delete(f"{url}/ro", headers=school.headers)).status_code == 404
    assert [t["language"] for t in (await client.get(url, headers=school.headers)).json()] == ["en"]


async def test_times_come_back_in_utc_and_in_amsterdam(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(
        client,
        school,
        starts_at="2031-07-08T19:00:00+02:00",
        ends_at="2031-07-08T21:00:00",  # no offset: read in Europe/Amsterdam
    )
    assert event["starts_at"] == "2031-07-08T17:00:00Z"
    assert event["starts_at_local"] == "2031-07-08T19:00:00+02:00"
    assert event["ends_at"] == "2031-07-08T19:00:00Z"
    assert event["ends_at_local"] == "2031-07-08T21:00:00+02:00"
    assert event["timezone"] == "Europe/Amsterdam"


async def test_an_event_gets_a_short_reply_code_and_a_uid(
    client: httpx.AsyncClient, school: Member
) -> None:
    first, second = await create(client, school), await create(client, school)
    assert len(first["reply_code"]) == 2
    assert first["reply_code"] != second["reply_code"]
    assert first["uid"].endswith("@parentinfo")
    assert (first["status"], first["my_host_role"], first["organisation"]) == (
        "draft",
        "host",
        "school",
    )


BAD_BODIES: list[tuple[dict[str, Any], str, str]] = [
    ({"session_languages": ["en", "xx"]}, "session_languages", "'xx' is not a supported"),
    ({"interpreter_languages": ["xx"]}, "interpreter_languages", "pl, ro, bg"),
    ({"texts": {"xx": {"title": "T"}}}, "texts.xx", "use one of nl, en"),
    ({"topic": "cooking"}, "topic", "school_system, library"),
    (
        {"ends_at": "2031-07-08T18:00:00+02:00", "starts_at": "2031-07-08T19:00:00+02:00"},
        "ends_at",
        "later than starts_at",
    ),
    ({"texts": {"pl": {"description": "no title"}}}, "texts", "`title`"),
    ({"texts": {"pl": {"title": "   "}}}, "title", "is required"),
    ({"texts": {"pl": {"title": "x" * 201}}}, "texts", "length <= 200"),
    ({"capacity": 0}, "capacity", ">= 1"),
    ({"childcare": "yes"}, "childcare", "bool"),
    ({"guest_organisation": "nobody"}, "guest_organisation", "no organisation"),
    ({"timezone": "Mars/Olympus"}, "timezone", "not a time zone"),
    ({"starts_at": "next tuesday"}, "starts_at", "datetime"),
    ({"colour": "blue"}, "data", "unknown field `colour`"),
]


async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient, school: Member
) -> None:
    for overrides, field, hint in BAD_BODIES:
        response = await client.post(
            "/api/v1/events", json=event_body(**overrides), headers=school.headers
        )
        assert response.status_code == 422, (overrides, response.text)
        errors = response.json()["errors"]
        assert any(e["field"].startswith(field) and hint in e["message"] for e in errors), (
            overrides,
            errors,
        )
    assert await Event.all().count() == 0


async def test_missing_fields_and_a_body_that_is_not_an_object_are_422(
    client: httpx.AsyncClient, school: Member
) -> None:
    missing = await client.post("/api/v1/events", json={"topic": "library"}, headers=school.headers)
    assert missing.status_code == 422
    assert "starts_at" in missing.json()["detail"]
    array = await client.post("/api/v1/events", json=[1, 2], headers=school.headers)
    assert array.status_code == 422
    event = await create(client, school)
    no_title = await client.put(
        f"/api/v1/events/{event['id']}/texts/pl", json={"description": "x"}, headers=school.headers
    )
    assert no_title.status_code == 422
    assert "title" in no_title.json()["detail"]
    unknown = await client.put(
        f"/api/v1/events/{event['id']}/texts/xx", json={"title": "x"}, headers=school.headers
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "language"
    assert "nl, en, pl, ro, bg" in unknown.json()["errors"][0]["message"]
    reading = await client.get(f"/api/v1/events/{event['id']}?language=xx", headers=school.headers)
    assert reading.status_code == 422
    assert reading.json()["errors"][0]["field"] == "language"


async def test_publish_needs_a_text(client: httpx.AsyncClient, school: Member) -> None:
    event = await create(client, school)
    refused = await client.post(f"/api/v1/events/{event['id']}/publish", headers=school.headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "texts"
    await client.put(
        f"/api/v1/events/{event['id']}/texts/en", json={"title": "School"}, headers=school.headers
    )
    published = await client.post(f"/api/v1/events/{event['id']}/publish", headers=school.headers)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["published_at"] is not None
    twice = await client.post(f"/api/v1/events/{event['id']}/publish", headers=school.headers)
    assert twice.status_code == 409
    last_text = await client.delete(
        f"/api/v1/events/{event['id']}/texts/en", headers=school.headers
    )
    assert last_text.status_code == 409
    entry = await AuditEntry.get(action="event.published")
    assert (entry.subject_type, entry.subject_id) == ("event", event["id"])


async def test_moving_a_published_event_raises_sequence_and_queues_notices(
    client: httpx.AsyncClient, school: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed: list[int] = []
    flags: list[tuple[bool, bool]] = []

    async def record_change(*, event: Event, time_changed: bool, place_changed: bool) -> int:
        changed.append(event.id)
        flags.append((time_changed, place_changed))
        return 0

    monkeypatch.setattr("parentinfo.outreach.listeners.queue_change_notices", record_change)
    event = await create(client, school, texts={"en": {"title": "School"}})
    url = f"/api/v1/events/{event['id']}"
    draft_move = await client.patch(url, json={"venue": "Gym"}, headers=school.headers)
    assert draft_move.json()["sequence"] == 0  # nobody was told about a draft
    await client.post(f"{url}/publish", headers=school.headers)
    small = await client.patch(
        url, json={"capacity": 40, "childcare": False}, headers=school.headers
    )
    assert (small.json()["sequence"], small.json()["capacity"], changed) == (0, 40, [])
    moved = await client.patch(url, json={"venue": "Library hall"}, headers=school.headers)
    assert moved.status_code == 200
    assert (moved.json()["sequence"], moved.json()["venue"], changed) == (
        1,
        "Library hall",
        [event["id"]],
    )
    same = await client.patch(url, json={"venue": "Library hall"}, headers=school.headers)
    assert same.json()["sequence"] == 1
    later = {"ends_at": "2031-01-01T00:00:00+00:00"}
    await client.patch(url, json={**later, "venue": "Library hall"}, headers=school.headers)
    await client.patch(url, json={"address": "Kerkstraat 2"}, headers=school.headers)
    assert flags == [(False, True), (True, False), (False, True)]
    bad = await client.patch(url, json={"ends_at": event["starts_at"]}, headers=school.headers)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "ends_at"


async def test_cancel_twice_is_a_conflict(
    client: httpx.AsyncClient, school: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    cancelled: list[int] = []

    async def record_cancel(*, event: Event) -> int:
        cancelled.append(event.id)
        return 0

    monkeypatch.setattr("parentinfo.outreach.listeners.queue_cancellations", record_cancel)
    event = await create(client, school, texts={"en": {"title": "School"}})
    url = f"/api/v1/events/{event['id']}"
    await client.post(f"{url}/publish", headers=school.headers)
    first = await client.post(f"{url}/cancel", headers=school.headers)
    assert first.status_code == 200
    assert (first.json()["status"], first.json()["sequence"]) == ("cancelled", 1)
    assert cancelled == [event["id"]]
    second = await client.post(f"{url}/cancel", headers=school.headers)
    assert second.status_code == 409
    assert (await client.patch(url, json={"venue": "x"}, headers=school.headers)).status_code == 409
    await make_org("partner")
    invite = await client.post(
        f"{url}/hosts", json={"organisation": "partner"}, headers=school.headers
    )
    assert invite.status_code == 409
    text = await client.put(f"{url}/texts/pl", json={"title": "Szkoła"}, headers=school.headers)
    assert text.status_code == 409
    assert cancelled == [event["id"]]
    assert await AuditEntry.filter(action="event.cancelled", subject_id=event["id"]).count() == 1


async def test_duplicate_is_a_new_draft_with_the_texts(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(client, school, texts={"pl": {"title": "Szkoła"}})
    await client.post(f"/api/v1/events/{event['id']}/publish", headers=school.headers)
    copy = await client.post(
        f"/api/v1/events/{event['id']}/duplicate",
        json={"starts_at": "2031-09-09T19:00:00+02:00"},
        headers=school.headers,
    )
    assert copy.status_code == 201
    body = copy.json()
    assert body["id"] != event["id"]
    assert body["status"] == "draft"
    assert (body["title"], body["reply_code"] != event["reply_code"]) == ("Szkoła", True)
    assert body["uid"] != event["uid"]
    assert (body["starts_at"], body["ends_at"]) == ("2031-09-09T17:00:00Z", "2031-09-09T19:00:00Z")
    plain = await client.post(f"/api/v1/events/{event['id']}/duplicate", headers=school.headers)
    assert plain.status_code == 201
    assert plain.json()["starts_at"] == event["starts_at"]


async def test_list_filters_and_pages(client: httpx.AsyncClient, school: Member) -> None:
    for month in ("03", "04", "05"):
        await create(
            client,
            school,
            starts_at=f"2031-{month}-10T19:00:00+01:00",
            ends_at=f"2031-{month}-10T21:00:00+01:00",
            texts={"en": {"title": f"Month {month}"}},
        )
    await create(client, school, topic="library")
    url = "/api/v1/events"
    page = (
        await client.get(f"{url}?per_page=2&page=2&topic=school_system", headers=school.headers)
    ).json()
    assert (page["total"], page["page"], [e["title"] for e in page["items"]]) == (
        3,
        2,
        ["Month 05"],
    )
    ranged = await client.get(
        f"{url}?from=2031-04-01T00:00:00%2B02:00&to=2031-05-01T00:00:00Z", headers=school.headers
    )
    assert [e["title"] for e in ranged.json()["items"]] == ["Month 04"]
    drafts = (await client.get(f"{url}?status=draft", headers=school.headers)).json()
    assert drafts["total"] == 4
    for bad, field in (
        ("status=over", "status"),
        ("topic=x", "topic"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
    ):
        response = await client.get(f"{url}?{bad}", headers=school.headers)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == field


async def test_guest_organisation_is_shown_by_slug(
    client: httpx.AsyncClient, school: Member
) -> None:
    await make_org("library", kind=OrganisationKind.LIBRARY)
    event = await create(client, school, topic="mothers_network", guest_organisation="library")
    assert event["guest_organisation"] == "library"
    await make_org("playgroup", kind=OrganisationKind.PLAYGROUP)
    changed = await client.patch(
        f"/api/v1/events/{event['id']}",
        json={"guest_organisation": "playgroup"},
        headers=school.headers,
    )
    assert changed.json()["guest_organisation"] == "playgroup"
    stored = await Event.get(id=event["id"]).select_related("guest_organisation")
    assert stored.guest_organisation is not None
    assert stored.guest_organisation.slug == "playgroup"
    cleared = await client.patch(
        f"/api/v1/events/{event['id']}", json={"guest_organisation": None}, headers=school.headers
    )
    assert cleared.json()["guest_organisation"] is None


async def test_more_capacity_moves_the_waiting_list_up_and_tells_them(
    client: httpx.AsyncClient, school: Member
) -> None:
    event = await create(client, school, texts={"en": {"title": "School"}}, capacity=1)
    url = f"/api/v1/events/{event['id']}"
    await client.post(f"{url}/publish", headers=school.headers)
    org = school.organisation
    held, first, second = [
        await rsvp_invitation(
            await Event.get(id=event["id"]),
            await rsvp_contact(org),
            answer=Answer.YES,
            waitlisted=waiting,
            answered_at=datetime.now(UTC) - timedelta(minutes=minutes),
        )
        for waiting, minutes in ((False, 9), (True, 8), (True, 7))
    ]

    grown = await client.patch(url, json={"capacity": 2}, headers=school.headers)
    assert grown.status_code == 200, grown.text
    waiting = await Invitation.filter(waitlisted=True).values_list("id", flat=True)
    assert waiting == [second.id]  # the first in line moved up into the one new place
    assert await _promotion_notices() == [[first.id]]

    unlimited = await client.patch(url, json={"capacity": None}, headers=school.headers)
    assert unlimited.status_code == 200, unlimited.text
    assert not await Invitation.filter(waitlisted=True).exists()
    assert await _promotion_notices() == [[first.id], [second.id]]
    assert held.id not in {i for ids in await _promotion_notices() for i in ids}


async def _promotion_notices() -> list[list[int]]:
    jobs = await runtime().jobs.job_manager.list_jobs_async(task=PROMOTION_TASK)
    return [job.task_kwargs["invitation_ids"] for job in sorted(jobs, key=lambda j: j.id or 0)]  # type: ignore[misc]
