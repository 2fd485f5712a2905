"""Reply codes: short, unambiguous, never a reply word, and unique."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parentinfo.events.codes import (
    DIGITS,
    FIRST_LETTERS,
    LEGACY_LETTERS,
    LETTERS,
    codes_of_length,
    is_code,
    new_uid,
    normalise_code,
    pick_code,
    space_size,
)
from parentinfo.rsvp import lexicon
from parentinfo.rsvp.parser import Intent, normalise, parse_reply

AMBIGUOUS = set("O0I1L")
REPLY_WORDS = ["JA", "NEE", "YES", "NO", "TAK", "NIE", "DA", "NU", "ДА", "НЕ", "OK", "3", "+2"]


def test_alphabet_leaves_out_characters_that_look_alike() -> None:
    assert not AMBIGUOUS & set(LETTERS + DIGITS + FIRST_LETTERS)
    assert len(set(LETTERS)) == len(LETTERS) == 23
    assert len(set(DIGITS)) == len(DIGITS) == 8
    assert set(FIRST_LETTERS) <= set(LEGACY_LETTERS)


# Cyrillic and Greek letters a phone user would take for Latin ones.
LOOK_ALIKES = {"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
               "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "α": "a", "β": "b",
               "ε": "e", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o", "ρ": "p",
               "τ": "t", "υ": "y", "χ": "x", "ζ": "z"}  # fmt: skip


def test_no_new_code_letter_is_a_one_letter_word_in_any_language() -> None:
    assert set(lexicon.ONE_LETTER_WORDS) == set(lexicon.LANGUAGES)
    letters = {letter.lower() for letter in FIRST_LETTERS}
    for language, words in lexicon.ONE_LETTER_WORDS.items():
        for word in words:
            plain = normalise(word)
            read_as = {plain, LOOK_ALIKES.get(plain, plain)}
            assert not letters & read_as, (language, word)
    # the one-letter words the issue names, and "x2"
    for word in ("w", "z", "s", "a", "e", "i", "o", "u", "k", "v", "y", "x", "b", "c"):
        assert word not in letters


def test_every_new_code_after_every_one_letter_word_reads_as_that_word() -> None:
    """ "w 4" stays "w 4" however many new codes are open: enumerate all pairs."""
    codes = codes_of_length(2)
    for language, words in lexicon.ONE_LETTER_WORDS.items():
        for word in words:
            for digit in DIGITS:
                reading = parse_reply(f"tak {word} {digit}", known_codes=codes)
                assert reading.code is None, (language, word, digit)
                joined = parse_reply(f"tak {word}{digit}", known_codes=codes)
                assert joined.code is None, (language, word, digit)


def test_a_legacy_code_is_read_joined_or_in_capitals_but_not_as_a_phrase() -> None:
    legacy = ["W4", "Z2", "K7"]
    assert parse_reply("tak, będziemy w 4 osoby", known_codes=legacy).code is None
    assert parse_reply("tak, będziemy w 4 osoby", known_codes=legacy).party_size == 4
    assert parse_reply("tak, przyjdę z 2 dzieci", known_codes=legacy).code is None
    assert parse_reply("TAK, BĘDZIEMY W 4 OSOBY", known_codes=legacy).code is None
    assert parse_reply("tak W4", known_codes=legacy).code == "W4"
    assert parse_reply("tak w4", known_codes=legacy).code == "W4"
    assert parse_reply("ja K 7", known_codes=legacy).code == "K7"
    assert parse_reply("ano К7", known_codes=legacy).code == "K7"  # Cyrillic К
    assert parse_reply("да, Н7", known_codes=["H7"]).code == "H7"  # Cyrillic Н
    assert parse_reply("ναι Μ3", known_codes=["M3"]).intent == Intent.YES
    assert parse_reply("ναι Μ3", known_codes=["M3"]).code == "M3"  # Greek Μ


def test_space_size_matches_the_enumeration() -> None:
    for length in (2, 3):
        codes = codes_of_length(length)
        assert len(codes) == space_size(length)
        assert len(set(codes)) == len(codes)
        assert all(is_code(code) for code in codes)


def test_the_first_code_is_a_letter_and_a_digit() -> None:
    code = pick_code([], random.Random(1))
    assert re.fullmatch(f"[{FIRST_LETTERS}][{DIGITS}]", code)


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
