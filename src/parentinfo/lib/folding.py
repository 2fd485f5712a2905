"""Folding names for search: any alphabet, any accents, any case, to plain Latin letters.

A pure core. Staff type ``elena`` and find ``Елена``; a volunteer at the door types
``kozlowska`` and finds ``Kozłowska``, ``sorin`` finds ``Sorin Ştefănescu`` (cedilla) and
``Sorin Ștefănescu`` (comma) alike. The transliteration itself is anyascii's (ISC licence,
every script Unicode has, kept up to date with Unicode releases): no alphabet table of ours.

anyascii writes one spelling per letter, the Russian-style one for Cyrillic (``Х`` → ``kh``,
``Щ`` → ``shch``) and a letter-by-letter one for Greek (``ου`` → ``oy``). Bulgarian and Greek
parents write their names the official way of their country (``Hristo``, ``Shterev``,
``Papadopoulou``), so a name also keeps that second spelling: four letters, not a table.
Arabic is written without short vowels, so ``محمد`` folds to its consonants, ``mhmd``:
found by what anyascii gives, not by ``muhammad``.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

SEARCH_KEY_MAX = 1000  # the column's width; a name is at most 200 characters before folding

# Bulgarian's official romanisation (2009 law) and Greek's ELOT 743, where they differ
# from anyascii's one spelling. Applied to casefolded, composed text: capitals and ού too.
_NATIONAL_SPELLINGS = (("ου", "ou"), ("ού", "ou"), ("х", "h"), ("щ", "sht"), ("ъ", "a"))
_APOSTROPHES = re.compile(r"['’`]")  # anyascii writes ь, ъ and the hamza as apostrophes
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits, words split by single spaces."""
    # Casefold first: the micro sign and Greek mu, or ﬁ and fi, are one letter to a reader.
    latin = _APOSTROPHES.sub("", anyascii(text.casefold())).lower()
    return " ".join(_NOT_ALNUM.sub(" ", latin).split())


def search_key(name: str) -> str:
    """What a name is found by: its folded form, and its national spelling where that differs."""
    plain = fold(name)
    national = unicodedata.normalize("NFC", name.casefold())
    for letters, spelling in _NATIONAL_SPELLINGS:
        national = national.replace(letters, spelling)
    second = fold(national)
    key = plain if second == plain else f"{plain} {second}"
    return key[:SEARCH_KEY_MAX]


def query_words(query: str | None) -> list[str]:
    """The folded words of a search; every one must occur in a name's key for it to match."""
    return fold(query or "").split()


def matches(name: str, query: str | None) -> bool:
    """True when every word of ``query`` occurs somewhere in ``name`` (folded)."""
    key = search_key(name)
    return all(word in key for word in query_words(query))
