"""Read a parent's SMS reply: yes, no or maybe (with a party size and an event code), STOP,
START, HELP, or "possibly STOP"; and whether it asks something a person should answer.
A pure core: text in, :class:`Reading` out, no I/O, never an exception, linear work.

The rules, in order (each documented where the issue left the choice to us):

1. Text is normalised: NFKD, casefold, combining marks dropped (Cyrillic, Greek and Arabic
   letters stay, only their accents go), apostrophes dropped ("can't" → "cant"). Times and
   dates ("18:30", "12-03") are removed first, so they never read as a party size. The text
   is cut into sentences at . , ! ? ; and new lines: grammar works inside one sentence.
2. A known code is taken out: written joined ("K7", Cyrillic "К7" too: look-alike letters
   read as Latin), or split ("H 7") when its letter is no one-letter word of any of our
   languages ("w 4" is Polish "in 4"); a legacy code whose letter is such a word counts
   split only typed as a capital in a message not all in capitals ("ja K 7", "Η 7 ναι").
3. The language is the one whose lexicon knows most of the words (the contact's language,
   when given, breaks a tie); only that language's words and grammar are applied, so Polish
   "może" (maybe) and Croatian "može" (yes) never meet.
4. Opt-out sentences ("nie chcę więcej wiadomości") are read anywhere; a bare keyword
   ("STOP") only when it is the whole message give or take politeness, or the first or last
   word next to an answer. An opt-out with an answer (even a bare "no": to us or to the event?) is
   ``possible_stop``: a person decides. An opt-out is never read as yes, no or maybe.
5. A sentence ending in "?" (Greek ";", Arabic "؟"), opening with a question word ("Da li",
   "Има ли", "when") or holding a question particle (Turkish "mi") is a question: it is
   flagged for a person and its words are not taken as an answer ("Da li mogu doći?").
   A sentence made only of answer words is not a question ("proč ne?", "ok?").
6. A message that is only 1, 2 or 3 means yes, no, maybe (as the invitation explains).
7. Answers: a maybe wins ("ja, maar misschien"); then what is said outright — phrases
   ("ik kom", "why not") and the grammar: a verb of coming or being able is a yes, negated
   (a negator up to three words before, "niet" after, "ne-" glued on, a Turkish suffix) a
   no, so "Sì, ma non riesco" and "taip, bet negalėsiu" are no; then plain words; then words
   that count only first in a sentence ("ok", Bulgarian "да"); then a hedge alone ("chyba")
   is a maybe. Two different answers at one level read as not understood.
8. Party size, for yes and maybe: "+2" is the parent plus two; "only me" is one; numbers
   before "people" are the whole party, before "adults" and "children" they add up (and the
   parent comes when no adult is counted: "me and my 2 kids" = 3); companions count one each
   ("z mężem i dzieckiem" = 3); otherwise a bare number or number word is the whole party
   ("we come with two" = 2, "трима" = 3), a Slovenian dual verb two. A number next to a time
   word ("10 minutes late", "om 7") is no party. Only 1 to 20 people count.
9. A party with no answer word is a yes ("трима", "+1"), but never a lone digit next to a
   code ("K7 2").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from parentinfo.rsvp import lexicon
from parentinfo.rsvp.lexicon.base import Language

MAX_PARTY = 20
MAX_WORDS = 400  # 1,600 characters hold fewer; past this nothing new is learnt

# Apostrophes join: "can't" → "cant", "z'n" → "zn", "d'accord" → "daccord".
_APOSTROPHES = re.compile("['’‘ʼ`´′]")
_LETTERS = {
    "ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ħ": "h",
    "ى": "ي", "ة": "ه", "ـ": "", "ς": "σ", "ё": "е",
}  # fmt: skip
_TIME = re.compile(
    r"\d{1,2}\s*[:.h]\s*\d{2}(?!\d)|\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{2,4})?"
)
# "4. klasē", "3º", "3e", "3-те деца": an ordinal or a grade, not people.
_ORDINAL = re.compile(r"(?<!\d)\d{1,2}(?:\.(?=\s*[^\W\d_])|[ºª°](?!\w))")
_SENTENCE = re.compile(r"([.!?;,\n؟،؛…:¿¡]+)")
_QUESTION_MARKS = frozenset("?؟")
_GREEK = re.compile("[\u0370-\u03ff]")
# Cyrillic and Greek letters that look like Latin ones, as a code is read ("К7" = K7).
_LOOK_ALIKE = str.maketrans(
    "авекмнорстухіјαβεηικμνορτυχζ",
    "abekmhopctyxijabehikmnoptyxz",
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
    # Could be an opt-out and an answer: kept for a person; nothing more is sent meanwhile.
    POSSIBLE_STOP = "possible_stop"


ANSWERS = (Intent.YES, Intent.NO, Intent.MAYBE)


@dataclass(frozen=True)
class Reading:
    """What the parser understood: intent, party size, event code, and whether it asks."""

    intent: Intent
    party_size: int | None = None
    code: str | None = None
    question: bool = False


# How sure a match is: a maybe beats everything, an outright phrase beats a word.
_HEDGE, _LEAD, _WEAK, _WORD, _SURE = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class _Match:
    start: int
    length: int
    intent: Intent
    strength: int

    @property
    def span(self) -> range:
        return range(self.start, self.start + self.length)


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
        dropped = category in ("Mn", "Me", "Cf", "Cs") or _is_skin_tone(char)
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


def parse_reply(
    text: str, *, known_codes: Collection[str] = (), language: str | None = None
) -> Reading:
    """What ``text`` says; ``known_codes`` are the reply codes of the sender's open events,
    ``language`` the contact's language (only a hint: the words decide)."""
    words, ends = _sentences(text)
    codes = {_code_key(c): c for c in known_codes if c.strip()}
    code, words, ends = _take_code(words, ends, codes, text)
    words, ends = _split_glued(words, ends)
    if not words:
        return Reading(Intent.UNKNOWN, None, code)
    lang = _language(words, language, text[:400].casefold())
    return _read(_Vocabulary.of(lang.code), words, ends, code)


