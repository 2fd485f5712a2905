"""An answer by SMS costs one transaction of a fixed number of statements.

Twilio waits for our TwiML, and a municipality's send brings replies at Twilio's speed, so
these counts are a budget (the benchmark in ``bench/webhook.py`` measures the speed): a
change that loads the sender, the event or its titles again shows up here first.
"""

from __future__ import annotations

from typing import NamedTuple

import httpx
import pytest

from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio

# Who sent it (contacts, open invitations with their answers, titles), the answer, the
# inbox row, our reply's row: an answer that moves no places needs no lock.
UNLOCKED_ANSWER = 4
# An answer that takes or frees places adds the event's lock and a fresh read of the answer
# with the places taken, after the lock.
LOCKED_ANSWER = 6


class Case(NamedTuple):
    capacity: int | None
    body: str
    expected: tuple[Answer, int]
    budget: int


CASES = {
    "yes-no-capacity": Case(None, "TAK 2", (Answer.YES, 2), UNLOCKED_ANSWER),
    "yes-takes-places": Case(40, "TAK 2", (Answer.YES, 2), LOCKED_ANSWER),
    "no-without-a-place": Case(40, "NIE", (Answer.NO, 1), UNLOCKED_ANSWER),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_an_answer_costs_a_fixed_number_of_statements(
    twilio_client: httpx.AsyncClient, statements: list[str], case: Case
) -> None:
    org = await make_org("school")
    titles = {"pl": "Biblioteka", "nl": "Bibliotheek"}
    event = await rsvp_event(org, code="K7", capacity=case.capacity, titles=titles)
    contact = await rsvp_contact(org, language="pl")
    invitation = await rsvp_invitation(event, contact)
    phone = Phone(twilio_client, str(contact.mobile))

    statements.clear()
    reply = reply_of(await phone.send(case.body))

    assert "Biblioteka" in reply  # the title came with the sender's row
    assert len(statements) == case.budget, "\n".join(statements)
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == case.expected


async def test_a_question_about_several_events_costs_three(
    twilio_client: httpx.AsyncClient, statements: list[str]
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="nl")
    for code, title in (("K7", "Bibliotheek"), ("B3", "Sportclub")):
        await rsvp_invitation(await rsvp_event(org, code=code, titles={"nl": title}), contact)
    phone = Phone(twilio_client, str(contact.mobile))

    statements.clear()
    question = reply_of(await phone.send("JA"))

    assert "K7: Bibliotheek" in question
    assert "B3: Sportclub" in question
    assert len(statements) == 3, "\n".join(statements)  # who sent it, inbox row, our reply
    assert not await Invitation.filter(answer=Answer.YES).exists()
