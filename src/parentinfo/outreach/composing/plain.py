"""SMS text without diacritics, so it travels as GSM-7 (160 a part) instead of UCS-2 (70).

A pure core. Only what GSM 03.38 cannot carry is replaced: é, ä, ö, ü, ñ and friends stay.
Bulgarian is transliterated by the official Streamlined System (Transliteration Act, 2009),
Ukrainian by the national system (Cabinet of Ministers resolution 55, 2010).
"""

from __future__ import annotations

import re
import unicodedata

from parentinfo.messaging.segments import GSM_BASIC, GSM_EXTENSION

# Languages whose everyday text needs UCS-2 but whose plain form is GSM-7. Russian joins once
# the reply parser reads its Latin forms (NET, VOZMOZHNO): what we ask a parent to type must
# be what we understand.
PLAIN_LANGUAGES = frozenset(
    {"nl", "pl", "ro", "bg", "uk", "lt", "lv", "hu", "cs", "sk", "hr", "sl", "tr", "es"}
    | {"pt", "it", "fr"}
)

# Typography that word processors and CLDR add and GSM-7 lacks; it never changes the meaning.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t", " "),
        **dict.fromkeys("\u200b\u200e\u200f\u2060\ufeff\u00ad", ""),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022", "-"),
        **dict.fromkeys("`\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
        "\u2026": "...",
    }
)

# Letters NFD does not decompose into a base letter and marks.
_LATIN = {
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H",
    "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ŀ": "l", "Ŀ": "L",
    "ç": "c",
}  # fmt: skip

_BULGARIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    # Not in the Act's table, but they turn up in Bulgarian texts (ѝ, ѐ) or quoted names.
    "ѝ": "i", "ѐ": "e", "ы": "y", "э": "e", "ё": "yo", "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}  # fmt: skip

_UKRAINIAN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "",
}  # fmt: skip
# The Act names one exception: the country's own name is written the way the world knows it.
_BULGARIAN_EXCEPTIONS = {"българия": "bulgaria"}

# At the start of a word these four are written with y (Yevhen, Yizhak, Yosyp, Yurii, Yalta).
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:'[\u0400-\u04ff]+)*")


def can_be_plain(language: str) -> bool:
    """True when sending ``language`` without diacritics turns its SMS into GSM-7."""
    return language in PLAIN_LANGUAGES


def normalise_sms(text: str) -> str:
    """Composed characters, plain spaces, dashes and quotes: never costs more, often less."""
    return unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)


def plain_text(text: str, language: str) -> str:
    """``text`` made GSM-7: ``Zażółć`` → ``Zazolc``, ``Жечо`` → ``Zhecho``."""
    text = normalise_sms(text)
    if language == "bg":
        text = _CYRILLIC_WORD.sub(lambda match: _bulgarian_word(match.group()), text)
    elif language == "uk":
        text = _CYRILLIC_WORD.sub(lambda match: _ukrainian_word(match.group()), text)
    return "".join(_plain_char(char) for char in text)


def _plain_char(char: str) -> str:
    """A GSM-7 character as it is; another Latin letter without its marks, when that helps."""
    if char in GSM_BASIC or char in GSM_EXTENSION:
        return char
    if char in _LATIN:
        return _LATIN[char]
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
    )
    return stripped if all(c in GSM_BASIC for c in stripped) else char


def _bulgarian_word(word: str) -> str:
    """One word in the Streamlined System; a final -ия is -ia (България → Bulgaria)."""
    if word.lower() in _BULGARIAN_EXCEPTIONS:
        return _cased(_BULGARIAN_EXCEPTIONS[word.lower()], word[0], word)
    stem, ending = word, ""
    if word.lower().endswith("ия"):
        stem, ending = word[:-2], _cased("ia", word[-2], word)
    return "".join(_cased(_BULGARIAN.get(c.lower(), c), c, word) for c in stem) + ending


def _ukrainian_word(word: str) -> str:
    """One word in the Ukrainian national system (Київ → Kyiv, Юрій → Yurii, Згорани → Zghorany)."""
    out: list[str] = []
    for index, char in enumerate(word):
        lower = char.lower()
        latin = _UKRAINIAN_INITIAL.get(lower) if index == 0 else None
        if latin is None:
            latin = _UKRAINIAN.get(lower, char)
        if lower == "г" and index > 0 and word[index - 1].lower() == "з":
            latin = "gh"  # зг is zgh, so it is not read as the digraph zh
        out.append(_cased(latin, char, word))
    return "".join(out)


def _cased(latin: str, original: str, word: str) -> str:
    """Ж → Zh in a word like Жечо, ZH in a word in capitals like ЖЕЧО."""
    if not original[:1].isupper():
        return latin
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin[:1].upper() + latin[1:]
