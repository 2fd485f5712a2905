"""The hold-out reply set is well formed; whether the parser reads it right is judged elsewhere."""

from __future__ import annotations

import re
from collections import Counter

from tests.rsvp.replies_holdout import CASES, KNOWN_CODES

LANGUAGES = {
    *("nl", "en", "pl", "ro", "bg", "de", "fr", "es", "pt", "it", "lt"),
    *("lv", "hu", "sk", "cs", "hr", "sl", "el", "uk", "ru", "tr", "ar"),
}
INTENTS = {"yes", "no", "maybe", "stop", "start", "help", "unknown", "possible_stop"}


def test_enough_lines_in_every_language() -> None:
    per_language = Counter(case[0] for case in CASES)
    assert len(CASES) >= 600
    assert set(per_language) == LANGUAGES
    assert min(per_language.values()) >= 27, per_language


def test_fields_are_of_the_right_kind() -> None:
    for language, text, intent, _party, code, question in CASES:
        assert language in LANGUAGES
        assert text, language
        assert text.strip() == text, (language, text)
        assert intent in INTENTS, (language, text)
        assert code is None or code in KNOWN_CODES, (language, text)
        assert isinstance(question, bool), (language, text)


def test_party_only_for_people_who_come() -> None:
    for _language, text, intent, party, _code, _question in CASES:
        if party is not None:
            assert intent in {"yes", "maybe"}, text
            assert 1 <= party <= 20, text


def test_a_named_code_is_in_the_text() -> None:
    """A code label must be visible in the text, in Latin or look-alike letters."""
    look_alike = str.maketrans("НМΗΜнмημ", "HMHMHMHM")
    for _language, text, _intent, _party, code, _question in CASES:
        if code is not None:
            squeezed = re.sub(r"\s+", "", text.translate(look_alike)).upper()
            assert code in squeezed, text


def test_no_line_twice() -> None:
    keys = [(case[0], case[1].casefold()) for case in CASES]
    assert len(keys) == len(set(keys))