# --- reading, once the language is known ---------------------------------------------------


def _read(vocab: _Vocabulary, words: list[str], ends: list[int], code: str | None) -> Reading:
    control = _control(vocab, words)
    if control is not None:
        return Reading(control, None, code)
    if code is None and len(words) == 1 and _number(words[0]) in (1, 2, 3):
        return Reading(ANSWERS[_number(words[0]) - 1], None, None)
    if vocab.opts_in(words) and not any(w in vocab.negators for w in words):
        return Reading(Intent.START, None, code)
    taken = [False] * len(words)
    opted_out = bool(_scan(words, vocab.opt_out, taken))
    answers: list[_Match] = []
    asked = False
    kept: list[int] = []  # positions of words in sentences that are no question
    unsure = False  # "Не знаю, чи встигну": what follows "I don't know" asks nobody
    helped = False  # "Wie funktioniert das? Was soll ich antworten?"
    for start, stop, marked in _spans(words, ends):
        begins = vocab.opts_out(words, start, stop)
        if begins is not None:
            opted_out = True
            for index in range(begins, stop):
                taken[index] = True  # these words ask us to stop, they answer nothing
        end = stop if begins is None else begins  # "No and please stop texting me": "no" counts
        found = _answers(vocab, words, start, end, taken)
        indirect = unsure and not marked
        unsure = any(m.intent == Intent.MAYBE for m in found)
        if not indirect and _is_question(vocab, words, start, stop, marked, taken, found):
            asked = True
            helped = helped or vocab.asks_help(words[start:stop])
            continue
        answers.extend(found)
        kept.extend(range(start, stop))
    stops = opted_out or _edge_stop(vocab, words)
    reasons = {i for m in _scan(words, vocab.reasons, [False] * len(words)) for i in m.span}
    if stops and reasons:  # "Stop. I no longer have a child at this school": a reason
        opted_out, answers = True, [m for m in answers if m.start not in reasons]
    intent = _resolve(answers)
    said = [words[i] for i in kept if not taken[i]]
    party = _party(vocab, said)
    if intent == Intent.UNKNOWN and party is not None and not _lone_digit(said):
        intent = Intent.YES
    opted_out = opted_out or (intent in ANSWERS and _edge_stop(vocab, words))
    if opted_out:
        outcome = Intent.STOP if intent == Intent.UNKNOWN else Intent.POSSIBLE_STOP
        return Reading(outcome, None, code, asked)
    if helped and intent == Intent.UNKNOWN:
        return Reading(Intent.HELP, None, code)
    party = party if intent in (Intent.YES, Intent.MAYBE) else None
    return Reading(intent, party, code, asked)


def _spans(words: list[str], ends: list[int]) -> Iterable[tuple[int, int, bool]]:
    """(start, stop, ends with a question mark) of each sentence."""
    start = 0
    for index in range(len(words)):
        last = index + 1 == len(words) or ends[index] != ends[index + 1]
        if last:
            yield start, index + 1, ends[index] < 0
            start = index + 1


