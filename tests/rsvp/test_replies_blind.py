"""Shape checks for the blind reply set: enough lines, every language, valid labels."""

from collections import Counter

from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from tests.rsvp.replies_blind import CASES, KNOWN_CODES

LANGUAGES = SUPPORTED_LANGUAGES
INTENTS = {"yes", "no", "maybe", "stop", "start", "help", "unknown", "possible_stop"}


def test_enough_lines() -> None:
    """The judge needs a large sample."""
    assert len(CASES) >= 500


def test_every_language_is_covered() -> None:
    """All 22 contact languages, each with at least 22 lines, and no other language."""
    counts = Counter(case[0] for case in CASES)
    assert set(counts) == set(LANGUAGES)
    assert all(n >= 22 for n in counts.values()), counts


def test_labels_are_valid() -> None:
    """Intents from the known set, party only on yes/maybe, codes only the known ones."""
    for lang, text, intent, party, code, question in CASES:
        assert intent in INTENTS, text
        assert party is None or (intent in {"yes", "maybe"} and party >= 1), text
        assert code is None or code in KNOWN_CODES, text
        assert isinstance(question, bool), text
        assert text, lang
        assert text.strip() == text, (lang, text)


def test_no_duplicates() -> None:
    """Each reply appears once per language."""
    keys = [(case[0], case[1].casefold()) for case in CASES]
    dupes = [k for k, n in Counter(keys).items() if n > 1]
    assert not dupes
