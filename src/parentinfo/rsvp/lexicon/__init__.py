"""The words parents answer with, one module per language, and what every language shares.

Each ``<code>.py`` holds one :class:`~parentinfo.rsvp.lexicon.base.Language`: its yes, no and
maybe words, the grammar words the parser needs (negators, verbs of coming, question
markers), number words with their case forms and collectives, companions, and opt-out
phrases. The parser works out which language a message is written in from these lists.
"""

from __future__ import annotations

from parentinfo.rsvp.lexicon import (
    ar,
    bg,
    cs,
    de,
    el,
    en,
    es,
    fr,
    hr,
    hu,
    it,
    lt,
    lv,
    nl,
    pl,
    pt,
    ro,
    ru,
    sk,
    sl,
    tr,
    uk,
)
from parentinfo.rsvp.lexicon.base import Language

# In this order: on a tie (a message that reads the same in two languages) the first wins.
LANGUAGES: dict[str, Language] = {
    module.LANGUAGE.code: module.LANGUAGE
    for module in (
        nl, en, pl, ro, bg, de, fr, es, pt, it, lt, lv, hu, sk, cs, hr, sl, el, uk, ru, tr, ar
    )
}  # fmt: skip

# Emoji and symbols read the same in every language.
EMOJI: dict[str, str] = {
    "👍": "yes",
    "👌": "yes",
    "✅": "yes",
    "✔": "yes",
    "🙋": "yes",
    "👏": "yes",
    "🙏": "lead",  # first in a sentence a yes; after "thanks for the info" gratitude
    "👎": "no",
    "❌": "no",
    "✖": "no",
    "🚫": "no",
    "🤔": "maybe",
    "🤷": "maybe",
}

# Twilio's own keywords and the words every phone user knows, whatever their language.
UNIVERSAL = Language(
    code="*",
    lead_yes=("ok", "okay", "oke", "okey", "okej", "okei", "k", "kk"),
    stop=("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"),
    opt_out=("stop sms", "sms stop", "stop messages", "unsubscribe"),
    start=("start", "unstop"),
    help=("help", "info"),
    fillers=("sms", "pls", "thx", "merci", "sorry"),
)

# The one-letter words of all 22 languages (and the Latin letters their Cyrillic and Greek
# look-alikes become): a reply code may never start with one of these (see events.codes).
ONE_LETTER_WORDS: dict[str, tuple[str, ...]] = {
    "nl": ("u", "t", "n", "s"),  # "u", "'t", "'n", "'s"
    "en": ("a", "i"),
    "pl": ("a", "i", "o", "u", "w", "z"),
    "ro": ("a", "e", "o", "ă", "î"),
    "bg": ("а", "в", "и", "с", "у", "е", "я", "к", "о"),
    "de": ("s",),  # "'s"
    "fr": ("a", "à", "y"),  # elided "l'", "d'" join the next word
    "es": ("a", "e", "o", "u", "y"),
    "pt": ("a", "à", "e", "é", "o"),
    "it": ("a", "e", "è", "i", "o"),
    "lt": ("o", "ir", "į"),
    "lv": ("a",),
    "hu": ("a", "s", "e"),
    "sk": ("a", "i", "k", "o", "s", "u", "v", "z"),
    "cs": ("a", "i", "k", "o", "s", "u", "v", "z"),
    "hr": ("a", "i", "k", "o", "s", "u", "v", "z", "e"),
    "sl": ("a", "k", "o", "s", "v", "z"),  # "h" only before k/g words
    "el": ("ο", "η", "ή", "α", "ω"),  # elided "μ'", "σ'" stand before a word
    "uk": ("а", "в", "з", "і", "й", "к", "о", "у", "я", "с"),
    "ru": ("а", "в", "и", "к", "о", "с", "у", "я", "ж", "б"),
    "tr": ("o", "a", "e"),
    "ar": ("و", "ب", "ل", "ف", "w", "b", "f", "l", "y", "3", "a", "e", "u", "o", "x"),
}

__all__ = ["EMOJI", "LANGUAGES", "ONE_LETTER_WORDS", "UNIVERSAL", "Language"]
