"""Searching and filtering contacts, a page at a time."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact, mobile, reply_stop

pytestmark = pytest.mark.anyio

URL = "/api/v1/contacts"


async def names(client: httpx.AsyncClient, headers: dict[str, str], query: str) -> list[str]:
    response = await client.get(URL + query, headers=headers)
    assert response.status_code == 200, response.text
    return [c["name"] for c in response.json()["items"]]


async def test_q_matches_name_email_and_mobile_digits(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="Anna Kowalska", email="anna@example.com")
    await make_contact(member.actor, n=2, name="Ion Popescu", language="ro")
    await make_contact(member.actor, n=3, name="Maria Ivanova", mobile="+48512345678")
    assert await names(client, member.headers, "?q=kowal") == ["Anna Kowalska"]
    assert await names(client, member.headers, "?q=ANNA@EXAMPLE") == ["Anna Kowalska"]
    assert await names(client, member.headers, "?q=0610000002") == ["Ion Popescu"]
    assert await names(client, member.headers, "?q=%2B31%206%201000%200002") == ["Ion Popescu"]
    assert await names(client, member.headers, "?q=0048512") == ["Maria Ivanova"]
    assert await names(client, member.headers, "?q=nobody") == []


async def test_filters_language_age_group_and_opted_out(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await make_contact(member.actor, n=1, name="A", language="pl", age_groups=["0-3"])
    await make_contact(member.actor, n=2, name="B", language="ro", age_groups=["0-3", "12-17"])
    await make_contact(member.actor, n=3, name="C", language="pl", age_groups=[])
    await reply_stop(mobile(3))
    assert await names(client, member.headers, "?language=PL") == ["A", "C"]
    assert await names(client, member.headers, "?age_group=0-3") == ["A", "B"]
    assert await names(client, member.headers, "?age_group=12-17&language=ro") == ["B"]
    assert await names(client, member.headers, "?opted_out=true") == ["C"]
    assert await names(client, member.headers, "?opted_out=false") == ["A", "B"]


async def test_pages_are_ordered_by_name_and_counted(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    for n in range(7):
        await make_contact(member.actor, n=n, name=f"Parent {n}", age_groups=["4-11"])
    first = (await client.get(f"{URL}?per_page=3", headers=member.headers)).json()
    last = (await client.get(f"{URL}?per_page=3&page=3", headers=member.headers)).json()
    assert (first["total"], first["page"], first["per_page"]) == (7, 1, 3)
    assert [c["name"] for c in first["items"]] == ["Parent 0", "Parent 1", "Parent 2"]
    assert [c["name"] for c in last["items"]] == ["Parent 6"]
    grouped = (
        await client.get(f"{URL}?per_page=3&page=2&age_group=4-11", headers=member.headers)
    ).json()
    assert grouped["total"] == 7
    assert [c["name"] for c in grouped["items"]] == ["Parent 3", "Parent 4", "Parent 5"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?page=0", "page"),
        ("?per_page=500", "per_page"),
        ("?page=abc", "page"),
        ("?language=xx", "language"),
        ("?age_group=9-10", "age_group"),
        ("?opted_out=maybe", "opted_out"),
    ],
)
async def test_bad_query_parameters_are_422_naming_them(
    client: httpx.AsyncClient, query: str, field: str
) -> None:
    member = await make_member(await make_org("school"))
    response = await client.get(URL + query, headers=member.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