def _answers(
    vocab: _Vocabulary, words: list[str], start: int, stop: int, taken: list[bool]
) -> list[_Match]:
    """The answer phrases of one sentence, then its verbs read with their negation."""
    clause = words[start:stop]
    mask = taken[start:stop]
    found = [
        _Match(start + m.start, m.length, m.intent, m.strength)
        for m in _scan(clause, vocab.answers, mask)
        if m.intent in ANSWERS and (m.strength != _LEAD or m.start == 0)
    ]
    used: set[int] = set()
    for index, m in enumerate(found):
        used.update(range(m.start, m.start + m.length))
        if m.intent != Intent.YES or m.strength < _WEAK:
            continue
        direct = m.length == 1 and m.start > start and words[m.start - 1] in vocab.negators
        if direct or (
            m.strength == _SURE
            and vocab.negated_around(words, m.start, start, stop, length=m.length)
        ):
            found[index] = _Match(m.start, m.length, Intent.NO, _SURE)  # "ik kan niet"
    negated_at = [m.start + m.length - 1 for m in found if m.intent == Intent.NO]
    last_negated = max(negated_at, default=-9)
    for index in range(start, stop):
        if index in used or taken[index]:
            continue
        word = words[index]
        if vocab.tries(word):
            found.append(_Match(index, 1, Intent.MAYBE, _WORD))  # "Provo a venire"
            continue
        weak = vocab.weak(word)
        verb = weak if weak is not None else vocab.verb(word)
        if verb is None:
            continue
        negated = (
            verb
            or index - last_negated <= 2  # "nemůžu přijít", "nu o să pot ajunge"
            or vocab.negated_around(words, index, start, stop)
        )
        if negated:
            last_negated = index
            found.append(_Match(index, 1, Intent.NO, _SURE))
        else:
            found.append(_Match(index, 1, Intent.YES, _WEAK if weak is not None else _SURE))
    if any(_plain(w, vocab.late_exact, vocab.late_stems) for w in words[start:stop]):
        found = [m for m in found if m.intent != Intent.MAYBE]  # "might be 10 mins late"
    if not found and stop - start <= 3 and any(w in vocab.negators for w in words[start:stop]):
        found.append(_Match(start, stop - start, Intent.NO, _WORD))  # "Diesmal nicht."
    return found


def _is_question(  # noqa: PLR0917 - one sentence's facts, all needed
    vocab: _Vocabulary,
    words: list[str],
    start: int,
    stop: int,
    marked: bool,
    taken: list[bool],
    found: list[_Match],
) -> bool:
    """A question mark, a question word first (or second), or a particle anywhere."""
    clause = words[start:stop]
    covered = sum(m.length for m in found if m.strength != _SURE or m.length > 1)
    covered += sum(1 for i in range(start, stop) if taken[i] or vocab.is_filler(words[i]))
    if found and covered >= len(clause):
        return False  # only answer words: "proč ne?", "ok?"
    if marked:
        return True
    if any(word in vocab.particles for word in clause):
        return True
    if any(word in vocab.early_particles for word in clause[1:3]):
        return True
    head = tuple(clause[: vocab.questions.longest])
    return any(head[:n] in vocab.questions for n in range(1, len(head) + 1))


def _resolve(matches: list[_Match]) -> Intent:
    """Maybe wins; then outright phrases, then words, then a leading word, then a hedge."""
    if any(m.intent == Intent.MAYBE and m.strength >= _WORD for m in matches):
        return Intent.MAYBE
    for strength in (_SURE, _WORD, _WEAK, _LEAD):
        said = {m.intent for m in matches if m.strength == strength}
        if len(said) == 1:
            return said.pop()
        if len(said) > 1:
            return Intent.UNKNOWN
    return Intent.MAYBE if matches else Intent.UNKNOWN


def _control(vocab: _Vocabulary, words: list[str]) -> Intent | None:
    """STOP, START or HELP when the message holds nothing but that (and politeness)."""
    matches = _scan(words, vocab.control, [False] * len(words))
    covered = sum(m.length for m in matches)
    intents = {m.intent for m in matches if m.intent != Intent.UNKNOWN}
    if covered == len(words) and len(intents) == 1:
        return intents.pop()
    return None


def _edge_stop(vocab: _Vocabulary, words: list[str]) -> bool:
    """A STOP keyword as the first or last real word ("Nee. STOP", "Stop, ik kom niet")."""
    content = [w for w in words if not vocab.is_filler(w)]
    return bool(content) and (content[0] in vocab.stop_words or content[-1] in vocab.stop_words)


def _lone_digit(words: list[str]) -> bool:
    content = [w for w in words if w not in lexicon.EMOJI]
    return len(content) == 1 and content[0].isdecimal()


# --- party size ----------------------------------------------------------------------------


