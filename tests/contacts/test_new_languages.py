"""de, fr, sl and ru are contact languages like the others: API, CSV, pages, filters, reports."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.csv_import import parse_contacts_csv
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.outreach.composing.keywords import REPLY_WORDS
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact
from tests.web.helpers import login

pytestmark = pytest.mark.anyio

NEW = ("de", "fr", "sl", "ru")
ALL_22 = {
    "nl", "en", "pl", "ro", "bg", "de", "fr", "es", "pt", "it", "lt",
    "lv", "hu", "sk", "cs", "hr", "sl", "el", "uk", "ru", "tr", "ar",
}  # fmt: skip


def test_the_service_speaks_the_22_languages_and_has_their_reply_words() -> None:
    assert set(SUPPORTED_LANGUAGES) == ALL_22
    assert len(SUPPORTED_LANGUAGES) == 22
    assert set(REPLY_WORDS) == ALL_22


@pytest.mark.parametrize("language", NEW)
async def test_a_contact_in_a_new_language_through_the_api(
    client: httpx.AsyncClient, language: str
) -> None:
    member = await make_member(await make_org("school"))
    data = {
        "name": "Parent",
        "mobile": "06 12345678",
        "language": language.upper(),
        "consent": {"channels": ["sms"], "method": "paper_form"},
    }
    response = await client.post("/api/v1/contacts", json=data, headers=member.headers)
    assert response.status_code == 201, response.text
    assert response.json()["language"] == language
    listed = await client.get(
        "/api/v1/contacts", params={"language": language}, headers=member.headers
    )
    assert listed.status_code == 200, listed.text
    assert [c["name"] for c in listed.json()["items"]] == ["Parent"]


def test_csv_import_accepts_the_new_languages() -> None:
    rows = "".join(f"P{i},+3161234000{i},{code}\r\n" for i, code in enumerate(NEW))
    plan = parse_contacts_csv(("name,mobile,language\r\n" + rows).encode())
    assert plan.ok, plan.errors
    assert [draft.language for draft in plan.rows] == list(NEW)


async def test_contact_pages_offer_and_filter_by_the_new_languages(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="Lena Vogel", language="de")
    await make_contact(member.actor, n=2, name="Ivan Petrov", language="ru")
    await login(client, member)
    form = (await client.get("/contacts/new?lang=en")).text
    for code in NEW:
        assert f'value="{code}"' in form
    page = (await client.get("/contacts?language=ru")).text
    assert "Ivan Petrov" in page
    assert "Lena Vogel" not in page


async def test_the_reach_report_filters_by_a_new_language(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    params = {"start": "2026-10-01", "end": "2026-11-30", "language": "sl"}
    response = await client.get("/api/v1/reports/reach", params=params, headers=member.headers)
    assert response.status_code == 200, response.text
    wrong = await client.get(
        "/api/v1/reports/reach", params={**params, "language": "xx"}, headers=member.headers
    )
    assert wrong.status_code in (400, 422)
    assert await Contact.all().count() == 0
