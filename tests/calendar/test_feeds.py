"""Feeds: an organisation's public sessions and a parent's yes-sessions, with 304 answers."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.events.models import EventHost, EventText
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus
from tests.calendar.ical import parse_both
from tests.factories import make_org
from tests.factories.calendar import make_contact, make_event, make_invitation

pytestmark = pytest.mark.anyio


async def test_an_organisation_feed_has_its_public_sessions_only(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    shown = await make_event(school)
    await make_event(school, status=EventStatus.DRAFT)
    contact = await make_contact(school, email="parent@example.test", mobile="+31612345678")
    await make_invitation(shown, contact, answer=Answer.YES)
    response = await client.get("/calendar/school.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    parsed = parse_both(response.text)
    assert [str(e["UID"]) for e in parsed.events] == [shown.uid]
    assert str(parsed.events[0]["SUMMARY"]) == "Het Nederlandse schoolsysteem"  # nl by default
    for private in ("ATTENDEE", "parent@example.test", "+31612345678", "Anna", contact.name):
        assert private not in response.text


async def test_lang_chooses_the_feeds_texts(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    await make_event(school)
    await make_event(school, texts={"nl": ("Alleen Nederlands", "")})
    parsed = parse_both((await client.get("/calendar/school.ics?lang=pl")).text)
    titles = sorted(str(e["SUMMARY"]) for e in parsed.events)
    assert titles == ["Alleen Nederlands", "Holenderski system szkolny"]


async def test_a_cohost_and_a_cancelled_session_are_in_the_feed(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    partner = await make_org("partner")
    cohosted = await make_event(school)
    await EventHost.create(
        event=cohosted, organisation=partner, role=HostRole.COHOST, status=HostStatus.ACCEPTED
    )
    invited_only = await make_event(school)
    await EventHost.create(
        event=invited_only, organisation=partner, role=HostRole.COHOST, status=HostStatus.INVITED
    )
    cancelled = await make_event(partner, status=EventStatus.CANCELLED)
    parsed = parse_both((await client.get("/calendar/partner.ics")).text)
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in parsed.events}
    assert statuses == {cohosted.uid: "CONFIRMED", cancelled.uid: "CANCELLED"}


async def test_an_organisation_without_sessions_gets_a_valid_empty_calendar(
    client: httpx.AsyncClient,
) -> None:
    await make_org("quiet-library")
    response = await client.get("/calendar/quiet-library.ics")
    assert response.status_code == 200
    parsed = parse_both(response.text)
    assert parsed.events == []
    assert str(parsed.ical["X-WR-CALNAME"]) == "Quiet Library"


async def test_unknown_feeds_are_404(client: httpx.AsyncClient) -> None:
    await make_org("school")
    assert (await client.get("/calendar/nobody.ics")).status_code == 404
    assert (await client.get("/calendar/school")).status_code == 404
    assert (await client.get("/calendar/.ics")).status_code == 404


async def test_a_current_copy_gets_304_after_one_query_and_a_change_gets_a_new_etag(
    client: httpx.AsyncClient, statements: list[str]
) -> None:
    school = await make_org("school")
    event = await make_event(school)
    first = await client.get("/calendar/school.ics")
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    statements.clear()
    again = await client.get("/calendar/school.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert len(statements) == 1, "\n".join(statements)
    by_date = await client.get("/calendar/school.ics", headers={"If-Modified-Since": last_modified})
    assert by_date.status_code == 304
    text = await EventText.get(event_id=event.id, language="nl")
    text.title = "Nieuwe titel"
    await text.save()
    changed = await client.get("/calendar/school.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert "Nieuwe titel" in changed.text
    other_language = await client.get(
        "/calendar/school.ics?lang=pl", headers={"If-None-Match": etag}
    )
    assert other_language.status_code == 200


async def test_an_etag_changes_when_a_session_is_added_or_removed(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    event = await make_event(school)
    etags = [(await client.get("/calendar/school.ics")).headers["etag"]]
    added = await make_event(school)
    etags.append((await client.get("/calendar/school.ics")).headers["etag"])
    await added.delete()
    etags.append((await client.get("/calendar/school.ics")).headers["etag"])
    await event.delete()
    etags.append((await client.get("/calendar/school.ics")).headers["etag"])
    assert etags[0] != etags[1] != etags[2] != etags[3]
    assert etags[2] == etags[0]  # the same sessions again: the same feed, the same ETag


async def test_a_cohost_accepting_changes_its_etag_and_nobody_elses(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    partner = await make_org("partner")
    await make_event(partner)
    shared = await make_event(school)
    await make_event(school)
    before = [await _etag(client, "school"), await _etag(client, "partner")]
    host = await EventHost.create(
        event=shared, organisation=partner, role=HostRole.COHOST, status=HostStatus.INVITED
    )
    assert await _etag(client, "partner") == before[1]  # only invited: not in its feed yet
    host.status = HostStatus.ACCEPTED
    await host.save()
    assert await _etag(client, "school") == before[0]
    partner_etag = await _etag(client, "partner")
    assert partner_etag != before[1]
    current = await client.get("/calendar/partner.ics", headers={"If-None-Match": partner_etag})
    assert current.status_code == 304
    parsed = parse_both((await client.get("/calendar/partner.ics")).text)
    assert shared.uid in {str(e["UID"]) for e in parsed.events}
    assert len(parsed.events) == 2


async def _etag(client: httpx.AsyncClient, slug: str) -> str:
    return str((await client.get(f"/calendar/{slug}.ics")).headers["etag"])


async def test_the_personal_feed_has_only_the_sessions_said_yes_to(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    contact = await make_contact(school, language="pl")
    yes = await make_event(school)
    maybe = await make_event(school)
    later_yes = await make_event(school)
    first = await make_invitation(yes, contact, answer=Answer.YES)
    await make_invitation(maybe, contact, answer=Answer.MAYBE)
    second = await make_invitation(later_yes, contact, answer=Answer.YES)
    stranger = await make_contact(school, name="Someone Else")
    await make_invitation(await make_event(school), stranger, answer=Answer.YES)
    response = await client.get(f"/r/{first.token}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-cache"
    parsed = parse_both(response.text)
    assert sorted(str(e["UID"]) for e in parsed.events) == sorted([yes.uid, later_yes.uid])
    assert "ATTENDEE" not in response.text
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in parsed.events).replace("\n", "")
    assert first.token in descriptions
    assert second.token in descriptions
    assert all(list(e.walk("VALARM")) for e in parsed.events)
    assert str(parsed.events[0]["SUMMARY"]) == "Holenderski system szkolny"
    etag = response.headers["etag"]
    assert (
        await client.get(f"/r/{first.token}/calendar.ics", headers={"If-None-Match": etag})
    ).status_code == 304
    await second.__class__.filter(id=second.id).update(answer=Answer.NO)
    after = await client.get(f"/r/{first.token}/calendar.ics", headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert [str(e["UID"]) for e in parse_both(after.text).events] == [yes.uid]


async def test_writing_or_removing_a_text_changes_the_etag(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    event = await make_event(school)
    before = (await client.get("/calendar/school.ics")).headers["etag"]
    await (await EventText.get(event_id=event.id, language="en")).delete()
    after_delete = await client.get("/calendar/school.ics", headers={"If-None-Match": before})
    assert after_delete.status_code == 200
    await EventText.create(
        event_id=event.id, language="ro", title="Sistemul școlar", description=""
    )
    after_create = await client.get(
        "/calendar/school.ics", headers={"If-None-Match": after_delete.headers["etag"]}
    )
    assert after_create.status_code == 200


async def test_a_session_without_a_text_in_the_chain_still_has_its_title(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    await make_event(school, texts={"ro": ("Sistemul școlar olandez", "")})
    await make_event(school)
    parsed = parse_both((await client.get("/calendar/school.ics?lang=nl")).text)
    titles = sorted(str(e["SUMMARY"]) for e in parsed.events)
    assert titles == ["Het Nederlandse schoolsysteem", "Sistemul școlar olandez"]
