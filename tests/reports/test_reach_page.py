"""The report page through the real login: charts, and tables with the same figures."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.factories import Member
from tests.reports.test_reach_api import PERIOD, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.anyio


async def _log_in(client: httpx.AsyncClient, member: Member) -> None:
    await client.get("/login")
    response = await client.post(
        "/login",
        data={
            "email": member.email,
            "password": member.password,
            "_csrf_token": client.cookies["csrftoken"],
        },
    )
    assert response.status_code == 303, response.text


async def test_the_page_shows_charts_and_tables_without_personal_data(
    client: httpx.AsyncClient,
    world: dict[str, Member],  # noqa: F811 - the fixture
) -> None:
    await _log_in(client, world["school"])
    response = await client.get("/reports", params={**PERIOD, "lang": "en"})
    assert response.status_code == 200, response.text
    html = response.text
    assert html.count("<svg") == 4
    assert 'role="img"' in html
    assert "<caption>Per language</caption>" in html
    pl_row = re.search(r'<th scope="row">Polish</th>(.*?)</tr>', html, re.S)
    assert pl_row is not None
    assert "<td>6</td>" in pl_row.group(1)  # invited, as in the API
    assert ">x<" in html
    assert "Secret Name" not in html
    assert "<dt>Parents reached</dt>" in html
    assert "<dt>SMS cost per parent reached</dt>" in html
    cost = re.search(r"<dt>SMS cost</dt><dd>([^<]*)</dd>", html)
    assert cost is not None
    assert cost.group(1) == "x" or re.fullmatch(r"€\s?\d+\.\d{2}", cost.group(1)), cost.group(1)
    assert re.search(r"<td>€\s?\d+\.\d{2}</td>", html)  # money as English writes it


async def test_the_page_speaks_dutch(client: httpx.AsyncClient, world: dict[str, Member]) -> None:  # noqa: F811
    await _log_in(client, world["school"])
    html = (await client.get("/reports", params={**PERIOD, "lang": "nl"})).text
    assert "Bereikrapport" in html
    assert "Uitgenodigd en aanwezig, per taal" in html


async def test_the_page_names_languages_topics_and_organisations_and_writes_figures_in_dutch(
    client: httpx.AsyncClient,
    world: dict[str, Member],  # noqa: F811 - the fixture
) -> None:
    await _log_in(client, world["school"])
    html = (await client.get("/reports", params={**PERIOD, "lang": "nl"})).text
    rows = re.findall(r'<th scope="row">(.*?)</th>', html)
    assert "Pools" in rows  # Polish, in Dutch, never "pl"
    assert "School" in rows  # the organisation's name, not its slug
    assert not {"pl", "nl", "school_system", "school"} & set(rows)
    assert not any(re.fullmatch(r"\d{4}-\d{2}", row) for row in rows)  # months by name
    # the SMS cost in euro as Dutch writes it: "€ 0,30", never "0.30"
    costs = re.findall(r"<td>(€\xa0\d+,\d{2}|x)</td>", html)
    assert costs, html
    assert not re.search(r"<td>\d+\.\d{2}</td>", html)
    # wide tables scroll inside a region the keyboard can reach and a screen reader names
    assert html.count('class="table-wrap" tabindex="0" role="region" aria-label="Tabel') == 4


async def test_without_a_session_the_page_sends_you_to_the_login(client: httpx.AsyncClient) -> None:
    response = await client.get("/reports")
    assert response.status_code in (302, 303, 307)
    assert response.headers["location"].startswith("/login?next=/reports")


async def test_the_municipality_page_leaves_out_a_cohost_that_never_agreed(
    client: httpx.AsyncClient,
    world: dict[str, Member],  # noqa: F811 - the fixture
) -> None:
    await _log_in(client, world["town"])
    html = (await client.get("/reports", params={**PERIOD, "lang": "en"})).text
    organisations = re.search(r"<caption>Per organisation</caption>(.*?)</table>", html, re.S)
    assert organisations is not None
    assert '<th scope="row">School</th>' in organisations.group(1)  # its name, not its slug
    assert "polska" not in organisations.group(1).lower()
    assert '<th scope="row">Romanian</th>' not in html
    csv_text = (await client.get("/reports/reach.csv", params=PERIOD)).text
    assert "polska" not in csv_text
