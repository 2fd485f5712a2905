"""An answer by SMS costs one transaction of a fixed number of statements.

Twilio waits for our TwiML, and a municipality's send brings replies at Twilio's speed, so
these counts are a budget (the benchmark in ``bench/webhook.py`` measures the speed): a
change that loads the sender, the event or its titles again shows up here first.
"""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio

# Who sent it (contacts, open invitations and titles at once), the event's lock, the
# answer as stored with the places taken, the answer, the inbox row, our reply's row.
ANSWER_STATEMENTS = 6


async def test_an_answer_costs_six_statements(
    twilio_client: httpx.AsyncClient, statements: list[str]
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, code="K7", titles={"pl": "Biblioteka", "nl": "Bibliotheek"})
    contact = await rsvp_contact(org, language="pl")
    invitation = await rsvp_invitation(event, contact)
    phone = Phone(twilio_client, str(contact.mobile))

    statements.clear()
    reply = reply_of(await phone.send("TAK 2"))

    assert "Biblioteka" in reply  # the title came with the sender's row
    assert len(statements) == ANSWER_STATEMENTS, "\n".join(statements)
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 2)


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
