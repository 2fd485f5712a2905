"""The pure field checks every way of adding a contact shares."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.contacts.validation import (
    build_draft,
    clean_age_groups,
    clean_channels,
    clean_email,
    clean_language,
    clean_method,
    clean_mobile,
    clean_name,
)
from parentinfo.errors import Invalid
from parentinfo.i18n import use_language
from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES, ConsentMethod


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("06 12345678", "+31612345678"), ("0031612345678", "+31612345678"), ("", None), (None, None)],
)
def test_mobile_is_e164_or_none(raw: str | None, expected: str | None) -> None:
    assert clean_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["+31201234567", "06 1234", "0800-1234", "hello"])
def test_landlines_and_nonsense_are_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(Invalid) as refusal:
        clean_mobile(raw, field_name="phone")
    assert refusal.value.errors[0].field == "phone"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("PL", "pl"), (" pl-PL ", "pl"), ("pt_BR", "pt"), ("uk", "uk")],
)
def test_language_codes_are_normalised(raw: str, expected: str) -> None:
    assert clean_language(raw) == expected


@pytest.mark.parametrize("raw", ["", "xx", "polish", "english"])
def test_unknown_languages_list_what_is_accepted(raw: str) -> None:
    with pytest.raises(Invalid) as refusal:
        clean_language(raw)
    assert ", ".join(SUPPORTED_LANGUAGES) in refusal.value.errors[0].message


def test_names_emails_age_groups_channels_and_methods() -> None:
    assert clean_name("  Anna   Kowalska ") == "Anna Kowalska"
    assert clean_email(" Anna@Example.COM ") == "Anna@example.com"
    assert clean_email("") is None
    assert clean_age_groups(["12-17", "0–3", "0-3", " "]) == ["0-3", "12-17"]
    assert clean_channels(["EMAIL", "sms", "sms"]) == ["sms", "email"]
    assert clean_method(" Paper_Form ") == ConsentMethod.PAPER_FORM
    for check, raw in (
        (clean_name, " "),
        (clean_name, "x" * 201),
        (clean_email, "a@b"),
        (clean_email, "two@@example.com"),
        (clean_email, "a b@example.com"),
    ):
        with pytest.raises(Invalid):
            check(raw)
    for values in (["5-9"], ["sms", "fax"]):
        with pytest.raises(Invalid):
            clean_age_groups(values)
    with pytest.raises(Invalid):
        clean_channels([])
    with pytest.raises(Invalid):
        clean_method("telepathy")


def test_build_draft_names_every_fault_and_needs_an_address() -> None:
    with pytest.raises(Invalid) as refusal:
        build_draft(
            name="A",
            mobile=None,
            email=None,
            language="xx",
            age_groups=[],
            consent_channels=["sms"],
            consent_method="web",
        )
    assert [e.field for e in refusal.value.errors] == ["language", "mobile"]


def test_messages_follow_the_language_of_the_moment() -> None:
    with use_language("en"), pytest.raises(Invalid) as english:
        clean_name("")
    assert english.value.errors[0].message == "is empty; give the parent's name"
    with use_language("nl"), pytest.raises(Invalid) as dutch:
        clean_name("")
    assert dutch.value.errors[0].message == "is leeg; vul de naam van de ouder in"
    with use_language("pl"), pytest.raises(Invalid) as polish:
        clean_mobile("+31201234567")
    assert "nie jest numerem komórkowym" in polish.value.errors[0].message


@given(st.lists(st.sampled_from(AGE_GROUPS)))
def test_age_groups_come_back_in_their_natural_order(groups: list[str]) -> None:
    cleaned = clean_age_groups(groups)
    assert cleaned == [g for g in AGE_GROUPS if g in groups]


@given(st.text(max_size=40))
def test_any_text_as_mobile_is_a_number_or_a_refusal(raw: str) -> None:
    fields: list[str] = []
    try:
        result = clean_mobile(raw)
    except Invalid as refusal:
        fields = [e.field for e in refusal.errors]
        result = None
    assert fields in ([], ["mobile"])
    assert result is None or result.startswith("+")
