"""What we keep of an inbound body: no control characters, at most 1,600 characters."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.rsvp.inbound.service import MAX_BODY, clean_body, clean_field


def test_control_characters_go_and_newlines_stay() -> None:
    text, cut = clean_body("ja\x00\x07 graag\r\nK7\x1b[31m\u202e")
    assert text == "ja graag\nK7[31m"
    assert cut is False


def test_long_bodies_are_cut_and_flagged() -> None:
    text, cut = clean_body("ja " * 1000)
    assert len(text) == MAX_BODY
    assert cut is True


def test_fields_are_printable_and_short() -> None:
    assert clean_field("+31 6\x00 1234", 32) == "+31 6 1234"
    assert len(clean_field("x" * 100, 32)) == 32


@given(st.text())
def test_no_control_character_survives(raw: str) -> None:
    text, _ = clean_body(raw)
    assert len(text) <= MAX_BODY
    assert all(c == "\n" or unicodedata.category(c) not in ("Cc", "Cs") for c in text)
