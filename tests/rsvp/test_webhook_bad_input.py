"""Whatever arrives at the webhook, the answer is a 4xx or polite TwiML: never a 500."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parentinfo.lib.enums import InboxStatus
from parentinfo.rsvp.inbound.webhook import parse_form
from parentinfo.rsvp.models import InboundMessage
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import WEBHOOK, Phone, new_sid, signed_headers

pytestmark = pytest.mark.anyio
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def _post_raw(client: httpx.AsyncClient, raw: bytes) -> httpx.Response:
    """Post ``raw`` as the body, signed over the fields as the webhook will read them."""
    params = dict(parse_form(raw).items())
    return await client.post(WEBHOOK, content=raw, headers={**FORM, **signed_headers(params)})


@pytest.mark.parametrize(
    "raw",
    [
        b"MessageSid=SM1&From=%2B31612345678&Body=%FF%FE%00ja",  # not UTF-8, a NUL
        b"MessageSid=SM2&From=%F0%9F%91%8D&Body=JA",  # an emoji as the sender
        b"MessageSid=SM3&From=&Body=JA",  # an empty sender
        b"MessageSid=SM4&From=%2B31612345678",  # no Body at all
        b"MessageSid=SM5&From=%2B31612345678&Body=a&Body=b",  # a field twice
        b"MessageSid=" + b"S" * 200 + b"&From=%2B31612345678&Body=JA",  # not a Twilio id
        b"MessageSid=SM6&From=" + b"9" * 300 + b"&Body=JA",  # a "number" far too long
        b"%%%&&&===",  # not a form at all
        b"",
    ],
)
async def test_odd_forms_get_a_4xx_or_a_polite_answer(
    twilio_client: httpx.AsyncClient, raw: bytes
) -> None:
    response = await _post_raw(twilio_client, raw)
    assert response.status_code < 500
    if response.status_code == 200:
        assert response.text.startswith("<?xml")


async def test_too_many_fields_is_a_4xx(twilio_client: httpx.AsyncClient) -> None:
    raw = urlencode({f"f{i}": "x" for i in range(500)}).encode()
    response = await twilio_client.post(WEBHOOK, content=raw, headers=FORM)
    assert 400 <= response.status_code < 500


async def test_a_huge_request_is_a_4xx(twilio_client: httpx.AsyncClient) -> None:
    raw = urlencode({"MessageSid": new_sid(), "From": "+31612345678", "Body": "x" * 200_000})
    response = await twilio_client.post(WEBHOOK, content=raw.encode(), headers=FORM)
    assert response.status_code == 413
    assert await InboundMessage.all().count() == 0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.text(max_size=300), sender=st.sampled_from(["known", "+31600000001", "abc", "+"]))
async def test_any_body_from_any_sender_gets_polite_twiml(
    twilio_client: httpx.AsyncClient, body: str, sender: str
) -> None:
    if not await InboundMessage.exists(body="setup"):
        org = await make_org(f"school-{new_sid()[-6:]}")
        contact = await rsvp_contact(org, mobile="+31611223344", language="pl")
        await rsvp_invitation(await rsvp_event(org, capacity=1), contact)
        await InboundMessage.create(provider_id=new_sid(), body="setup")
    number = "+31611223344" if sender == "known" else sender
    response = await Phone(twilio_client, number).send(body)
    assert response.status_code == 200, response.text
    assert response.text.startswith("<?xml")


async def test_an_error_while_handling_keeps_the_message_and_answers_politely(
    twilio_client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(number: str | None) -> object:
        raise RuntimeError(f"database hiccup for {number}")

    monkeypatch.setattr("parentinfo.rsvp.inbound.service.look_up", broken)
    sid = new_sid()

    response = await Phone(twilio_client, "+31612345678").send("JA", sid=sid)

    assert response.status_code == 200
    assert "could not process" in response.text
    kept = await InboundMessage.get(provider_id=sid)
    assert (kept.body, kept.status) == ("JA", InboxStatus.NEEDS_ATTENTION)
