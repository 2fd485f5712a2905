"""The organisation's order of channels: set on the settings page and through the API, each
channel once, refused with what to write instead; routing reads what is stored."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.organisations.models import Organisation
from parentinfo.organisations.service import ORDERABLE_CHANNELS
from parentinfo.outreach.audience.selection import DEFAULT_ORDER, ORDERABLE, parse_order
from tests.factories import make_member, make_org
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

ME = "/api/v1/organisations/me"


def test_the_service_orders_the_same_channels_as_routing() -> None:
    # The organisations floor cannot import routing: one list each, kept equal here.
    assert ORDERABLE_CHANNELS == DEFAULT_ORDER
    assert frozenset(ORDERABLE_CHANNELS) == ORDERABLE


async def test_an_admin_sets_the_order_through_the_api(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    response = await client.patch(
        ME, json={"channel_order": " SMS, whatsapp "}, headers=admin.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["channel_order"] == "sms,whatsapp,email"
    stored = await Organisation.get(slug="school")
    assert parse_order(stored.channel_order) == ("sms", "whatsapp", "email")
    assert (await client.get(ME, headers=admin.headers)).json()["channel_order"] == (
        "sms,whatsapp,email"
    )
    back = await client.patch(ME, json={"channel_order": ""}, headers=admin.headers)
    assert back.json()["channel_order"] == ""
    coordinator = await make_member(school, role="coordinator")
    refused = await client.patch(ME, json={"channel_order": "sms"}, headers=coordinator.headers)
    assert refused.status_code == 403
    assert (await Organisation.get(slug="school")).channel_order == ""


@pytest.mark.parametrize(
    ("order", "says"),
    [
        ("whatsapp,fax", "'fax' is not a channel; name whatsapp, sms, email in the order"),
        ("sms,sms", "names sms twice"),
        ("voice,sms", "parents who asked to be called are called first"),
        ("email,call", "the call list always comes last"),
    ],
)
async def test_a_bad_order_is_refused_with_what_to_write(
    client: httpx.AsyncClient, order: str, says: str
) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    response = await client.patch(ME, json={"channel_order": order}, headers=admin.headers)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "channel_order"
    assert says in error["message"]
    assert (await Organisation.get(slug="school")).channel_order == ""


async def test_the_settings_page_offers_every_order_and_saves_one(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    token = await login(client, admin)
    page = (await client.get("/admin/organisation?lang=en")).text
    assert "Default: WhatsApp → SMS → Email → call list" in page
    assert 'value="email,whatsapp,sms"' in page
    settings = {"name": "School", "languages": ["nl"], "channel_order": "email,whatsapp,sms"}
    saved = await post_form(client, "/admin/organisation", token, settings)
    assert saved.status_code == 303, saved.text
    assert (await Organisation.get(slug="school")).channel_order == "email,whatsapp,sms"
    shown = (await client.get("/admin/organisation")).text
    assert '<option value="email,whatsapp,sms" selected>' in shown
    tampered = await post_form(
        client, "/admin/organisation?lang=en", token, {**settings, "channel_order": "sms,pigeon"}
    )
    assert tampered.status_code == 422
    assert (await Organisation.get(slug="school")).channel_order == "email,whatsapp,sms"
