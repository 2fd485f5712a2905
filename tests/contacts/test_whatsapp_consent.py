"""WhatsApp and "call me" consent, set wherever consent is set: the API, the contact form and
the CSV import, each with its consent history; STOP still stops them, and a parent who
opted out is never put back on their mobile by ticking WhatsApp alone."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from parentinfo.contacts.models import Consent, Contact
from parentinfo.demo import load_demo
from tests.factories import Member, make_member, make_org
from tests.factories.contacts import csv_bytes, make_contact, mobile, reply_stop
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts"


def body(channels: list[str], **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Anna Kowalska",
        "mobile": "06 12345678",
        "language": "pl",
        "consent": {"channels": channels, "method": "paper_form", "note": "on the form"},
    }
    data.update(overrides)
    return data


async def history(contact_id: int) -> list[tuple[list[str], bool]]:
    rows = await Consent.filter(contact_id=contact_id).order_by("id")
    return [(row.channels, row.granted) for row in rows]


async def test_the_api_records_whatsapp_and_call_me_with_the_first_consent(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(
        URL, json=body(["sms", "whatsapp", "voice"]), headers=member.headers
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["whatsapp"], created["call_me"], created["sms_opt_out"]) == (True, True, False)
    assert await history(created["id"]) == [(["sms", "whatsapp", "voice"], True)]
    plain = await client.post(
        URL, json=body(["sms"], mobile="06 12345679", name="Ion"), headers=member.headers
    )
    assert (plain.json()["whatsapp"], plain.json()["call_me"]) == (False, False)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (body(["whatsapp"]), "tick SMS too"),
        (body(["email", "voice"], mobile=None, email="a@example.com"), "need a mobile number"),
    ],
)
async def test_whatsapp_or_a_call_without_the_mobiles_sms_consent_is_refused(
    client: httpx.AsyncClient, data: dict[str, Any], says: str
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.post(URL, json=data, headers=member.headers)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "consent.channels"
    assert says in error["message"]
    assert await Contact.all().count() == 0


async def test_withdrawing_whatsapp_is_history_and_leaves_sms_on(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, consent_channels=["sms", "whatsapp"])
    url = f"{URL}/{contact.id}/consents"
    withdrawn = await client.post(
        url,
        json={"channels": ["whatsapp"], "method": "verbal", "granted": False},
        headers=member.headers,
    )
    assert withdrawn.status_code == 201, withdrawn.text
    assert withdrawn.json()["recorded_by_id"] == member.actor.user_id
    again = await Contact.get(id=contact.id)
    assert (again.whatsapp, again.sms_opt_out, again.opted_out_at) == (False, False, None)
    assert await history(contact.id) == [(["sms", "whatsapp"], True), (["whatsapp"], False)]
    listed = (await client.get(url, headers=member.headers)).json()
    assert [(c["channels"], c["granted"]) for c in listed][-1] == (["whatsapp"], False)


async def test_after_stop_whatsapp_alone_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, n=7, consent_channels=["sms", "whatsapp"])
    await reply_stop(mobile(7))
    stopped = await Contact.get(id=contact.id)
    assert stopped.sms_opt_out  # STOP stops the mobile, and WhatsApp with it
    listed = (await client.get(f"{URL}?channel=whatsapp", headers=member.headers)).json()
    assert listed["total"] == 0
    before = await history(contact.id)
    url = f"{URL}/{contact.id}/consents"
    refused = await client.post(
        url, json={"channels": ["whatsapp"], "method": "verbal"}, headers=member.headers
    )
    assert refused.status_code == 422
    assert "opted out" in refused.json()["errors"][0]["message"]
    assert await history(contact.id) == before
    patched = await client.patch(
        f"{URL}/{contact.id}",
        json={"consent": {"channels": ["voice"], "method": "verbal"}},
        headers=member.headers,
    )
    assert patched.status_code == 422
    assert (await Contact.get(id=contact.id)).call_me is False
    knowingly = await client.post(
        url, json={"channels": ["sms", "whatsapp"], "method": "verbal"}, headers=member.headers
    )
    assert knowingly.status_code == 201, knowingly.text
    back = await Contact.get(id=contact.id)
    assert (back.sms_opt_out, back.whatsapp) == (False, True)
    listed = (await client.get(f"{URL}?channel=whatsapp", headers=member.headers)).json()
    assert [c["id"] for c in listed["items"]] == [contact.id]


async def _form_page(client: httpx.AsyncClient, member: Member) -> str:
    return await login(client, member)


async def test_the_contact_form_gives_and_withdraws_whatsapp_with_history(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    token = await _form_page(client, member)
    form = {
        "name": "Ioana Popescu",
        "mobile": "06 12345678",
        "language": "ro",
        "consent_channels": ["sms", "whatsapp"],
        "consent_method": "paper_form",
    }
    created = await post_form(client, "/contacts", token, form)
    assert created.status_code == 303, created.text
    contact = await Contact.get(name="Ioana Popescu")
    assert contact.whatsapp is True
    page = (await client.get(f"/contacts/{contact.id}?lang=en")).text
    assert 'value="whatsapp"' in page
    assert "WhatsApp: <strong>on</strong>" in " ".join(page.split())
    changes = {
        "name": "Ioana Popescu",
        "mobile": "+31612345678",
        "language": "ro",
        "consent_channels": ["whatsapp", "voice"],
        "consent_granted": "no",
        "consent_method": "verbal",
    }
    saved = await post_form(client, f"/contacts/{contact.id}", token, changes)
    assert saved.status_code == 303, saved.text
    assert (await Contact.get(id=contact.id)).whatsapp is False
    assert (await history(contact.id))[-1] == (["whatsapp", "voice"], False)
    refused = await post_form(
        client,
        "/contacts?lang=en",
        token,
        {**form, "name": "Elena", "mobile": "06 12345679", "consent_channels": ["whatsapp"]},
    )
    assert refused.status_code == 422
    assert 'id="f-consent_channels-error"' in refused.text
    assert "tick SMS too" in refused.text


async def test_the_csv_import_reads_whatsapp_and_call_me_columns(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    header = ("name", "mobile", "language", "consent_channels", "whatsapp", "bel mij")
    rows = [
        ("Anna", mobile(1), "pl", "sms", "ja", ""),
        ("Ion", mobile(2), "ro", "sms|whatsapp", "", "yes"),
        ("Maria", mobile(3), "bg", "", "nee", "x"),
    ]
    response = await client.post(
        f"{URL}/import",
        content=csv_bytes(rows, header=header),
        headers={**member.headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.text
    found = {c.name: c for c in await Contact.all()}
    assert (found["Anna"].whatsapp, found["Anna"].call_me) == (True, False)
    assert (found["Ion"].whatsapp, found["Ion"].call_me) == (True, True)
    assert (found["Maria"].whatsapp, found["Maria"].call_me) == (False, True)
    assert await history(found["Ion"].id) == [(["sms", "whatsapp", "voice"], True)]
    bad_rows = [
        ("Petra", mobile(4), "nl", "sms|whatsapp", "nee", ""),
        ("Lena", mobile(5), "de", "sms", "misschien", ""),
        ("Eva", "", "nl", "email", "ja", ""),
    ]
    refused = await client.post(
        f"{URL}/import",
        content=csv_bytes(
            [(n, m, lang, ch, wa, "") for n, m, lang, ch, wa, _ in bad_rows],
            header=("name", "mobile", "language", "consent_channels", "whatsapp", "call_me"),
        ),
        headers={**member.headers, "Content-Type": "text/csv"},
    )
    assert refused.status_code == 422
    faults = {(e["row"], e["field"]): e["message"] for e in refused.json()["errors"]}
    assert "names whatsapp" in faults[(2, "whatsapp")]
    assert "write yes or no" in faults[(3, "whatsapp")]
    assert (4, "mobile") in faults or (4, "consent_channels") in faults
    assert await Contact.all().count() == 3  # nothing of the refused file went in


async def test_the_export_and_the_privacy_export_carry_the_opt_ins(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, consent_channels=["sms", "whatsapp"])
    await make_contact(member.actor, n=2, name="Ion", consent_channels=["sms", "voice"])
    await login(client, member)
    exported = await client.get("/contacts/export.csv")
    header, *rows = csv.reader(io.StringIO(exported.text.removeprefix("\ufeff")))
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert (table["Parent 1"]["whatsapp"], table["Parent 1"]["call_me"]) == ("yes", "no")
    assert (table["Ion"]["whatsapp"], table["Ion"]["call_me"]) == ("no", "yes")
    privacy = await client.get(f"/api/v1/contacts/{contact.id}/export", headers=member.headers)
    assert privacy.status_code == 200, privacy.text
    data = privacy.json()
    assert data["contact"]["whatsapp"] is True
    assert data["consents"][0]["channels"] == ["sms", "whatsapp"]


async def test_the_demo_has_whatsapp_and_call_me_parents_with_their_consent(
    client: httpx.AsyncClient,
) -> None:
    await load_demo()
    chose = await Contact.filter(whatsapp=True).order_by("id")
    assert {c.language for c in chose} == {"pl", "ro", "bg"}
    callers = await Contact.filter(call_me=True)
    assert 1 <= len(callers) <= 2
    for contact in [*chose, *callers]:
        [consent] = await Consent.filter(contact_id=contact.id)
        assert consent.granted
        assert "sms" in consent.channels
        assert ("whatsapp" in consent.channels) is contact.whatsapp
        assert ("voice" in consent.channels) is contact.call_me
