"""The ContentSid table: admins see each WhatsApp template's text beside its ContentSid and
set it through the API or the page; a bad ContentSid is refused with what to fix, and
every change is in the audit log with who made it."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.messaging.templates import approved_templates
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS, definition
from parentinfo.privacy.models import AuditEntry
from tests.factories import make_member, make_org
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

URL = "/api/v1/whatsapp/templates"
SID = "HX" + "b5b62575e6e4ff6129ad7c8efe1f983e"


async def test_admins_list_every_kind_and_language_with_our_text(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    response = await client.get(URL, params={"kind": "invitation"}, headers=admin.headers)
    assert response.status_code == 200, response.text
    rows = {row["language"]: row for row in response.json()}
    assert len(rows) == 22
    polish = rows["pl"]
    assert polish["text"] == definition(MessageKind.INVITATION, "pl").body
    assert "{{1}}" in polish["text"]
    assert len(polish["buttons"]) == 3
    assert (polish["content_sid"], polish["approved"]) == ("", False)
    everything = (await client.get(URL, headers=admin.headers)).json()
    assert len(everything) == 22 * len(WHATSAPP_KINDS)
    coordinator = await make_member(school, role="coordinator")
    assert (await client.get(URL, headers=coordinator.headers)).status_code == 403


async def test_setting_a_content_sid_is_stored_audited_and_approves_the_language(
    client: httpx.AsyncClient,
) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    response = await client.put(
        f"{URL}/invitation/pl",
        json={"content_sid": f"  {SID.upper()[:2]}{SID[2:]} "},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["content_sid"], response.json()["approved"]) == (SID, True)
    assert response.json()["updated_by"] == admin.email
    assert await approved_templates(MessageKind.INVITATION) == {"pl": SID}
    [entry] = await AuditEntry.filter(action="whatsapp.template_changed")
    assert entry.user_id == admin.actor.user_id  # type: ignore[attr-defined]
    assert entry.details == {"kind": "invitation", "language": "pl", "before": "", "after": SID}
    again = await client.put(
        f"{URL}/invitation/pl", json={"content_sid": SID}, headers=admin.headers
    )
    assert again.status_code == 200
    assert await AuditEntry.filter(action="whatsapp.template_changed").count() == 1  # no change
    cleared = await client.put(
        f"{URL}/invitation/pl", json={"content_sid": ""}, headers=admin.headers
    )
    assert cleared.json()["approved"] is False
    assert await approved_templates(MessageKind.INVITATION) == {}
    assert await AuditEntry.filter(action="whatsapp.template_changed").count() == 2


@pytest.mark.parametrize(
    ("sid", "says"),
    [
        ("MG" + "0" * 32, "a ContentSid starts with HX"),
        ("HX12345", "has 7 characters, but a ContentSid has 34"),
        ("HX" + "z" * 32, "not hexadecimal"),
    ],
)
async def test_a_bad_content_sid_is_refused_with_what_to_fix(
    client: httpx.AsyncClient, sid: str, says: str
) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    response = await client.put(
        f"{URL}/reminder/ro", json={"content_sid": sid}, headers=admin.headers
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "content_sid"
    assert says in error["message"]
    assert await WhatsAppTemplate.all().count() == 0
    assert await AuditEntry.filter(action="whatsapp.template_changed").count() == 0


async def test_one_content_sid_serves_one_kind_and_language(client: httpx.AsyncClient) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    await client.put(f"{URL}/invitation/pl", json={"content_sid": SID}, headers=admin.headers)
    twice = await client.put(
        f"{URL}/invitation/ro", json={"content_sid": SID}, headers=admin.headers
    )
    assert twice.status_code == 409
    assert "already the template of invitation in pl" in twice.json()["detail"]
    unknown = await client.put(f"{URL}/test/pl", json={"content_sid": SID}, headers=admin.headers)
    assert unknown.status_code == 422
    assert await WhatsAppTemplate.filter(content_sid=SID).count() == 1


async def test_the_page_refuses_a_bad_content_sid_in_its_own_row(
    client: httpx.AsyncClient,
) -> None:
    admin = await make_member(await make_org("school"), role="admin")
    token = await login(client, admin)
    page = await client.get("/admin/whatsapp?kind=nudge&lang=en")
    assert page.status_code == 200
    assert definition(MessageKind.NUDGE, "bg").body.split("{{")[0].strip()[:20] in page.text
    refused = await post_form(
        client, "/admin/whatsapp/nudge/bg?lang=en", token, {"content_sid": "HX12"}
    )
    assert refused.status_code == 422
    row = refused.text.split('id="t-bg"', 1)[1].split("</tr>", 1)[0]
    assert "has 4 characters, but a ContentSid has 34" in row
    assert 'value="HX12"' in row  # what was typed stays, to be corrected
    assert await WhatsAppTemplate.all().count() == 0
    saved = await post_form(client, "/admin/whatsapp/nudge/bg", token, {"content_sid": SID})
    assert saved.status_code == 303
    assert await approved_templates(MessageKind.NUDGE) == {"bg": SID}
    coordinator = await make_member(admin.organisation, role="coordinator", email="c@school.test")
    await post_form(client, "/logout", token)
    await login(client, coordinator)
    assert (await client.get("/admin/whatsapp")).status_code == 403
