"""The reply corpus keeps its shape: big enough, every language deep, every label well-formed.

Only the corpus is checked here, not how the parser reads it: the scoring lives with the parser.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.rsvp.replies_corpus import CASES, INTENTS, KNOWN_CODES, LANGUAGES, Case

ANSWERS = ("yes", "maybe")


def _lines(language: str) -> list[Case]:
    """The corpus lines of one language."""
    return [case for case in CASES if case[0] == language]


def test_the_corpus_is_large_and_covers_exactly_the_contact_languages() -> None:
    assert len(CASES) >= 1000
    assert {case[0] for case in CASES} == set(LANGUAGES)
    assert len(LANGUAGES) == 22


def test_every_line_is_well_formed() -> None:
    for language, text, intent, party, code, question in CASES:
        label = (language, text)
        assert text, label
        assert text == text.strip(), label
        assert intent in INTENTS, label
        assert party is None or (isinstance(party, int) and 1 <= party <= 20), label
        assert party is None or intent in ANSWERS, label
        assert code is None or code in KNOWN_CODES, label
        assert isinstance(question, bool), label


def test_no_line_appears_twice() -> None:
    counts = Counter((case[0], case[1]) for case in CASES)
    assert [line for line, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_covers_every_category(language: str) -> None:
    lines = _lines(language)
    intents = Counter(case[2] for case in lines)
    assert len(lines) >= 40
    assert set(INTENTS) <= set(intents), set(INTENTS) - set(intents)
    assert intents["stop"] + intents["possible_stop"] >= 4
    assert sum(1 for case in lines if case[3] is not None) >= 5
    assert sum(1 for case in lines if case[2] == "maybe" and case[3] is not None) >= 1
    assert {case[4] for case in lines if case[4]} == set(KNOWN_CODES)
    assert sum(1 for case in lines if case[5]) >= 3
    assert any(case[5] and case[2] in ANSWERS for case in lines), "an answer with a question"
    assert any(case[5] and case[2] == "unknown" for case in lines), "a pure question"
