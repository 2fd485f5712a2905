"""The reply parser: a table of real replies, the words we ask for, and properties that hold
for any text at all (it never raises; case, diacritics and whitespace change nothing)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parentinfo.outreach.composing.keywords import REPLY_WORDS
from parentinfo.outreach.composing.plain import plain_text
from parentinfo.rsvp import lexicon
from parentinfo.rsvp.parser import MAX_PARTY, Intent, Reading, is_plain_yes, parse_reply
from tests.rsvp.replies_table import CASES, KNOWN_CODES

parse_reply("warm")  # the 22 lexicons are indexed once; not inside a timed property


@pytest.mark.parametrize(
    ("language", "text", "intent", "party", "code"),
    CASES,
    ids=[f"{c[0]}:{c[1]!r}" for c in CASES],
)
def test_reply_table(
    language: str, text: str, intent: str, party: int | None, code: str | None
) -> None:
    reading = parse_reply(text, known_codes=KNOWN_CODES)
    assert (reading.intent.value, reading.party_size, reading.code) == (intent, party, code)


def test_the_table_is_large_and_multilingual() -> None:
    languages = {case[0] for case in CASES} - {"xx"}
    assert len(CASES) >= 200
    assert len(languages) >= 12


@pytest.mark.parametrize("language", sorted(REPLY_WORDS))
def test_every_word_an_invitation_asks_for_is_understood(language: str) -> None:
    words = REPLY_WORDS[language]
    for word, intent in (
        (words.yes, Intent.YES),
        (words.no, Intent.NO),
        (words.maybe, Intent.MAYBE),
    ):
        for form in {word, plain_text(word, language), word.lower()}:
            assert parse_reply(form).intent == intent, form
            with_code = parse_reply(f"{form} K7", known_codes=["K7"])
            assert with_code == Reading(intent, None, "K7"), form
    assert parse_reply(f"{words.yes} 3") == Reading(Intent.YES, 3, None)


@pytest.mark.parametrize("code", sorted(lexicon.LANGUAGES))
def test_no_phrase_means_two_different_answers_in_one_language(code: str) -> None:
    from parentinfo.rsvp.parser import normalise, tokens

    words = lexicon.LANGUAGES[code]
    meanings: dict[tuple[str, ...], set[str]] = {}
    for intent, phrases in (
        ("yes", words.yes + words.sure_yes + words.lead_yes),
        ("no", words.no + words.sure_no + words.lead_no),
        ("maybe", words.maybe),
    ):
        for phrase in phrases:
            meanings.setdefault(tuple(tokens(normalise(phrase))), set()).add(intent)
    clashes = {key: found for key, found in meanings.items() if len(found) > 1}
    assert clashes == {}


@pytest.mark.parametrize(
    "text",
    ["I can't stop by tonight", "nee, stop met dat gedoe", "stop en start", "help me kom ik?"],
)
def test_keywords_count_only_as_the_whole_message(text: str) -> None:
    assert parse_reply(text).intent not in (Intent.STOP, Intent.START, Intent.HELP)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("1", Intent.YES), ("2", Intent.NO), ("3", Intent.MAYBE), ("1!", Intent.YES)],
)
def test_bare_digits_mean_what_the_invitation_says(text: str, intent: Intent) -> None:
    assert parse_reply(text) == Reading(intent)


def test_a_digit_next_to_a_code_is_not_an_answer() -> None:
    assert parse_reply("K7 2", known_codes=["K7"]).intent == Intent.UNKNOWN


def test_codes_are_matched_in_any_case_and_spacing() -> None:
    for text in ("ja k7", "JA K7", "ja K 7", "ja, k7!", "K7: ja", "ja К7"):
        assert parse_reply(text, known_codes=["K7", "B3"]) == Reading(Intent.YES, None, "K7")


def test_an_unknown_code_is_not_taken_for_a_party_size() -> None:
    assert parse_reply("JA X9", known_codes=["K7"]) == Reading(Intent.YES, None, None)


def test_times_and_dates_are_not_party_sizes() -> None:
    for text in ("ja, 18:30", "ja om 7", "yes at 6", "tak 12.03", "ja, 7 uur", "da la 6"):
        assert parse_reply(text).party_size is None, text


def test_plain_yes_is_only_the_english_word_alone() -> None:
    assert is_plain_yes(" Yes! ")
    assert not is_plain_yes("yes 2")
    assert not is_plain_yes("ja")


# --- properties ------------------------------------------------------------------------

_WORDS = sorted(
    {
        phrase
        for words in lexicon.LANGUAGES.values()
        for field in ("yes", "no", "maybe", "sure_yes", "sure_no", "stop", "help")
        for phrase in getattr(words, field)
    }
)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
    st.sampled_from(["1", "2", "3", "+2", "K7", "k7", "👍", "👎", "🤔", ",", "!", "18:30"]),
)
REPLIES = st.lists(_PIECES, max_size=6).map(" ".join)
_OWN_LETTERS = frozenset("".join(language.letters for language in lexicon.LANGUAGES.values()))


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


@settings(max_examples=400)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    reading = parse_reply(text, known_codes=["K7", "", " "])
    assert isinstance(reading.intent, Intent)


@settings(max_examples=400)
@given(REPLIES)
def test_case_does_not_matter(text: str) -> None:
    # Turkish dotless ı has no case pair of its own (ı → I → i): upper-casing it loses the
    # letter that told the reply was Turkish, so the property cannot hold for it.
    assume("ı" not in text and "İ" not in text)
    expected = parse_reply(text, known_codes=KNOWN_CODES)
    for variant in (text.upper(), text.lower(), text.swapcase()):
        assert parse_reply(variant, known_codes=KNOWN_CODES) == expected


@settings(max_examples=400)
@given(REPLIES)
def test_diacritics_do_not_matter(text: str) -> None:
    # Except a language's own letters ("ž", "ż"): they break a tie between languages that
    # read the same unaccented (test_grammar: Croatian "Može" yes, Polish "Może" maybe).
    assume(not any(char in _OWN_LETTERS for char in text.casefold()))
    expected = parse_reply(text, known_codes=KNOWN_CODES)
    assert parse_reply(_strip_diacritics(text), known_codes=KNOWN_CODES) == expected


@settings(max_examples=200)
@given(REPLIES, st.sampled_from(["\u0301", "\u0308", "\u030c", "\u0328"]))
def test_added_accents_do_not_matter(text: str, mark: str) -> None:
    accented = "".join(c + mark if c.isalpha() else c for c in text)
    assert parse_reply(accented) == parse_reply(text)


@settings(max_examples=400)
@given(REPLIES, st.text(" \t\n\r\u00a0\u2003", max_size=5), st.text(" \t\n\r", max_size=5))
def test_surrounding_whitespace_does_not_matter(text: str, before: str, after: str) -> None:
    assert parse_reply(before + text + after) == parse_reply(text)


@settings(max_examples=400)
@given(REPLIES)
def test_party_size_is_sensible_and_only_for_yes_or_maybe(text: str) -> None:
    reading = parse_reply(text, known_codes=KNOWN_CODES)
    if reading.party_size is not None:
        assert 1 <= reading.party_size <= MAX_PARTY
        assert reading.intent in (Intent.YES, Intent.MAYBE)
    assert reading.code in (None, *KNOWN_CODES)


@pytest.mark.parametrize("text", ["\ud800ja", "ja\udfff 2", "\x00" * 50, "9" * 5000, "+" * 100])
def test_odd_strings_do_not_raise(text: str) -> None:
    assert isinstance(parse_reply(text, known_codes=["K7"]).intent, Intent)
