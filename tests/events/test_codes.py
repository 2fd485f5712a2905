"""Reply codes: short, unambiguous, never a reply word, and unique."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parentinfo.events.codes import (
    DIGITS,
    LETTERS,
    codes_of_length,
    is_code,
    new_uid,
    normalise_code,
    pick_code,
    space_size,
)

AMBIGUOUS = set("O0I1L")
REPLY_WORDS = ["JA", "NEE", "YES", "NO", "TAK", "NIE", "DA", "NU", "ДА", "НЕ", "OK", "3", "+2"]


def test_alphabet_leaves_out_characters_that_look_alike() -> None:
    assert not AMBIGUOUS & set(LETTERS + DIGITS)
    assert len(set(LETTERS)) == len(LETTERS) == 23
    assert len(set(DIGITS)) == len(DIGITS) == 8


def test_space_size_matches_the_enumeration() -> None:
    for length in (2, 3):
        codes = codes_of_length(length)
        assert len(codes) == space_size(length)
        assert len(set(codes)) == len(codes)
        assert all(is_code(code) for code in codes)


def test_the_first_code_is_a_letter_and_a_digit() -> None:
    code = pick_code([], random.Random(1))
    assert re.fullmatch(f"[{LETTERS}][{DIGITS}]", code)


def test_three_characters_only_when_every_two_character_code_is_taken() -> None:
    all_two = codes_of_length(2)
    assert len(pick_code(all_two[:-1], random.Random(2))) == 2
    assert pick_code(all_two[:-1], random.Random(2)) == all_two[-1]
    assert len(pick_code(all_two, random.Random(2))) == 3


def test_codes_are_not_reply_words() -> None:
    for word in REPLY_WORDS:
        assert not is_code(word), word


def test_codes_are_read_in_any_case() -> None:
    assert normalise_code(" k7 ") == "K7"
    assert is_code("k7")
    assert not is_code("K1")  # 1 is not in the alphabet
    assert not is_code("KK")  # no digit: could be a word
    assert not is_code("7K")  # starts with a digit: could be a party size


@settings(max_examples=200)
@given(st.sets(st.sampled_from(codes_of_length(2)), max_size=space_size(2)), st.integers())
def test_pick_code_never_returns_a_taken_code(taken: set[str], seed: int) -> None:
    code = pick_code(taken, random.Random(seed))
    assert code not in taken
    assert is_code(code)
    assert len(code) == (2 if len(taken) < space_size(2) else 3)


def test_uids_are_unique_and_marked_as_ours() -> None:
    uids = {new_uid() for _ in range(100)}
    assert len(uids) == 100
    assert all(uid.endswith("@parentinfo") for uid in uids)
