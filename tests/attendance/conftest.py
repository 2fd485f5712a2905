"""A session at the door: a school hosting with a migrant organisation, and a stranger."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from litestar import Litestar

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import HostStatus, OrganisationKind
from parentinfo.rsvp.models import Invitation
from tests.factories import Member, make_member, make_org
from tests.factories.attendance import invite, make_contact, make_door_event


@dataclass
class Door:
    """Who is who at one session."""

    event: Event
    school: Member  # coordinator of the owning school
    volunteer: Member  # volunteer of the co-hosting migrant organisation (accepted)
    stranger: Member  # coordinator of an organisation with nothing to do with it
    hesitant: Member  # coordinator of an organisation invited to co-host, not yet accepted
    anna: Contact  # the school's contact
    ivan: Contact  # the migrant organisation's contact
    anna_invitation: Invitation
    ivan_invitation: Invitation


@pytest.fixture
async def door(app: Litestar) -> Door:
    school_org = await make_org("school")
    migrant_org = await make_org("polonia", kind=OrganisationKind.MIGRANT_ORGANISATION)
    stranger_org = await make_org("stranger")
    hesitant_org = await make_org("hesitant")
    event = await make_door_event(
        school_org,
        cohosts={migrant_org: HostStatus.ACCEPTED, hesitant_org: HostStatus.INVITED},
    )
    anna = await make_contact(
        school_org, "Anna Wiśniewska", mobile="+31612345678", email="anna@example.nl"
    )
    ivan = await make_contact(
        migrant_org, "Иван Петров", mobile="+31687654321", email="ivan@example.bg", language="bg"
    )
    return Door(
        event=event,
        school=await make_member(school_org),
        volunteer=await make_member(migrant_org, role="volunteer"),
        stranger=await make_member(stranger_org),
        hesitant=await make_member(hesitant_org),
        anna=anna,
        ivan=ivan,
        anna_invitation=await invite(event, anna, party_size=2),
        ivan_invitation=await invite(event, ivan),
    )
