"""invitation_calendar: the iTIP an email carries, from the database, in the parent's language."""

from __future__ import annotations

import pytest
from litestar import Litestar

from parentinfo.calendar.service import invitation_calendar, invitation_file
from parentinfo.errors import Invalid, NotFound
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.enums import Answer, EventStatus, HostRole, HostStatus, OrganisationKind
from tests.calendar.ical import parse_both, utc
from tests.factories import make_org
from tests.factories.calendar import make_contact, make_event, make_invitation

pytestmark = pytest.mark.anyio


async def test_request_is_in_the_parents_language_with_their_link(app: Litestar) -> None:
    school = await make_org("school")
    event = await make_event(school)
    invitation = await make_invitation(event, await make_contact(school, language="pl"))
    parsed = parse_both(await invitation_calendar(invitation_id=invitation.id))
    assert parsed.ical["METHOD"] == "REQUEST"
    [vevent] = parsed.events
    assert str(vevent["SUMMARY"]) == "Holenderski system szkolny"
    description = str(vevent["DESCRIPTION"])
    assert "Jak działa szkoła podstawowa." in description
    assert f"https://parentinfo.test/r/{invitation.token}" in description
    assert str(vevent["UID"]) == event.uid
    assert str(vevent["ATTENDEE"]) == "mailto:anna@example.test"
    assert vevent["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert vevent["ATTENDEE"].params["RSVP"] == "TRUE"
    assert vevent["ORGANIZER"].params["CN"] == "School"
    assert str(vevent["LOCATION"]) == "De Regenboog, Schoolstraat 1, 8011 AA Zwolle"
    assert utc(parsed.vevents[0].dtstart.value) == event.starts_at


async def test_partstat_follows_the_answer_and_the_organizer_has_an_address(app: Litestar) -> None:
    school = await make_org("school")
    school.contact_email = "info@school.test"
    await school.save()
    event = await make_event(school)
    invitation = await make_invitation(event, await make_contact(school), answer=Answer.YES)
    parsed = parse_both(await invitation_calendar(invitation_id=invitation.id))
    assert parsed.events[0]["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert str(parsed.events[0]["ORGANIZER"]) == "mailto:info@school.test"


async def test_a_change_raises_sequence_and_a_cancel_keeps_the_uid(app: Litestar) -> None:
    school = await make_org("school")
    event = await make_event(school)
    invitation = await make_invitation(event, await make_contact(school))
    first = parse_both(await invitation_calendar(invitation_id=invitation.id))
    # What the events feature does on a change that calendars must see.
    await Event.filter(id=event.id).update(sequence=1, venue="Bibliotheek")
    moved = parse_both(await invitation_calendar(invitation_id=invitation.id))
    await Event.filter(id=event.id).update(sequence=2, status=EventStatus.CANCELLED)
    cancel = parse_both(await invitation_calendar(invitation_id=invitation.id, method="CANCEL"))
    sequences = [p.events[0]["SEQUENCE"] for p in (first, moved, cancel)]
    assert sequences == [0, 1, 2]
    assert {str(p.events[0]["UID"]) for p in (first, moved, cancel)} == {event.uid}
    assert str(moved.events[0]["LOCATION"]).startswith("Bibliotheek")
    assert cancel.ical["METHOD"] == "CANCEL"
    assert cancel.events[0]["STATUS"] == "CANCELLED"


async def test_the_description_names_languages_childcare_and_cohosts(app: Litestar) -> None:
    school = await make_org("school")
    partner = await make_org("stichting-polonia", kind=OrganisationKind.MIGRANT_ORGANISATION)
    event = await make_event(school)
    await EventHost.create(
        event=event, organisation=partner, role=HostRole.COHOST, status=HostStatus.ACCEPTED
    )
    invitation = await make_invitation(event, await make_contact(school, language="en"))
    description = str(
        parse_both(await invitation_calendar(invitation_id=invitation.id)).events[0]["DESCRIPTION"]
    )
    assert "English, with an interpreter (Polish)" in description
    assert "Childcare is available." in description
    assert "School, Stichting Polonia" in description


async def test_refusals(app: Litestar) -> None:
    school = await make_org("school")
    event = await make_event(school)
    sms_only = await make_invitation(event, await make_contact(school, email=None))
    with pytest.raises(Invalid):
        await invitation_calendar(invitation_id=sms_only.id)
    with pytest.raises(Invalid):
        await invitation_calendar(invitation_id=sms_only.id, method="PUBLISH")
    with pytest.raises(NotFound):
        await invitation_calendar(invitation_id=999_999)
    contact = await make_contact(school, name="Erased")
    erased = await make_invitation(event, contact)
    await contact.delete()
    with pytest.raises(NotFound):
        await invitation_calendar(invitation_id=erased.id)


async def test_the_page_file_is_a_publish_without_attendees(app: Litestar) -> None:
    school = await make_org("school")
    event = await make_event(school)
    invitation = await make_invitation(event, await make_contact(school, email=None))
    parsed = parse_both(await invitation_file(token=invitation.token))
    assert parsed.ical["METHOD"] == "PUBLISH"
    assert "ATTENDEE" not in parsed.text
    assert str(parsed.events[0]["UID"]) == event.uid
    assert str(parsed.events[0]["SUMMARY"]) == "Holenderski system szkolny"
