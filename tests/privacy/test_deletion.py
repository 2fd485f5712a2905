"""Deleting a contact through the contacts API erases them as the privacy erasure does."""

from __future__ import annotations

from dataclasses import asdict

import httpx
import pytest

from parentinfo.messaging.models import OutboundMessage
from parentinfo.privacy.models import AuditEntry
from parentinfo.reports.service import reach_report, report_filter
from parentinfo.rsvp.models import InboundMessage
from tests.factories import Member
from tests.factories.attendance import make_contact
from tests.privacy.conftest import EMAIL, MOBILE, NAME, Held, sms_to
from tests.privacy.test_access_and_erasure import every_row_as_text

pytestmark = pytest.mark.anyio

OTHER_MOBILE = "+31687654321"
OTHER_BODY = "Hallo Bram, kom je?"


async def reach_totals(member: Member) -> dict[str, object]:
    """The unsuppressed totals of the reach report the member's organisation sees."""
    flt = report_filter(start=None, end=None, organisation=None, topic=None, language=None)
    reach = await reach_report(actor=member.actor, flt=flt, tz="Europe/Amsterdam")
    return {k: v for k, v in asdict(reach.total).items() if k != "event_ids"}


async def test_deleting_a_contact_blanks_their_messages_and_keeps_the_counts(
    client: httpx.AsyncClient, held: Held, backend: str
) -> None:
    bram = await make_contact(held.coordinator.organisation, "Bram", mobile=OTHER_MOBILE)
    await sms_to(bram, None, OTHER_BODY)
    await InboundMessage.create(
        provider_id="SM" + "7" * 32,
        from_number=OTHER_MOBILE,
        body="JA",
        contact=bram,
        organisation=held.coordinator.organisation,
        reply_body="Dank je, Bram!",
    )
    report_before = await reach_totals(held.coordinator)
    assert report_before["invited"] == 1
    assert report_before["sms_delivered"] == 1
    assert report_before["yes_people"] == 2
    assert report_before["first_time"] == 1  # Anna's check-in was her first visit
    token_before = held.invitation.token

    response = await client.delete(
        f"/api/v1/contacts/{held.anna.id}", headers=held.coordinator.headers
    )

    assert response.status_code == 204, response.text
    outbound = await OutboundMessage.all().values("to_address", "subject", "body", "html_body")
    inbound = await InboundMessage.all().values("from_number", "body", "reply_body")
    assert len(outbound) == 3
    assert len(inbound) == 3
    anna_texts = ("Antwoord TAK", "Zapraszamy", "TAK 2", "kiedy to jest?", NAME)
    for row in [*outbound, *inbound]:
        assert MOBILE not in (row.get("to_address"), row.get("from_number")), row
        assert row.get("to_address") != EMAIL, row
        for text in anna_texts:
            assert all(text not in str(value) for value in row.values()), (text, row)
    after = await every_row_as_text(backend)
    for secret in (MOBILE, MOBILE.lstrip("+"), EMAIL, NAME, "Wiśniewska", token_before):
        assert secret not in after, secret
    # Another parent's messages stay as they were.
    assert await OutboundMessage.filter(to_address=OTHER_MOBILE, body=OTHER_BODY).count() == 1
    assert await InboundMessage.filter(from_number=OTHER_MOBILE, body="JA").count() == 1
    assert await reach_totals(held.coordinator) == report_before
    entry = await AuditEntry.get(action="contact.deleted")
    assert (entry.subject_type, entry.subject_id) == ("contact", held.anna.id)
    assert entry.user_id == held.coordinator.actor.user_id  # type: ignore[attr-defined]
    assert entry.organisation_id == held.coordinator.organisation.id  # type: ignore[attr-defined]
    assert entry.details == {}
    again = await client.delete(
        f"/api/v1/contacts/{held.anna.id}", headers=held.coordinator.headers
    )
    assert again.status_code == 404