def _party(vocab: _Vocabulary, words: list[str]) -> int | None:
    """Who comes, from numbers, the nouns after them, companions and "only me"."""
    if not words:
        return None
    free = [False] * len(words)
    if _scan(words, vocab.solo, free):
        return 1
    for word in words:
        if word.startswith("+") and word[1:].isdecimal():
            size = _number(word[1:]) + 1
            return size if 1 <= size <= MAX_PARTY else None
    counts = {"people": 0, "adults": 0, "children": 0, "bare": 0}
    named = vocab.first_named(words)
    numbered: set[int] = set()
    for position, value, length in _numbers(vocab, words):
        after = position + length
        kind = vocab.noun_at(words, after)
        if kind is None and after < len(words) and not vocab.is_number(words[after]):
            kind = vocab.noun_at(words, after + 1)  # "2 small kids", "3 of us"
        if after < len(words) and words[after] in vocab.anymore:
            counts["bare"] = counts["bare"] or value + 1  # "yo y 2 más": two more
            continue
        if kind is None and value == 1 and not words[position].isdecimal():
            continue  # "een", "one": an article more often than a number
        if kind is None:
            if counts["bare"] == 0 and position < named:
                counts["bare"] = value  # not "met mijn dochter van 7": that is her age
            continue
        counts[kind] = max(counts[kind], value) if kind == "people" else counts[kind] + value
        numbered.update(range(position, after + 2))
    companions = vocab.companions_in(words, numbered)
    total = _total(counts, companions)
    return total if total is not None and 1 <= total <= MAX_PARTY else None


def _total(counts: dict[str, int], companions: int) -> int | None:
    if counts["people"]:
        return counts["people"]
    if counts["adults"] or counts["children"]:
        parent = 0 if counts["adults"] else 1
        return counts["adults"] + counts["children"] + companions + parent
    if counts["bare"]:
        return counts["bare"]
    return 1 + companions if companions else None


def _numbers(vocab: _Vocabulary, words: list[str]) -> Iterable[tuple[int, int, int]]:
    """(position, value, length) of each number that is not a time ("om 7", "10 minutes")."""
    position = 0
    while position < len(words):
        word = words[position]
        value, length = 0, 1
        if word.isdecimal():
            value = _number(word)
        else:
            for size in range(min(vocab.numbers.longest, len(words) - position), 0, -1):
                hit = vocab.numbers.get(tuple(words[position : position + size]))
                if hit is not None:
                    value, length = hit[1], size
                    break
        if value and not vocab.is_time(words, position, length):
            yield position, value, length
        position += length


# --- codes, sentences and words --------------------------------------------------------------


def _sentences(text: str) -> tuple[list[str], list[int]]:
    """The words, and per word the number of its sentence (negative: ends with a "?")."""
    clean = _ORDINAL.sub(" ", _TIME.sub(" ", normalise(text[:4000])))
    greek = bool(_GREEK.search(clean))
    words: list[str] = []
    ends: list[int] = []
    pieces = _SENTENCE.split(clean)
    for number, index in enumerate(range(0, len(pieces), 2), start=1):
        marks = pieces[index + 1] if index + 1 < len(pieces) else ""
        asked = any(m in _QUESTION_MARKS for m in marks) or (greek and ";" in marks)
        for word in tokens(pieces[index]):
            if len(words) < MAX_WORDS:
                words.append(word)
                ends.append(-number if asked else number)
    return words, ends


def _code_key(code: str) -> str:
    return normalise(code).strip().replace(" ", "").translate(_LOOK_ALIKE)


def _take_code(
    words: list[str], ends: list[int], codes: dict[str, str], text: str
) -> tuple[str | None, list[str], list[int]]:
    """Remove every known code from ``words``; the first is the answer's."""
    found: list[str] = []
    kept: list[str] = []
    kept_ends: list[int] = []
    index = 0
    capital_pairs = _capital_pairs(text)
    while index < len(words):
        key = words[index].translate(_LOOK_ALIKE)
        if key in codes:
            found.append(codes[key])
            index += 1
            continue
        if index + 1 < len(words) and words[index + 1].isdecimal():
            joined = key + words[index + 1]
            split_ok = words[index] not in _one_letter_words() or joined in capital_pairs
            if joined in codes and split_ok:
                found.append(codes[joined])
                index += 2
                continue
        kept.append(words[index])
        kept_ends.append(ends[index])
        index += 1
    return (found[0] if found else None), kept, kept_ends


def _capital_pairs(text: str) -> frozenset[str]:
    """Capital letter + number pairs ("K 7", Greek "Η 7") in a message not all in capitals,
    as code keys: typed like that, a one-letter word is a code ("Η 7 ναι"), "w 4" is not."""
    sample = text[:400]
    if not any(char.islower() for char in sample):
        return frozenset()
    return frozenset(
        _code_key(letter + digits)
        for letter, digits in re.findall(r"(?<![^\W\d_])([^\W\d_])\s+(\d{1,7})(?!\d)", sample)
        if letter.isupper()
    )


