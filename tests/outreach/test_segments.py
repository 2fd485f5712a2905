"""The segment counter: GSM 03.38 and UCS-2, single and multipart, escapes and surrogate pairs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.messaging.segments import (
    GSM7,
    GSM_BASIC,
    GSM_EXTENSION,
    UCS2,
    count_segments,
    is_gsm7,
)

GSM_TEXT = st.text(alphabet=sorted(GSM_BASIC | GSM_EXTENSION), max_size=700)
BASIC_TEXT = st.text(alphabet=sorted(GSM_BASIC), max_size=700)
ANY_TEXT = st.text(max_size=400)
# A lone surrogate cannot occur in text that came from anywhere real.
CHARS = st.characters(exclude_categories=("Cs",))
NON_GSM = CHARS.filter(lambda c: c not in GSM_BASIC and c not in GSM_EXTENSION)


def test_the_tables_have_the_sizes_of_the_standard() -> None:
    assert len(GSM_BASIC) == 127  # 128 codes, less the escape
    assert sorted(GSM_EXTENSION) == sorted("\f^{}\\[~]|€")
    assert not GSM_BASIC & GSM_EXTENSION


def test_empty_text_is_no_segment() -> None:
    info = count_segments("")
    assert (info.encoding, info.characters, info.segments, info.remaining) == (GSM7, 0, 0, 160)


@pytest.mark.parametrize(
    ("char", "length", "encoding", "segments", "per_segment", "remaining"),
    [
        ("a", 1, GSM7, 1, 160, 159),
        ("a", 160, GSM7, 1, 160, 0),
        ("a", 161, GSM7, 2, 153, 145),
        ("a", 306, GSM7, 2, 153, 0),
        ("a", 307, GSM7, 3, 153, 152),
        ("a", 459, GSM7, 3, 153, 0),
        ("a", 460, GSM7, 4, 153, 152),
        ("ą", 1, UCS2, 1, 70, 69),
        ("ą", 70, UCS2, 1, 70, 0),
        ("ą", 71, UCS2, 2, 67, 63),
        ("ą", 134, UCS2, 2, 67, 0),
        ("ą", 135, UCS2, 3, 67, 66),
        ("ą", 201, UCS2, 3, 67, 0),
        ("ą", 202, UCS2, 4, 67, 66),
    ],
)
def test_segment_boundaries(  # noqa: PLR0917 - one parameter a column of the table
    char: str, length: int, encoding: str, segments: int, per_segment: int, remaining: int
) -> None:
    info = count_segments(char * length)
    assert info.encoding == encoding
    assert info.characters == length
    assert (info.segments, info.per_segment, info.remaining) == (segments, per_segment, remaining)


@pytest.mark.parametrize("char", sorted(GSM_EXTENSION))
def test_each_extension_character_counts_two(char: str) -> None:
    assert count_segments(char).characters == 2
    assert count_segments("a" * 158 + char).segments == 1
    assert count_segments("a" * 159 + char).segments == 2


def test_euro_sign_counts_two_septets() -> None:
    info = count_segments("Kosten: €5")
    assert info.encoding == GSM7
    assert info.characters == 11


def test_an_escape_pair_never_straddles_two_parts() -> None:
    # 152 + 2 would be 154 in the first part: the € moves whole into the second part.
    info = count_segments("a" * 152 + "€" + "a" * 9)
    assert info.characters == 163
    assert (info.segments, info.remaining) == (2, 153 - 11)
    # 306 septets would fill two parts exactly, but the moved escape needs a third.
    info = count_segments("a" * 152 + "€" + "a" * 152)
    assert (info.characters, info.segments) == (306, 3)


def test_emoji_is_a_surrogate_pair_and_forces_ucs2() -> None:
    info = count_segments("Tot zaterdag 👍")
    assert info.encoding == UCS2
    assert info.characters == len("Tot zaterdag ") + 2
    assert count_segments("😀" * 35).segments == 1
    assert count_segments("😀" * 36).segments == 2


def test_a_surrogate_pair_never_straddles_two_parts() -> None:
    info = count_segments("ą" * 66 + "😀" + "ą" * 66)
    assert (info.characters, info.segments) == (134, 3)


@pytest.mark.parametrize("char", ["ą", "ł", "ó", "ë", "ï", "ș", "ç", "È", "Д", "’", "\u00a0", "`"])
def test_one_character_outside_gsm_makes_all_ucs2(char: str) -> None:
    assert count_segments("a" * 100 + char).encoding == UCS2
    assert count_segments("a" * 100 + char).segments == 2


@pytest.mark.parametrize("char", ["é", "è", "ü", "ö", "ä", "ñ", "ß", "Ç", "Δ", "Ω", "@", "£", "¿"])
def test_gsm_letters_that_look_foreign_stay_gsm(char: str) -> None:
    assert count_segments("a" * 100 + char).encoding == GSM7


@given(GSM_TEXT)
def test_gsm_text_is_never_ucs2(text: str) -> None:
    info = count_segments(text)
    assert info.encoding == GSM7
    assert info.characters == len(text) + sum(c in GSM_EXTENSION for c in text)


@given(BASIC_TEXT)
def test_basic_gsm_segments_follow_the_plain_formula(text: str) -> None:
    n = len(text)
    expected = 0 if n == 0 else 1 if n <= 160 else math.ceil(n / 153)
    assert count_segments(text).segments == expected


@given(BASIC_TEXT, NON_GSM)
def test_any_non_gsm_character_makes_ucs2(text: str, char: str) -> None:
    info = count_segments(text + char)
    assert info.encoding == UCS2
    assert info.characters == len((text + char).encode("utf-16-le")) // 2


@given(ANY_TEXT, CHARS)
def test_segments_never_decrease_as_text_grows(text: str, char: str) -> None:
    assert count_segments(text + char).segments >= count_segments(text).segments


@given(ANY_TEXT)
def test_remaining_is_within_one_segment(text: str) -> None:
    info = count_segments(text)
    assert 0 <= info.remaining <= info.per_segment
    if text:
        assert info.remaining < info.per_segment
        assert info.segments >= math.ceil(info.characters / info.per_segment)
    assert is_gsm7(text) == (info.encoding == GSM7)
