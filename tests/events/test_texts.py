"""The fallback chain: the language asked for, then English, then Dutch, then anything."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.events.texts import choose_text, fallback_order
from parentinfo.lib.enums import SUPPORTED_LANGUAGES

languages = st.sampled_from(SUPPORTED_LANGUAGES)
titles = st.text(min_size=0, max_size=20)
text_maps = st.dictionaries(languages, st.tuples(titles, st.text(max_size=20)), max_size=8)


def test_fallback_order() -> None:
    assert fallback_order("ro") == ["ro", "en", "nl"]
    assert fallback_order("en") == ["en", "nl"]
    assert fallback_order("nl") == ["nl", "en"]


def test_the_asked_language_wins() -> None:
    chosen = choose_text({"en": ("Hello", ""), "ro": ("Bună", "d")}, "ro")
    assert chosen is not None
    assert (chosen.language, chosen.title, chosen.description) == ("ro", "Bună", "d")


def test_romanian_reader_gets_english_before_polish_and_dutch() -> None:
    texts = {"pl": ("Szkoła", ""), "en": ("School", ""), "nl": ("School NL", "")}
    chosen = choose_text(texts, "ro")
    assert chosen is not None
    assert chosen.language == "en"


def test_dutch_when_there_is_no_english() -> None:
    chosen = choose_text({"pl": ("Szkoła", ""), "nl": ("Het schoolsysteem", "")}, "ro")
    assert chosen is not None
    assert chosen.language == "nl"


def test_any_text_when_the_chain_has_none_and_nothing_when_empty() -> None:
    chosen = choose_text({"pl": ("Szkoła", ""), "bg": ("Училище", "")}, "ro")
    assert chosen is not None
    assert chosen.language == "bg"  # sorted: stable across calls
    assert choose_text({}, "ro") is None
    assert choose_text({"en": ("   ", "only a description")}, "en") is None


@given(text_maps, languages)
def test_the_choice_follows_the_chain(texts: dict[str, tuple[str, str]], language: str) -> None:
    chosen = choose_text(texts, language)
    usable = {code for code, (title, _) in texts.items() if title.strip()}
    if not usable:
        assert chosen is None
        return
    assert chosen is not None
    assert chosen.language in usable
    assert (chosen.title, chosen.description) == texts[chosen.language]
    order = fallback_order(language)
    in_chain = [code for code in order if code in usable]
    if in_chain:
        assert chosen.language == in_chain[0]
    else:
        assert chosen.language == min(usable)
