"""Migration 0009 fills the new counter in from the answers events already have."""

from __future__ import annotations

import importlib

import pytest
from litestar import Litestar
from tortoise import connections

from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.places_check import counter_of, held_places

pytestmark = pytest.mark.anyio

BACKFILL = importlib.import_module("parentinfo.migrations.0009_event_places_taken").BACKFILL


async def test_existing_events_get_the_places_their_yes_answers_hold(app: Litestar) -> None:
    org = await make_org("school")
    busy, quiet = await rsvp_event(org, capacity=6), await rsvp_event(org)
    for answer, size, waiting in (
        (Answer.YES, 2, False),
        (Answer.YES, 3, False),
        (Answer.YES, 4, True),  # waiting: holds nothing
        (Answer.NO, 5, False),
        (Answer.MAYBE, 1, False),
    ):
        contact = await rsvp_contact(org)
        await rsvp_invitation(busy, contact, answer=answer, party_size=size, waitlisted=waiting)
    await Event.all().update(places_taken=0)  # as the column is added: 0 everywhere

    await connections.get("default").execute_script(BACKFILL)

    assert await counter_of(busy.id) == await held_places(busy.id) == 5
    assert await counter_of(quiet.id) == 0
