"""Read a parent's SMS reply: yes, no or maybe (with a party size and an event code), or STOP,
START, HELP. A pure core: text in, :class:`Reading` out, no I/O, never an exception.

The rules, in order (each documented where the issue left the choice to us):

1. Text is normalised: NFKD, casefold, combining marks dropped (so Cyrillic, Greek and
   Arabic letters stay, only their accents go), apostrophes dropped ("can't" → "cant"),
   everything that is not a letter, digit or known emoji separates words. Times and dates
   ("18:30", "12-03") are removed first, so they never read as a party size.
2. A token equal to one of ``known_codes`` (any case; "K 7" too) is the event code.
3. STOP / START / HELP words count only when they are the whole message, give or take
   politeness ("STOP please", "AFMELDEN graag"): "I can't stop by" unsubscribes nobody.
4. A message that is only 1, 2 or 3 means yes, no, maybe (as the invitation explains).
5. Otherwise the answer words decide: a maybe anywhere wins ("ja, maar misschien" is a
   maybe; "nie wiem" is a maybe, not a no); then phrases that say it outright ("nie mogę",
   "ik kom"); then plain words; then words that count only first ("ok", Romanian "nu").
   Two different answers at the same level read as not understood.
6. Party size, for yes and maybe: "+2" is the parent plus two (3); any other number is the
   whole party ("JA 3", "yes we are 2"); number words ("twee", "dwie") when no digits. Only
   1 to 20 people count; anything else leaves the party size unsaid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from parentinfo.rsvp import lexicon

MAX_PARTY = 20

# Apostrophes join: "can't" → "cant", "z'n" → "zn", "d'accord" → "daccord".
_APOSTROPHES = re.compile("['’‘ʼ`´′]")
_LETTERS = {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ħ": "h"}
_DROP = {"\u0640"}  # Arabic tatweel only stretches a word
_TIME = re.compile(
    r"\d{1,2}\s*[:.h]\s*\d{2}(?!\d)|\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{2,4})?"
)


class Intent(StrEnum):
    """What a reply asks for."""

    YES = "yes"
    NO = "no"
    MAYBE = "maybe"
    STOP = "stop"
    START = "start"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Reading:
    """What the parser understood: the intent, the party size, the event code."""

    intent: Intent
    party_size: int | None = None
    code: str | None = None


# How sure a match is: a maybe beats everything, an outright phrase beats a word.
_LEAD, _WORD, _SURE = 1, 2, 3


@dataclass(frozen=True)
class _Match:
    start: int
    length: int
    intent: Intent
    strength: int


def normalise(text: str) -> str:
    """Casefolded text without combining marks or apostrophes; both sides of every match."""
    # Marks go before casefolding too: a few (Greek ypogegrammeni) casefold into letters.
    return _without_marks(_without_marks(_APOSTROPHES.sub("", text)).casefold())


def _without_marks(text: str) -> str:
    if text.isascii():  # most replies: nothing to decompose, drop or replace
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS_OUT)


class _CharacterTable(dict[int, str]):
    """For ``str.translate``: what each character becomes, worked out once per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        dropped = category in ("Mn", "Me", "Cf", "Cs") or char in _DROP or _is_skin_tone(char)
        self[code] = "" if dropped else _LETTERS.get(char, char)
        return self[code]


_MARKS_OUT = _CharacterTable()


def tokens(text: str) -> list[str]:
    """The words, numbers ("+2" included) and emoji of normalised ``text``."""
    found: list[str] = []
    current: list[str] = []
    for index, char in enumerate(text):
        starts_plus = char == "+" and _digit_at(text, index + 1)
        if char.isalnum() and not starts_plus:
            current.append(char)
            continue
        if current:
            found.append("".join(current))
        current = ["+"] if starts_plus else []
        if char in lexicon.EMOJI:
            found.append(char)
    if current:
        found.append("".join(current))
    return found


def is_plain_yes(text: str) -> bool:
    """True when the whole message is the English YES (Twilio's opt-in word for opted-out)."""
    return tokens(normalise(text)) == ["yes"]


def parse_reply(text: str, *, known_codes: Collection[str] = ()) -> Reading:
    """What ``text`` says; ``known_codes`` are the reply codes of the sender's open events."""
    words = tokens(_TIME.sub(" ", normalise(text)))
    code, words = _take_code(words, {normalise(c).strip(): c for c in known_codes if c.strip()})
    words = _split_glued(words)
    control = _control(words)
    if control is not None:
        return Reading(control, None, code)
    if code is None and len(words) == 1 and _number(words[0]) in (1, 2, 3):
        return Reading((Intent.YES, Intent.NO, Intent.MAYBE)[_number(words[0]) - 1], None, None)
    matches = _scan(words, _answer_index())
    intent = _resolve(matches)
    party = _party(words) if intent in (Intent.YES, Intent.MAYBE) else None
    return Reading(intent, party, code)


def _is_skin_tone(char: str) -> bool:
    return "\U0001f3fb" <= char <= "\U0001f3ff"


def _digit_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isdecimal()


def _number(token: str) -> int:
    """The value of a decimal token (any script), or 0 when it is not a sensible number."""
    if token.isdecimal() and len(token) <= 3:
        return int(token)
    return 0


def _take_code(words: list[str], codes: dict[str, str]) -> tuple[str | None, list[str]]:
    """Remove every known code from ``words`` ("K7", or "K 7"); the first is the answer's."""
    found: list[str] = []
    kept: list[str] = []
    index = 0
    while index < len(words):
        joined = "".join(words[index : index + 2])
        if words[index] in codes:
            found.append(codes[words[index]])
            index += 1
        elif index + 1 < len(words) and joined in codes:
            found.append(codes[joined])
            index += 2
        else:
            kept.append(words[index])
            index += 1
    return (found[0] if found else None), kept


