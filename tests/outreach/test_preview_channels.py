"""The preview counts parents per language and per channel, with what each channel costs,
and says when a language has no approved WhatsApp template (those parents go by SMS)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.settings import Settings
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, published_event
from tests.factories.whatsapp import WHATSAPP_FROM, approve_templates
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.web.helpers import login

pytestmark = pytest.mark.anyio

SMS_PRICE = Decimal("0.075")
WHATSAPP_PRICE = Decimal("0.06")


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """The wired app with our WhatsApp sender's number set."""
    return wired_settings(database_url, var_dir, twilio, smtp, WHATSAPP_FROM=WHATSAPP_FROM)


async def _audience(school: Organisation) -> None:
    await make_contacts(school, 3, language="pl", whatsapp=True)
    await make_contacts(school, 2, start=10, language="pl")
    await make_contacts(school, 1, start=20, language="ro", whatsapp=True, whatsapp_invalid=True)
    await make_contacts(school, 1, start=25, language="ro", whatsapp=True)
    await make_contacts(school, 1, start=30, language="ro", mobile=None, email="r@example.com")
    await make_contacts(school, 1, start=40, language="bg", mobile=None)


async def test_each_channel_is_counted_and_priced_per_language(
    client: httpx.AsyncClient,
) -> None:
    # The embedded mode: the simulator has every WhatsApp template.
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await _audience(school)
    url = f"/api/v1/events/{event.id}/outreach/preview"
    response = await client.post(url, json={}, headers=member.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    languages = {item["language"]: item for item in body["languages"]}
    polish, romanian, bulgarian = languages["pl"], languages["ro"], languages["bg"]
    assert (polish["whatsapp_recipients"], polish["sms_recipients"]) == (3, 2)
    assert polish["whatsapp_cost"] == str(WHATSAPP_PRICE * 3)
    assert Decimal(polish["sms"]["cost"]) == SMS_PRICE * polish["sms"]["segments"] * 2
    assert (polish["whatsapp_template"], polish["whatsapp_waiting"]) == (True, 0)
    # No WhatsApp on one mobile: SMS takes over; email costs nothing; the call list too.
    assert (romanian["whatsapp_recipients"], romanian["sms_recipients"]) == (1, 1)
    assert romanian["email_recipients"] == 1
    assert bulgarian["to_call"] == 1
    assert body["whatsapp_cost"] == "0.24"
    sms_cost = sum(Decimal(item["sms"]["cost"]) for item in body["languages"])
    assert Decimal(body["cost"]) == sms_cost
    assert Decimal(body["total_cost"]) == sms_cost + Decimal("0.24") + Decimal(body["reply_cost"])
    assert (body["recipients"], body["reachable"]) == (9, 8)
    await login(client, member)
    page = (await client.get(f"/events/{event.id}/outreach/preview?lang=en")).text
    table = page.split('data-language="pl"', 1)[1].split("</table>", 1)[0]
    whatsapp_row = table.split('data-channel="whatsapp"', 1)[1].split("</tr>", 1)[0]
    assert "<td data-parents>3</td>" in whatsapp_row
    assert "0.18" in whatsapp_row.replace(",", ".")
    assert "data-no-template" not in page
    assert await OutboundMessage.all().count() == 0  # a preview sends nothing


async def test_a_language_without_an_approved_template_goes_by_sms_and_says_so(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    # With Twilio, only Polish has an approved (and read-back) template.
    await approve_templates(twilio, languages=("pl",))
    school = await make_org("school")
    member = await make_member(school, role="admin")
    event = await published_event(school)
    await _audience(school)
    url = f"/api/v1/events/{event.id}/outreach/preview"
    response = await api.post(url, json={}, headers=member.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    languages = {item["language"]: item for item in body["languages"]}
    polish, romanian = languages["pl"], languages["ro"]
    assert (polish["whatsapp_recipients"], polish["whatsapp_cost"]) == (3, "0.18")
    assert (polish["whatsapp_template"], polish["whatsapp_waiting"]) == (True, 0)
    assert polish["whatsapp_text"].startswith("Dzień dobry!\nZaproszenie: The Dutch school")
    assert len(polish["whatsapp_buttons"]) == 3
    assert (romanian["whatsapp_recipients"], romanian["sms_recipients"]) == (0, 2)
    assert romanian["whatsapp_text"] == ""
    assert (romanian["whatsapp_template"], romanian["whatsapp_waiting"]) == (False, 1)
    assert body["whatsapp_cost"] == "0.18"
    await login(api, member)
    page = (await api.get(f"/events/{event.id}/outreach/preview?lang=en")).text
    notice = page.split('data-no-template="ro"', 1)[1].split("</p>", 1)[0]
    assert "1 parent agreed to WhatsApp, but this message has no approved" in notice
    assert 'href="/admin/whatsapp?kind=invitation#t-ro"' in notice
    assert 'data-no-template="pl"' not in page
