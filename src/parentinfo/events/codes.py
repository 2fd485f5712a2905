"""Reply codes parents type after their answer ("JA K7"), and iCalendar UIDs.

A reply code starts with a letter and holds at least one digit, so it never reads as a
reply word (JA, TAK, NIE, DA) nor as a party size ("3"). Letters and digits that look
alike on a phone keyboard or in a small font (O/0, I/1, L) are left out. Codes are as
short as the free space allows: two characters until those run out, then three, and so on.

A new code starts with one of ``FIRST_LETTERS`` = D G J M P R: none is a one-letter word
in any of the 22 contact languages ("w 4", "z 2", "a 2", "e 2", "i 3", "o 5", "u 2", "k 3",
"v 2", "y 2", "s 2", Dutch "'t"/"'n", Arabizi "f"/"l", "x2"), nor the Latin look-alike of a
Cyrillic or Greek one (в=B, с=C, к=K, о=O, у=Y, а=A, Greek η/ή=H), so "tak, będziemy w 4
osoby" can never name an event (``tests/events/test_codes.py`` enumerates every pair).
Codes already given out (``LEGACY_LETTERS``) stay valid; the parser reads those split
only when typed as a capital ("ja K 7").
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Collection
from functools import cache
from itertools import product

from parentinfo.events.models import Event

LEGACY_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"  # the first letter of codes given out before
FIRST_LETTERS = "DGJMPR"  # the first letter of every new code
LETTERS = LEGACY_LETTERS  # any letter after the first
DIGITS = "23456789"
SHORTEST = 2
LONGEST = 8  # the model's column width
_ANY = LETTERS + DIGITS
_CODE = re.compile(rf"^[{LEGACY_LETTERS}][{_ANY}]{{{SHORTEST - 1},{LONGEST - 1}}}$")


def is_code(text: str) -> bool:
    """True when ``text`` (any case, spaces around ignored) has the shape of a reply code,
    new or given out before."""
    candidate = normalise_code(text)
    return bool(_CODE.match(candidate)) and any(c in DIGITS for c in candidate)


def normalise_code(text: str) -> str:
    """``" k7 "`` → ``"K7"``: parents type codes in any case."""
    return text.strip().upper()


@cache
def codes_of_length(length: int) -> tuple[str, ...]:
    """Every valid code of ``length`` characters, in a fixed order."""
    if not SHORTEST <= length <= LONGEST:
        raise ValueError(f"reply codes are {SHORTEST} to {LONGEST} characters long")
    return tuple(
        first + "".join(rest)
        for first in FIRST_LETTERS
        for rest in product(_ANY, repeat=length - 1)
        if any(c in DIGITS for c in rest)
    )


def space_size(length: int) -> int:
    """How many codes of ``length`` exist (without building them all)."""
    with_digit: int = len(_ANY) ** (length - 1) - len(LETTERS) ** (length - 1)
    return len(FIRST_LETTERS) * with_digit


def pick_code(taken: Collection[str], rng: random.Random | None = None) -> str:
    """A random code not in ``taken``, of the shortest length that still has a free one."""
    rng = rng or random.SystemRandom()
    taken_set = set(taken)
    for length in range(SHORTEST, LONGEST + 1):
        used = sum(1 for code in taken_set if len(code) == length)
        if used >= space_size(length):
            continue
        for _ in range(64):  # cheap while the space is mostly free
            candidate = _random_code(length, rng)
            if candidate not in taken_set:
                return candidate
        free = [code for code in codes_of_length(length) if code not in taken_set]
        return rng.choice(free)
    raise RuntimeError("every reply code is taken")  # 10^13 events: not in this lifetime


def _random_code(length: int, rng: random.Random) -> str:
    while True:
        rest = "".join(rng.choice(_ANY) for _ in range(length - 1))
        if any(c in DIGITS for c in rest):
            return rng.choice(FIRST_LETTERS) + rest


def new_uid() -> str:
    """A globally unique iCalendar UID, stable for the event's life."""
    return f"{uuid.uuid4()}@parentinfo"


async def allocate_reply_code() -> str:
    """A reply code no event has used yet (the unique column catches a concurrent twin)."""
    taken = await Event.all().values_list("reply_code", flat=True)
    return pick_code([str(code) for code in taken])