def _split_glued(words: list[str]) -> list[str]:
    """Split "tak2" and "6pm" at the digits; an unknown "b7" stays whole (a code, perhaps)."""
    known = _answer_index()
    result: list[str] = []
    for word in words:
        head = re.match(r"^(\D+?)(\+?\d+)$", word)
        tail = re.match(r"^(\+?\d+)(\D+)$", word)
        if head and (head.group(1),) in known:
            result.extend(head.groups())
        elif tail:
            result.extend(tail.groups())
        else:
            result.append(word)
    return result


def _control(words: list[str]) -> Intent | None:
    """STOP, START or HELP when the message holds nothing but that (and politeness)."""
    if not words:
        return None
    matches = _scan(words, _control_index())
    covered = sum(m.length for m in matches)
    intents = {m.intent for m in matches if m.intent != Intent.UNKNOWN}
    if covered == len(words) and len(intents) == 1:
        return intents.pop()
    return None


class _Phrases(dict[tuple[str, ...], tuple[Intent, int]]):
    """Phrases as word tuples with their meaning; knows its longest phrase, for the scan."""

    def __init__(self, phrases: dict[tuple[str, ...], tuple[Intent, int]]) -> None:
        super().__init__(phrases)
        self.longest = max((len(phrase) for phrase in phrases), default=0)


def _scan(words: list[str], index: _Phrases) -> list[_Match]:
    """Longest phrases first, left to right, each word used once."""
    longest = index.longest
    matches: list[_Match] = []
    position = 0
    while position < len(words):
        for length in range(min(longest, len(words) - position), 0, -1):
            hit = index.get(tuple(words[position : position + length]))
            if hit is not None:
                matches.append(_Match(position, length, hit[0], hit[1]))
                position += length
                break
        else:
            position += 1
    return matches


def _resolve(matches: list[_Match]) -> Intent:
    """Maybe wins; then outright phrases, then words, then a leading word; a tie is unknown."""
    answers = [m for m in matches if m.intent in (Intent.YES, Intent.NO, Intent.MAYBE)]
    if any(m.intent == Intent.MAYBE for m in answers):
        return Intent.MAYBE
    for strength in (_SURE, _WORD):
        said = {m.intent for m in answers if m.strength == strength}
        if len(said) == 1:
            return said.pop()
        if len(said) > 1:
            return Intent.UNKNOWN
    leading = [m for m in answers if m.strength == _LEAD and m.start == 0]
    return leading[0].intent if leading else Intent.UNKNOWN


def _party(words: list[str]) -> int | None:
    """The party size: "+2" is the parent and two more; a plain number is everyone."""
    before, after = _time_words()
    for position, word in enumerate(words):
        if word.startswith("+"):
            size = _number(word[1:]) + 1 if word[1:].isdecimal() else 0
        elif word.isdecimal():
            previous = words[position - 1] if position else ""
            following = words[position + 1] if position + 1 < len(words) else ""
            if previous in before or following in after:
                continue  # "om 7", "6 pm": a time of day
            size = _number(word)
        else:
            continue
        return size if 1 <= size <= MAX_PARTY else None
    said = _scan(words, _number_index())
    return said[0].strength if said else None


@cache
def _answer_index() -> _Phrases:
    """Every answer phrase of every language, normalised, with how sure it is."""
    index: dict[tuple[str, ...], tuple[Intent, int]] = {}
    for words in lexicon.LEXICON.values():
        for intent, strength, phrases in (
            (Intent.YES, _WORD, words.yes),
            (Intent.NO, _WORD, words.no),
            (Intent.MAYBE, _WORD, words.maybe),
            (Intent.YES, _SURE, words.sure_yes),
            (Intent.NO, _SURE, words.sure_no),
            (Intent.YES, _LEAD, words.lead_yes),
            (Intent.NO, _LEAD, words.lead_no),
        ):
            for phrase in phrases:
                key = tuple(tokens(normalise(phrase)))
                if index.get(key, (intent, 0))[1] < strength:
                    index[key] = (intent, strength)
    for emoji, meaning in lexicon.EMOJI.items():
        index[(emoji,)] = (Intent(meaning), _WORD)
    return _Phrases(index)


@cache
def _number_index() -> _Phrases:
    """Number words ("twee", "dwie"); the match's strength carries the number."""
    return _Phrases(
        {
            tuple(tokens(normalise(phrase))): (Intent.UNKNOWN, value)
            for phrase, value in lexicon.NUMBER_WORDS.items()
        }
    )


@cache
def _control_index() -> _Phrases:
    """STOP / START / HELP words of every language, and the politeness around them."""
    index: dict[tuple[str, ...], tuple[Intent, int]] = {}
    for phrase in lexicon.FILLERS:
        index[tuple(tokens(normalise(phrase)))] = (Intent.UNKNOWN, 0)
    for words in (lexicon.TWILIO, *lexicon.LEXICON.values()):
        for intent, phrases in (
            (Intent.STOP, words.stop),
            (Intent.START, words.start),
            (Intent.HELP, words.help),
        ):
            for phrase in phrases:
                index[tuple(tokens(normalise(phrase)))] = (intent, _WORD)
    return _Phrases(index)


@cache
def _time_words() -> tuple[frozenset[str], frozenset[str]]:
    before = frozenset(tokens(normalise(w))[-1] for w in lexicon.TIME_BEFORE)
    after = frozenset(tokens(normalise(w))[0] for w in lexicon.TIME_AFTER)
    return before, after
