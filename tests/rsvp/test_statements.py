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

# Whether this message came before (a redelivery), who sent it (contacts, open invitations
# with their answers, titles), the answer, the inbox row, our reply's row: an answer that
# moves no places needs no lock.
UNLOCKED_ANSWER = 5
# Where there is no capacity, an answer that takes or frees places adds them to the event's
# counter: one short update, no decision.
COUNTED_ANSWER = 6
# Where there is a capacity, it is decided under the lock: the event's and the invitation's
# rows read and locked together, then the answer, then the counter. No sum of party sizes.
LOCKED_ANSWER = 7


class Case(NamedTuple):
    capacity: int | None
    body: str
    expected: tuple[Answer, int]
    budget: int


CASES = {
    "yes-no-capacity": Case(None, "TAK 2", (Answer.YES, 2), COUNTED_ANSWER),
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
    # Whether it came before, who sent it, inbox row, our reply.
    assert len(statements) == 4, "\n".join(statements)
    assert not await Invitation.filter(answer=Answer.YES).exists()


async def test_a_yes_costs_the_same_however_many_have_answered(
    twilio_client: httpx.AsyncClient, statements: list[str]
) -> None:
    """The places taken are read from the event's counter, never summed over its answers."""
    org = await make_org("school")
    event = await rsvp_event(org, code="K7", capacity=200, titles={"nl": "Bibliotheek"})
    for _ in range(60):
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=2)
    contact = await rsvp_contact(org, language="nl")
    invitation = await rsvp_invitation(event, contact)
    phone = Phone(twilio_client, str(contact.mobile))

    statements.clear()
    reply_of(await phone.send("JA 3"))

    assert len(statements) == LOCKED_ANSWER, "\n".join(statements)
    assert not [sql for sql in statements if "SUM(" in sql.upper()]
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.waitlisted) == (Answer.YES, False)
    await event.refresh_from_db()
    assert event.places_taken == 123


async def test_a_redelivered_message_reads_one_row_and_nothing_else(
    twilio_client: httpx.AsyncClient, statements: list[str]
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, code="K7", capacity=40, titles={"nl": "Bibliotheek"})
    contact = await rsvp_contact(org, language="nl")
    await rsvp_invitation(event, contact)
    phone = Phone(twilio_client, str(contact.mobile))
    first = reply_of(await phone.send("JA 2", sid="SM-again"))

    statements.clear()
    again = reply_of(await phone.send("JA 2", sid="SM-again"))

    assert again == first
    assert len(statements) == 1, "\n".join(statements)
    assert "inbound_message" in statements[0]