def _split_glued(words: list[str], ends: list[int]) -> tuple[list[str], list[int]]:
    """Split "tak2" and "6pm" at the digits; a known word ("la2") or an unknown "b7" stays."""
    known = _all_words()
    answer_words = _answer_words()
    out: list[str] = []
    out_ends: list[int] = []
    for word, end in zip(words, ends, strict=True):
        parts = [word]
        if word.startswith("و") and word not in known and word[1:] in known:
            parts = ["و", word[1:]]  # Arabic "and" is glued on: "وزوجي"
        elif word not in known:
            head = re.match(r"^(\D+?)(\+?\d+)$", word)
            tail = re.match(r"^(\+?\d+)(\D+)$", word)
            if head and head.group(1) in answer_words:
                parts = list(head.groups())
            elif tail and tail.group(2) in known:
                parts = list(tail.groups())
        out.extend(parts)
        out_ends.extend([end] * len(parts))
    return out, out_ends


def _language(words: list[str], hint: str | None, raw: str = "") -> Language:
    """The language whose words cover most of the message; the hint breaks a tie, and so do
    letters typed with their diacritics ("ž" is not Polish, "ż" is). Without them ("moze")
    and without a hint the first language in order wins: Polish, so a cautious maybe."""
    best = lexicon.LANGUAGES["en"]
    best_score = -1.0
    sample = words[:60]
    for code, language in lexicon.LANGUAGES.items():
        vocab = _Vocabulary.of(code)
        score = vocab.coverage(sample)
        score += 0.5 if code == hint else 0.0
        # Below any word and the hint: letters only break what is otherwise a tie.
        score += 0.05 if language.letters and any(c in raw for c in language.letters) else 0.0
        if score > best_score:
            best, best_score = language, score
    return best


def _is_skin_tone(char: str) -> bool:
    return "\U0001f3fb" <= char <= "\U0001f3ff"


def _digit_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isdecimal()


def _number(token: str) -> int:
    """The value of a decimal token (any script), or 0 when it is not a sensible number."""
    if token.isdecimal() and len(token) <= 3:
        return int(token)
    return 0


# --- phrase tables -------------------------------------------------------------------------


class _Phrases(dict[tuple[str, ...], tuple[Intent, int]]):
    """Phrases as word tuples with their meaning; knows its longest phrase, for the scan."""

    def __init__(self, phrases: dict[tuple[str, ...], tuple[Intent, int]]) -> None:
        super().__init__(phrases)
        self.longest = max((len(phrase) for phrase in phrases), default=0)


def _scan(words: list[str], index: _Phrases, taken: list[bool]) -> list[_Match]:
    """Longest phrases first, left to right, each word used once; marks what it used."""
    longest = index.longest
    matches: list[_Match] = []
    position = 0
    while position < len(words):
        for length in range(min(longest, len(words) - position), 0, -1):
            if any(taken[position : position + length]):
                continue
            hit = index.get(tuple(words[position : position + length]))
            if hit is not None:
                matches.append(_Match(position, length, hit[0], hit[1]))
                for used in range(position, position + length):
                    taken[used] = True
                position += length
                break
        else:
            position += 1
    return matches


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(tokens(normalise(phrase)))


def _phrases(entries: Iterable[tuple[Iterable[str], Intent, int]]) -> _Phrases:
    index: dict[tuple[str, ...], tuple[Intent, int]] = {}
    for phrases, intent, strength in entries:
        for phrase in phrases:
            key = _key(phrase)
            if key and index.get(key, (intent, -1))[1] < strength:
                index[key] = (intent, strength)
    return _Phrases(index)


