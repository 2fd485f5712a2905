"""The search fold (lib.folding) on the names our parents have, script by script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.lib.folding import SEARCH_KEY_MAX, fold, matches, search_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Елена Петрова", "elena petrova"),
        ("Kozłowska", "kozlowska"),
        ("Ştefănescu", "stefanescu"),  # cedilla, U+015F
        ("Ștefănescu", "stefanescu"),  # comma below, U+0219: the same key
        ("Ţurcanu", "turcanu"),
        ("Țurcanu", "turcanu"),
        ("Olena Ївга", "olena ivga"),
        # anyascii writes Russian-style Kh/Shch and Greek ου as oy; the national spelling follows
        ("Христо Щерев", "khristo shcherev hristo shterev"),
        ("Ελένη Παπαδοπούλου", "eleni papadopoyloy eleni papadopoulou"),
        ("محمد أحمد", "mhmd hmd"),  # Arabic: the consonants, as written
        ("Gökçe Şahin", "gokce sahin"),
        ("Anna-Maria O'Brien", "anna maria obrien"),
        ("ẞtraße", "sstrasse"),
    ],
)
def test_each_script_folds_to_plain_latin(name: str, key: str) -> None:
    assert search_key(name) == key


def test_a_long_name_fits_the_column() -> None:
    assert len(search_key("語" * 200)) <= SEARCH_KEY_MAX


@given(st.text(max_size=60))
def test_the_key_is_plain_ascii_and_finds_its_own_name(text: str) -> None:
    key = search_key(text)
    assert key.isascii()
    assert key == key.lower()
    assert fold(fold(text)) == fold(text)
    assert matches(text, text)
