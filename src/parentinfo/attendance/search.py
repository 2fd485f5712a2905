"""Finding a name at the door: case, accents and the Cyrillic alphabet do not matter.

A pure core. A volunteer types ``lukasz`` on a phone and finds ``Łukasz``; ``ivan`` finds
``Иван``; ``stefanescu`` finds ``Ștefănescu``.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LATIN_EXTRA = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ı": "i",
    "ß": "ss",
    "ħ": "h",
}

# Bulgarian (streamlined system) and Ukrainian letters, so Latin typing finds Cyrillic names.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ё": "yo", "ы": "y",
    "э": "e", "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}  # fmt: skip

_TABLE = str.maketrans({**_LATIN_EXTRA, **_CYRILLIC})


def fold(text: str) -> str:
    """Lower case, without accents, in Latin letters, with single spaces."""
    folded = _fold_once(text)
    # Decomposition can uncover letters that fold further (Cyrillic й → и + breve, or a
    # compatibility character hiding a capital); a few rounds reach the fixed point.
    for _round in range(4):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return " ".join(folded.split())


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_TABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_TABLE)


def matches(name: str, query: str | None) -> bool:
    """True when every word of ``query`` occurs somewhere in ``name`` (folded)."""
    if not query:
        return True
    folded = fold(name)
    return all(word in folded for word in fold(query).split())