def _words_of(phrases: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Exact normalised words, and the stems (entries ending in "*")."""
    exact: set[str] = set()
    stems: list[str] = []
    for phrase in phrases:
        if phrase.endswith("*"):
            stems.append(normalise(phrase[:-1]))
        else:
            exact.update(_key(phrase))
    return frozenset(exact), tuple(stems)


class _Vocabulary:
    """One language's lexicon made ready for reading (built once per language)."""

    def __init__(self, lang: Language) -> None:
        common = lexicon.UNIVERSAL
        self.answers = _phrases(
            [
                (lang.yes, Intent.YES, _WORD),
                (lang.no, Intent.NO, _WORD),
                (lang.maybe, Intent.MAYBE, _WORD),
                (lang.sure_yes, Intent.YES, _SURE),
                (lang.sure_no, Intent.NO, _SURE),
                (lang.lead_yes + common.lead_yes, Intent.YES, _LEAD),
                (lang.lead_no, Intent.NO, _LEAD),
                (lang.hedge, Intent.MAYBE, _HEDGE),
                ([e for e, m in lexicon.EMOJI.items() if m == "yes"], Intent.YES, _WORD),
                ([e for e, m in lexicon.EMOJI.items() if m == "lead"], Intent.YES, _LEAD),
                ([e for e, m in lexicon.EMOJI.items() if m == "no"], Intent.NO, _WORD),
                ([e for e, m in lexicon.EMOJI.items() if m == "maybe"], Intent.MAYBE, _WORD),
            ]
        )
        fillers = lang.fillers + common.fillers
        self.control = _phrases(
            [
                (fillers, Intent.UNKNOWN, 0),
                (lang.stop + common.stop + lang.opt_out + common.opt_out, Intent.STOP, 1),
                (lang.start + common.start, Intent.START, 1),
                (lang.help + common.help, Intent.HELP, 1),
            ]
        )
        self.opt_out = _phrases([(lang.opt_out + common.opt_out, Intent.STOP, 1)])
        self.reasons = _phrases([(lang.reasons, Intent.UNKNOWN, 0)])
        self.stop_words = frozenset(w for p in lang.stop + common.stop for w in _key(p)[:1])
        self.questions = _phrases([(lang.question_words, Intent.UNKNOWN, 0)])
        self.particles = frozenset(w for p in lang.question_particles for w in _key(p))
        self.early_particles = frozenset(w for p in lang.early_particles for w in _key(p))
        self.numbers = _Phrases(
            {_key(p): (Intent.UNKNOWN, v) for p, v in lang.numbers.items() if v > 0}
        )
        self.nouns = _phrases(
            [
                (lang.children, Intent.UNKNOWN, 2),
                (lang.adults, Intent.UNKNOWN, 1),
                (lang.people, Intent.UNKNOWN, 0),
            ]
        )
        self.companions = _phrases([(lang.companions, Intent.UNKNOWN, 0)])
        self.with_words = frozenset(w for p in lang.with_words for w in _key(p))
        self.with_suffixes = tuple(normalise(s) for s in lang.with_suffixes)
        self.and_words = frozenset(w for p in lang.and_words for w in _key(p))
        self.self_words = frozenset(w for p in lang.self_words for w in _key(p))
        self.solo = _phrases([(lang.solo, Intent.UNKNOWN, 0)])
        self.fillers = frozenset(w for p in fillers for w in _key(p) if len(_key(p)) == 1)
        self.verbs, self.stems = _words_of(v for v in lang.verbs if " " not in v)
        self.negators = frozenset(normalise(n) for n in lang.negators)
        self.messages, self.message_stems = _words_of(lang.messages)
        self.send_exact, self.send_stems = _words_of(lang.send_verbs)
        self.stop_exact, self.stop_stems = _words_of(lang.stop_verbs)
        self.anymore, self.anymore_stems = _words_of(lang.anymore)
        self.again, self.again_stems = _words_of(lang.again)  # Greek "ξανα-" is glued on
        self.try_exact, self.try_stems = _words_of(lang.try_verbs)
        self.help_exact, self.help_stems = _words_of(lang.help_verbs)
        self.late_exact, self.late_stems = _words_of(lang.late)
        self.works_exact, self.works_stems = _words_of(lang.works)
        self.weak_exact, self.weak_stems = _words_of(v for v in lang.weak_verbs if " " not in v)
        self.neg_after = frozenset(normalise(n) for n in lang.neg_after if " " not in n)
        self.neg_prefix = normalise(lang.neg_prefix)
        self.neg_suffixes = tuple(normalise(s) for s in lang.neg_suffixes)
        self.time_before = _phrases([(lang.time_before, Intent.UNKNOWN, 0)])
        self.time_after = frozenset(w for p in lang.time_after for w in _key(p)[:1])
        self.units = frozenset(_key(p)[0] for p in lang.time_after if len(_key(p)) == 1)
        self.grades = frozenset(w for p in lang.grades for w in _key(p))
        self.known = self._known(lang, fillers)
        self.everything = self._everything(lang, fillers)
        core = (*self.answers.items(), *self.opt_out.items(), *self.control.items())
        self.core = _Phrases({key: value for key, value in core if value[1] > 0})

    @staticmethod
    @cache
    def of(code: str) -> _Vocabulary:
        return _Vocabulary(lexicon.LANGUAGES[code])

    def _everything(self, lang: Language, fillers: tuple[str, ...]) -> _Phrases:
        every: list[str] = [*fillers, *lang.numbers, *(v for v in lang.verbs if "*" not in v)]
        for name in _FIELDS:
            every.extend(getattr(lang, name))
        return _phrases([(every, Intent.UNKNOWN, 0)])

    def _known(self, lang: Language, fillers: tuple[str, ...]) -> frozenset[str]:
        every: list[str] = [*fillers, *lang.numbers]
        for name in _FIELDS:
            every.extend(getattr(lang, name))
        return frozenset(word for phrase in every for word in _key(phrase)) | self.verbs

    def coverage(self, words: list[str]) -> float:
        """How many of ``words`` this language's phrases and verbs account for."""
        taken = [False] * len(words)
        # Answer words say most about the language, grammar words less, a stem least:
        # Romanian "ne" (us) must not beat Czech "ne" (no), Slovak "príd*" not "prideva".
        answers = sum(m.length for m in _scan(words, self.core, taken))
        other = sum(m.length for m in _scan(words, self.everything, taken))
        stems = sum(1 for i, w in enumerate(words) if not taken[i] and self._stem_known(w))
        # A verb of coming with the negation glued on ("nepřijdeme", "nenāksim") is an answer.
        refusals = sum(1 for i, w in enumerate(words) if not taken[i] and self.verb(w))
        return answers + 0.5 * other + 0.4 * stems + 0.6 * refusals

    def _stem_known(self, word: str) -> bool:
        return (
            self.verb(word) is not None
            or _plain(word, self.messages, self.message_stems)
            or self._verb(word, self.send_exact, self.send_stems) is not None
            or _plain(word, self.stop_exact, self.stop_stems)
            or _plain(word, self.help_exact, self.help_stems)
            or self.tries(word)
            or _plain(word, self.works_exact, self.works_stems)
        )

    def asks_help(self, clause: list[str]) -> bool:
        """A question about how to reply, or a short one about how the service works."""
        if any(_plain(w, self.help_exact, self.help_stems) for w in clause):
            return True
        short = len(clause) <= 4 and not any(w.isdecimal() for w in clause)
        return short and any(_plain(w, self.works_exact, self.works_stems) for w in clause)

    def is_filler(self, word: str) -> bool:
        return word in self.fillers

    def verb(self, word: str) -> bool | None:
        """None: no verb of coming; False: one; True: one with its negation glued on."""
        return self._verb(word, self.verbs, self.stems)

    def _verb(self, word: str, exact: frozenset[str], stems: tuple[str, ...]) -> bool | None:
        if self.neg_suffixes:  # Turkish: the negation follows the stem ("gel-emem")
            for stem in stems:
                rest = word[len(stem) :]
                if word.startswith(stem):
                    # "gelmek istiyorum" (I want to come) is no negation
                    return rest.startswith(self.neg_suffixes) and not rest.startswith(
                        ("mek", "mak")
                    )
            return False if word in exact else None
        if _plain(word, exact, stems):
            return False
        prefix = self.neg_prefix
        if prefix and word.startswith(prefix) and _plain(word[len(prefix) :], exact, stems):
            return True
        return None

    def tries(self, word: str) -> bool:
        return self._verb(word, self.try_exact, self.try_stems) is False

    def weak(self, word: str) -> bool | None:
        """Like :meth:`verb`, for "be" verbs: a yes only when nothing stronger is said."""
        return self._verb(word, self.weak_exact, self.weak_stems)

    def opts_in(self, words: list[str]) -> bool:
        """ "ik wil weer berichten ontvangen": our messages, wanted, again."""
        noun = any(_plain(w, self.messages, self.message_stems) for w in words)
        again = any(_plain(w, self.again, self.again_stems) for w in words)
        wants = [self._verb(w, self.send_exact, self.send_stems) for w in words]
        return noun and again and False in wants and True not in wants

    def opts_out(self, words: list[str], start: int, stop: int) -> int | None:
        """Where an opt-out said in the language's grammar begins in this sentence ("stuur me
        geen berichten meer", "dejen de mandarme mensajes", "nenoriu gauti sms"), or None."""
        clause = words[start:stop]
        sends = [self._verb(w, self.send_exact, self.send_stems) for w in clause]
        stops = [_plain(w, self.stop_exact, self.stop_stems) for w in clause]
        for index, stopping in enumerate(stops):  # "stop texting me", "dejen de escribirme"
            if stopping and any(s is not None for s in sends[index + 1 : index + 4]):
                return start + self._negators_before(clause, index)
        noun = any(_plain(w, self.messages, self.message_stems) for w in clause)
        if not noun and not any(_plain(w, self.anymore, self.anymore_stems) for w in clause):
            return None
        for index, said in enumerate(sends):
            if stops[index] and noun:
                return start + self._negators_before(clause, index)
            if said is True:
                return start + index
            around = clause[max(0, index - 3) : index] + clause[index + 1 : index + 4]
            if said is False and any(w in self.negators for w in around):
                return start + self._negators_before(clause, index)
        return None

    def _negators_before(self, clause: list[str], index: int) -> int:
        """Where the opt-out begins: at the earliest negator up to three words before its verb
        ("Nemojte mi više slati": the negated imperative is the opt-out, not a "no")."""
        for earlier in range(max(0, index - 3), index):
            if clause[earlier] in self.negators:
                return earlier
        return index

    def negated_around(
        self, words: list[str], index: int, start: int, stop: int, *, length: int = 1
    ) -> bool:
        """A negator up to three words before the verb, or "niet"-like up to four after."""
        before = words[max(start, index - 3) : index]
        after = words[index + length : min(stop, index + length + 4)]
        return any(w in self.negators for w in before) or any(w in self.neg_after for w in after)

    def noun_at(self, words: list[str], position: int) -> str | None:
        """ "people", "adults" or "children" when such a noun starts at ``position``."""
        for size in range(min(self.nouns.longest, len(words) - position), 0, -1):
            hit = self.nouns.get(tuple(words[position : position + size]))
            if hit is not None:
                return ("people", "adults", "children")[hit[1]]
        return None

    def is_number(self, word: str) -> bool:
        return word.isdecimal() or any(word in key for key in self.numbers)

    def first_named(self, words: list[str]) -> int:
        """Where a companion or child is first named (a bare number after it is an age)."""
        found = _scan(words, self.companions, [False] * len(words))
        first = found[0].start if found else len(words)
        children = (i for i in range(first) if self.noun_at(words, i) == "children")
        return next(children, first)

    def companions_in(self, words: list[str], numbered: set[int]) -> int:
        """Companions named without a number: one person each ("z mężem i dzieckiem")."""
        taken = [index in numbered for index in range(len(words))]
        counted = 0
        last = -9  # where the last companion that counts ends
        for m in _scan(words, self.companions, taken):
            if self._accompanies(words, m.start, m.length, last):
                counted += 1
                last = m.start + m.length
        return counted

    def _accompanies(self, words: list[str], start: int, length: int, last: int) -> bool:
        """A with-word before it (or glued on), the sender coordinated with it ("me and my
        husband", "mein Mann und ich"), or "and" after a companion that counts."""
        before = words[max(0, start - 4) : start + 1]
        if any(w in self.with_words for w in before):
            return True
        listed = start + length < len(words) and words[start + length] in self.and_words
        if listed and any(w in self.self_words for w in words[max(0, start - 3) : start]):
            return True  # "ich, mein Mann und 3 Kinder": the sender lists who comes
        if words[start + length - 1].endswith(self.with_suffixes or ("\0",)):
            return True
        ands = [i for i in range(max(0, start - 3), start) if words[i] in self.and_words]
        if ands and (ands[0] - 1 <= last or words[ands[0] - 1] in self.self_words):
            return True
        after = words[start + length : start + length + 2]
        return len(after) == 2 and after[0] in self.and_words and after[1] in self.self_words

    def is_time(self, words: list[str], position: int, length: int) -> bool:
        """A time of day or a duration: "om 7", "7 uur", "10 minutes late"."""
        following = words[position + length] if position + length < len(words) else ""
        if following in self.time_after or following in self.grades:
            return True
        if position > 0 and words[position - 1] in self.grades:
            return True
        unit = words[max(0, position - 2) : position]  # "минут на 10": the unit before
        if unit and (unit[-1] in self.units or (len(unit) == 2 and unit[0] in self.units)):
            return True
        for size in range(1, min(self.time_before.longest, position) + 1):
            if tuple(words[position - size : position]) in self.time_before:
                return True
        return False


_FIELDS = (
    "yes", "no", "maybe", "sure_yes", "sure_no", "lead_yes", "lead_no", "hedge", "people",
    "adults", "children", "companions", "solo", "opt_out", "stop", "start", "help",
    "question_words", "question_particles", "negators", "neg_after", "time_after", "grades",
    "time_before", "messages", "again", "anymore",
)  # fmt: skip


def _plain(word: str, exact: frozenset[str], stems: tuple[str, ...]) -> bool:
    """``word`` is one of ``exact`` or starts with one of ``stems`` (and is no mere stem)."""
    if word in exact:
        return True
    return len(word) > 2 and any(word.startswith(stem) for stem in stems)


@cache
def _all_words() -> frozenset[str]:
    """Every word of every language: a known word is never split at its digits."""
    return frozenset().union(*(_Vocabulary.of(code).known for code in lexicon.LANGUAGES))


@cache
def _answer_words() -> frozenset[str]:
    """Single answer words of every language ("tak" in "tak2")."""
    return frozenset(
        key[0]
        for code in lexicon.LANGUAGES
        for key, (intent, _) in _Vocabulary.of(code).answers.items()
        if len(key) == 1 and intent in ANSWERS
    )


@cache
def _one_letter_words() -> frozenset[str]:
    """One-letter words of all languages, in their own script (Greek "ή 3" is "or 3")."""
    return frozenset(
        normalise(word) for words in lexicon.ONE_LETTER_WORDS.values() for word in words
    )
