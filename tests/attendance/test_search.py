"""Finding names at the door whatever the case, accents or alphabet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.attendance.search import fold, matches


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("Łukasz Wiśniewski", "lukasz"),
        ("Łukasz Wiśniewski", "WISNIEWSKI"),
        ("Ștefan Ionescu", "stefan"),
        ("Şerban Ţepeş", "serban tepes"),
        ("Иван Петров", "ivan"),
        ("Йордан Щерев", "yordan shterev"),
        ("Zoë de Vries", "zoe"),
        ("Gökçe Şahin", "gokce sahin"),
        ("Ágnes Kovács", "agnes"),
        ("Jana Dvořáková", "dvorakova"),
        ("Jana Dvořáková", "dvořák"),
        ("Anna Kowalska", "kow anna"),
        ("Άννα Παπαδοπούλου", "αννα"),
    ],
)
def test_finds_names_whatever_the_accents(name: str, query: str) -> None:
    assert matches(name, query)


@pytest.mark.parametrize(
    ("name", "query"),
    [("Anna Kowalska", "nowak"), ("Иван Петров", "georgi"), ("Ana Pop", "anna")],
)
def test_does_not_find_other_names(name: str, query: str) -> None:
    assert not matches(name, query)


def test_empty_query_finds_everyone() -> None:
    assert matches("Anna", None)
    assert matches("Anna", "")
    assert matches("", "   ")


@given(st.text(max_size=40))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=40))
def test_a_name_finds_itself_in_any_case(text: str) -> None:
    assert matches(text, text)
    assert matches(text.upper(), text.lower())
    assert matches(text, text.strip()[: len(text) // 2])
