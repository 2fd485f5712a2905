"""``POST …/outreach/preview``: per language the SMS, its segments and cost, and the email."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event

pytestmark = pytest.mark.anyio


async def test_preview_per_language_with_cost_and_channels(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    school.plain_sms_languages = ["ro"]
    await school.save()
    member = await make_member(school)
    event = await published_event(school, status="draft")  # drafts may be previewed
    await make_contacts(school, 3, language="pl")
    await make_contacts(school, 2, start=10, language="ro")
    await make_contacts(school, 1, start=20, language="ro", mobile=None, email="r@example.com")
    await make_contacts(school, 1, start=30, language="nl", mobile=None)
    url = f"/api/v1/events/{event.id}/outreach/preview"
    body = (await api.post(url, json={}, headers=member.headers)).json()
    by_language = {item["language"]: item for item in body["languages"]}
    assert set(by_language) == {"nl", "pl", "ro"}
    polish, romanian = by_language["pl"], by_language["ro"]
    assert (polish["sms_recipients"], polish["email_recipients"]) == (3, 0)
    assert (romanian["sms_recipients"], romanian["email_recipients"]) == (2, 1)
    assert by_language["nl"]["to_call"] == 1
    assert polish["sms"]["encoding"] in {"GSM-7", "UCS-2"}
    assert polish["sms"]["segments"] >= 1
    assert polish["sms"]["text"]
    assert polish["email_subject"]
    assert "<" in polish["email_html"]
    assert romanian["sends_plain"] is (romanian["sms_plain"] is not None)
    assert body["recipients"] == 7
    assert float(body["cost"]) > 0
    assert await messages() == []  # a preview sends nothing


async def test_preview_filters_and_counts_those_already_invited(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2)
    await make_contacts(school, 1, start=5, language="bg")
    url = f"/api/v1/events/{event.id}/outreach"
    await api.post(f"{url}/send", json={"languages": ["pl"]}, headers=member.headers)
    body = (await api.post(f"{url}/preview", json={}, headers=member.headers)).json()
    assert [item["language"] for item in body["languages"]] == ["bg"]
    assert body["already_invited"] == 2
    wrong = await api.post(f"{url}/preview", json={"languages": ["xx"]}, headers=member.headers)
    assert wrong.status_code == 422


async def test_the_audience_filter_takes_the_new_languages(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, status="draft")
    await make_contacts(school, 2, language="ru")
    await make_contacts(school, 1, start=10, language="sl")
    await make_contacts(school, 1, start=20, language="pl")
    url = f"/api/v1/events/{event.id}/outreach/preview"
    response = await api.post(url, json={"languages": ["ru", "sl"]}, headers=member.headers)
    assert response.status_code == 200, response.text
    by_language = {item["language"]: item for item in response.json()["languages"]}
    assert set(by_language) == {"ru", "sl"}
    assert "Ответьте ДА, НЕТ или ВОЗМОЖНО" in by_language["ru"]["sms"]["text"]
    assert "Odgovorite DA, NE ali MOGOČE" in by_language["sl"]["sms"]["text"]
