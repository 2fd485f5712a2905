"""The reply words each message prints, in the parent's language, and the sentences around them.

The words live in one table (not in the catalogs) so the SMS reply parser and the messages
can never disagree: what we ask a parent to send is what the parser reads. The sentence
around them ("Reply … or …") is translated in the ``outreach`` catalog.
When an organisation sends without diacritics, ``plain_text`` turns MOŻE into MOZE and
ДА into DA: the parser accepts those forms as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parentinfo.i18n import pgettext, use_language

STOP_WORD = "STOP"  # understood in every language, so every message prints this one


@dataclass(frozen=True)
class ReplyWords:
    """The words for yes, no and maybe in one language, as the parent should type them."""

    yes: str
    no: str
    maybe: str


REPLY_WORDS: dict[str, ReplyWords] = {
    "nl": ReplyWords("JA", "NEE", "MISSCHIEN"),
    "en": ReplyWords("YES", "NO", "MAYBE"),
    "pl": ReplyWords("TAK", "NIE", "MOŻE"),
    "ro": ReplyWords("DA", "NU", "POATE"),
    "bg": ReplyWords("ДА", "НЕ", "МОЖЕ"),
    "de": ReplyWords("JA", "NEIN", "VIELLEICHT"),
    "fr": ReplyWords("OUI", "NON", "PEUT-ÊTRE"),
    "uk": ReplyWords("ТАК", "НІ", "МОЖЛИВО"),
    "lt": ReplyWords("TAIP", "NE", "GALBŪT"),
    "lv": ReplyWords("JĀ", "NĒ", "VARBŪT"),
    "hu": ReplyWords("IGEN", "NEM", "TALÁN"),
    "sk": ReplyWords("ÁNO", "NIE", "MOŽNO"),
    "cs": ReplyWords("ANO", "NE", "MOŽNÁ"),
    "pt": ReplyWords("SIM", "NÃO", "TALVEZ"),
    "es": ReplyWords("SÍ", "NO", "QUIZÁS"),
    "it": ReplyWords("SÌ", "NO", "FORSE"),
    "el": ReplyWords("ΝΑΙ", "ΟΧΙ", "ΙΣΩΣ"),
    "hr": ReplyWords("DA", "NE", "MOŽDA"),
    "sl": ReplyWords("DA", "NE", "MOGOČE"),
    "ru": ReplyWords("ДА", "НЕТ", "ВОЗМОЖНО"),
    "tr": ReplyWords("EVET", "HAYIR", "BELKİ"),
    "ar": ReplyWords("نعم", "لا", "ربما"),
}

Asks = Literal["all", "yes_no", "no", "yes"]


def reply_words(language: str) -> ReplyWords:
    """The reply words of ``language``; English where we have none."""
    return REPLY_WORDS.get(language, REPLY_WORDS["en"])


def reply_prompt(language: str, asks: Asks, *, code: str = "") -> str:
    """The reply line, "Antwoord JA, NEE of MISSCHIEN.", with the words of ``language``.

    With a ``code`` (the parent has several open invitations) each word carries it, "JA K7".
    """
    words = reply_words(language)
    suffix = f" {code}" if code else ""
    yes, no, maybe = words.yes + suffix, words.no + suffix, words.maybe + suffix
    if asks == "yes_no":
        return pgettext("outreach", "Reply %(yes)s or %(no)s.") % {"yes": yes, "no": no}
    if asks == "no":
        return pgettext("outreach", "Can't come? Reply %(no)s.") % {"no": no}
    if asks == "yes":
        return pgettext("outreach", "Changed your mind? Reply %(yes)s.") % {"yes": yes}
    # No "(1/2/3)": the parser still reads a bare digit, but eight characters of an SMS
    # cost more than they help, and with a code a digit could not say which session it is.
    return pgettext("outreach", "Reply %(yes)s, %(no)s or %(maybe)s.") % {
        "yes": yes,
        "no": no,
        "maybe": maybe,
    }


def stop_hint() -> str:
    """The short opt-out line at the end of an SMS, in the current language."""
    return pgettext("outreach", "%(stop)s = unsubscribe") % {"stop": STOP_WORD}


def stop_label(language: str) -> str:
    """The opt-out line our SMS print in ``language`` ("STOP = afmelden"), for whoever must
    recognise it when a parent types it back."""
    with use_language(language):
        return stop_hint()
