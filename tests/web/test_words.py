"""Words a person reads: human validation messages, figures and euro in the page's language,
the browser's language before anyone chooses, chart labels that are never cut off, and a
first login that is not welcomed back."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.contacts.optout import record_consent
from parentinfo.errors import Invalid
from parentinfo.events import fields
from parentinfo.i18n import format_money, format_number, negotiate_language, use_language
from parentinfo.lib.enums import ConsentMethod
from parentinfo.reports import svg
from parentinfo.web.forms import Form, human_message
from tests.factories import make_member, make_org
from tests.web.helpers import csrf_token, login

INTERNAL_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _service_errors(values: dict[str, object]) -> Invalid:
    with pytest.raises(Invalid) as caught:
        fields.clean_fields(values, timezone="Europe/Amsterdam")
    return caught.value


def test_an_end_before_the_start_is_said_in_words_in_the_pages_language() -> None:
    start = datetime(2026, 3, 11, 19, tzinfo=UTC)
    with pytest.raises(Invalid) as caught:
        fields.check_times(start, start - timedelta(hours=1))
    assert "starts_at" in caught.value.errors[0].message  # the API keeps its precise words
    for language, expected in (
        ("en", "The end must be later than the start."),
        ("nl", "Het einde moet later zijn dan het begin."),
        ("pl", "Koniec musi być później niż początek."),
    ):
        with use_language(language):
            form = Form().fail(caught.value, aliases={"ends_at": "end_time"})
        assert form.errors == {"end_time": expected}


def test_no_service_message_shows_a_field_name_on_a_form() -> None:
    error = _service_errors(
        {
            "venue": "v" * 201,
            "capacity": "many",
            "starts_at": "tomorrow",
            "ends_at": "2150-01-01T10:00:00+00:00",
            "topic": "cooking",
            "session_languages": [],
            "not_a_field": 1,
        }
    )
    for language in ("en", "nl", "ro", "bg"):
        with use_language(language):
            form = Form().fail(error)
        assert set(form.errors) >= {"venue", "capacity", "starts_at", "ends_at"}
        for message in form.errors.values():
            assert not INTERNAL_NAME.search(message), (language, message)
            assert message[:1].isupper(), (language, message)
    with use_language("nl"):
        form = Form().fail(error)
    assert form.errors["venue"] == "Maximaal 200 tekens."
    assert form.errors["ends_at"] == "Kies een datum tussen 2000 en 2100."
    assert form.errors["capacity"] == (
        "Vul een heel getal boven 0 in, of laat het leeg voor geen grens."
    )


def test_a_limit_in_a_message_is_written_as_the_page_writes_numbers() -> None:
    with use_language("nl"):
        assert human_message("must be a whole number from 1 to 100000, or empty") == (
            "Kies een getal van 1 tot en met 100.000."
        )
    with use_language("en"):
        assert human_message("must be at most 1 characters") == "At most 1 character."


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "€ 2,92"), ("en", "€2.92"), ("pl", "2,92\xa0€"), ("de", "2,92\xa0€")],
)
def test_money_is_written_by_babel_in_the_pages_language(language: str, expected: str) -> None:
    with use_language(language):
        assert format_money(Decimal("2.92")).replace("\xa0", " ") == expected.replace("\xa0", " ")
        assert format_money("2.92") == format_money(2.92)


def test_numbers_are_grouped_as_the_language_groups_them() -> None:
    with use_language("nl"):
        assert format_number(12345) == "12.345"
    with use_language("en"):
        assert format_number(12345) == "12,345"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-GB,en;q=0.9", "en"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("de-DE,pl;q=0.3,en;q=0.7", "en"),  # by weight, not by order
        ("fr, *;q=0.1", None),
        ("en;q=0, nl;q=0.5", "nl"),  # q=0 means "not this one"
        ("EN-us", "en"),
        ("en;q=abc", None),
        ("", None),
        (None, None),
    ],
)
def test_the_browsers_language_is_negotiated_against_what_the_page_offers(
    header: str | None, expected: str | None
) -> None:
    assert negotiate_language(header, ("nl", "en", "pl")) == expected


def test_a_long_chart_label_is_never_cut_off() -> None:
    long_label = "Jeugdgezondheidszorg en opvoedondersteuning voor ouders"
    picture = svg.bar_chart(
        [svg.Bar(long_label, (3, 1)), svg.Bar("pl", (2, 0))], title="t", series=("a", "b")
    )
    width = svg.label_column_width([long_label, "pl"])
    lines = svg.wrap_label(long_label, width)
    assert " ".join(lines) == long_label  # every word is drawn
    assert all(len(line) * svg.CHAR_WIDTH <= width - 12 for line in lines)
    for line in lines:
        assert f">{line}</tspan>" in picture
    # the label column grows for a label of moderate length instead of clipping it
    assert svg.label_column_width(["The Dutch school system"]) >= 23 * svg.CHAR_WIDTH


@pytest.mark.anyio
async def test_a_first_login_is_welcomed_and_a_later_one_welcomed_back(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    for expected, not_expected in (
        ("Welcome to parentinfo.", "Welcome back."),
        ("Welcome back.", "Welcome to parentinfo."),
    ):
        token = await csrf_token(client, "/login?lang=en")
        response = await client.post(
            "/login",
            data={"email": member.email, "password": member.password, "_csrf_token": token},
        )
        assert response.status_code == 303, response.text
        page = (await client.get("/")).text
        assert expected in page
        assert not_expected not in page
        await client.post("/logout", data={"_csrf_token": client.cookies["csrftoken"]})


@pytest.mark.anyio
async def test_the_consent_history_is_in_the_pages_language_only(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    contact = await Contact.create(
        organisation=school, name="Anna Nowak", mobile="+31612345678", language="pl"
    )
    await record_consent(
        contact=contact,
        channels=["sms"],
        granted=True,
        method=ConsentMethod.PAPER_FORM,
        note="Signed the paper form at an information evening.",
    )
    await record_consent(
        contact=contact,
        channels=["sms"],
        granted=False,
        method=ConsentMethod.SMS,
        note="replied STOP by SMS",
    )
    await record_consent(
        contact=contact,
        channels=["sms"],
        granted=True,
        method=ConsentMethod.VERBAL,
        note="told me at the door",  # staff's own words stay as they were typed
    )
    await login(client, member)
    html = (await client.get(f"/contacts/{contact.id}", params={"lang": "nl"})).text
    history = html[html.index("<caption") : html.index("</table>", html.index("<caption"))]
    assert "antwoordde STOP per sms" in history
    assert "Heeft het papieren formulier getekend op een informatieavond." in history
    assert "told me at the door" in history
    for english in ("replied STOP", "Signed the paper form", "given", "withdrawn", "Paper form"):
        assert english not in history
