"""How many SMS parts a text costs: GSM 03.38 septets or UCS-2 code units, split like phones do.

A pure core. GSM-7 carries 160 septets in one SMS, or 153 per part of a longer one (the
rest is the concatenation header); a character of the extension table (``€ [ ] { } \\ ^ ~ |``
and form feed) is an escape plus itself, two septets, and the pair never straddles two parts.
Any character outside both tables makes the whole text UCS-2: 70 UTF-16 code units, or 67 per
part; a character beyond the Basic Multilingual Plane (most emoji) is a surrogate pair, two
units, and a pair never straddles two parts either.

The empty text is 0 segments: we never send it, and a preview of nothing should cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7 = "GSM-7"
UCS2 = "UCS-2"

# 3GPP TS 23.038, the default alphabet, in code order (0x1B, the escape, is left out).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table reached through the escape: each costs two septets.
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

SINGLE = {GSM7: 160, UCS2: 70}
PER_PART = {GSM7: 153, UCS2: 67}


@dataclass(frozen=True)
class SegmentInfo:
    """What a text costs as SMS.

    ``characters`` counts septets (GSM-7) or UTF-16 code units (UCS-2); ``per_segment`` is
    160/70 for a single SMS and 153/67 per part of a longer one; ``remaining`` is how many
    more units fit before another segment is needed.
    """

    encoding: str
    characters: int
    segments: int
    per_segment: int
    remaining: int


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 03.38 default alphabet or its extension."""
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def unit_costs(text: str) -> tuple[str, list[int]]:
    """The encoding of ``text`` and the units each character takes in it."""
    if is_gsm7(text):
        return GSM7, [2 if char in GSM_EXTENSION else 1 for char in text]
    return UCS2, [2 if ord(char) > 0xFFFF else 1 for char in text]


def count_segments(text: str) -> SegmentInfo:
    """Encoding, length and number of SMS parts of ``text``, as a phone would send it."""
    encoding, costs = unit_costs(text)
    total = sum(costs)
    single = SINGLE[encoding]
    if total <= single:
        segments = 1 if total else 0
        return SegmentInfo(encoding, total, segments, single, single - total)
    per_part = PER_PART[encoding]
    parts, used = _pack(costs, per_part)
    return SegmentInfo(encoding, total, parts, per_part, per_part - used)


def _pack(costs: list[int], per_part: int) -> tuple[int, int]:
    """Fill parts in order, never splitting a character: (number of parts, units in the last)."""
    parts, used = 1, 0
    for cost in costs:
        if used + cost > per_part:
            parts, used = parts + 1, 0
        used += cost
    return parts, used
