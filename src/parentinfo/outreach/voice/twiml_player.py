"""What a caller hears and may press, read from one TwiML answer: the phone simulator's ear.

A pure core, no I/O. :func:`parse_twiml` reads a document into steps as Twilio would play
them (``<Say>``, ``<Play>``, ``<Pause>``, ``<Gather>``, ``<Redirect>``, ``<Hangup/>``);
:func:`listen` says what is heard until the call waits for keys, moves to another address
or ends. A verb Twilio knows but the simulator cannot play (``<Dial>``, ``<Record>``, …)
is kept as :class:`Unknown` and skipped, as a note for staff; a document that is not TwiML
becomes a :class:`Script` with an ``error`` code, never an exception.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

MAX_TWIML = 64 * 1024  # Twilio itself refuses a TwiML document over 64 kB
MAX_STEPS = 100
TWILIO_GATHER_TIMEOUT = 5  # seconds Twilio waits for a first key when ``timeout`` is not given
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_KEYS = frozenset("0123456789*#")

# Why a document could not be played; the page says each in words.
EMPTY, TOO_LARGE, NOT_XML, NOT_TWIML = "empty", "too_large", "not_xml", "not_twiml"


@dataclass(frozen=True)
class Say:
    """Text spoken by a text-to-speech voice (``voice``) in ``language``."""

    text: str
    voice: str = ""
    language: str = ""


@dataclass(frozen=True)
class Play:
    """A recording played from ``url`` (absolute, resolved against the document's address)."""

    url: str


@dataclass(frozen=True)
class Pause:
    """Silence for ``seconds``."""

    seconds: int


@dataclass(frozen=True)
class Unknown:
    """A verb the simulator does not play (or one without what it needs): skipped."""

    verb: str


Heard = Say | Play | Pause | Unknown


@dataclass(frozen=True)
class Gather:
    """Keys awaited: ``prompts`` are heard meanwhile; what is pressed goes to ``action``.

    ``num_digits`` is None when any number of keys is taken until ``finish_on_key``.
    """

    action: str
    method: str = "POST"
    num_digits: int | None = None
    timeout: int = TWILIO_GATHER_TIMEOUT
    finish_on_key: str = "#"
    keys: bool = True  # False when ``input`` asks for speech only: no keypad then
    prompts: tuple[Heard, ...] = ()


@dataclass(frozen=True)
class Redirect:
    """The call goes on with the TwiML at ``url``."""

    url: str
    method: str = "POST"


@dataclass(frozen=True)
class Hangup:
    """The call ends here."""


Step = Heard | Gather | Redirect | Hangup


@dataclass(frozen=True)
class Script:
    """One TwiML document as steps; ``error`` (a code) when it is not one, with ``detail``."""

    steps: tuple[Step, ...] = ()
    error: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Ending:
    """How a turn ends when no key is awaited: ``redirect`` to another address, or a hang-up
    (``hangup``: the document said so; ``end``: the document simply ran out)."""

    how: str
    url: str = ""
    method: str = "POST"


@dataclass(frozen=True)
class Turn:
    """What is heard, then either keys awaited (``gather``, with what follows silence in
    ``silence``) or an ``ending``."""

    heard: tuple[Heard, ...]
    gather: Gather | None = None
    silence: Turn | None = None
    ending: Ending = field(default_factory=lambda: Ending("end"))


def parse_twiml(text: str, *, url: str) -> Script:
    """The steps of the TwiML ``text`` served at ``url`` (relative addresses resolve there)."""
    if not text.strip():
        return Script(error=EMPTY)
    if len(text.encode("utf-8", errors="replace")) > MAX_TWIML:
        return Script(error=TOO_LARGE)
    if _DOCTYPE.search(text):
        return Script(error=NOT_XML, detail="a DOCTYPE is not allowed in TwiML")
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DOCTYPE, so no entities to expand
    except ET.ParseError as problem:
        return Script(error=NOT_XML, detail=str(problem))
    if root.tag != "Response":
        return Script(error=NOT_TWIML, detail=f"<{root.tag}> instead of <Response>")
    steps = [_step(element, url) for element in list(root)[:MAX_STEPS]]
    return Script(steps=tuple(steps))


def listen(script: Script) -> Turn:
    """What the caller hears of ``script`` until keys are awaited, the call moves, or it ends."""
    return _turn(script.steps)


def _turn(steps: tuple[Step, ...]) -> Turn:
    heard: list[Heard] = []
    for index, step in enumerate(steps):
        if isinstance(step, Gather):
            heard.extend(step.prompts)
            # Twilio goes on with the verbs after <Gather> when nothing is pressed.
            return Turn(tuple(heard), gather=step, silence=_turn(steps[index + 1 :]))
        if isinstance(step, Redirect):
            return Turn(tuple(heard), ending=Ending("redirect", step.url, step.method))
        if isinstance(step, Hangup):
            return Turn(tuple(heard), ending=Ending("hangup"))
        heard.append(step)
    return Turn(tuple(heard))


def keys_pressed(gather: Gather, typed: str) -> str:
    """The ``Digits`` Twilio would send for what was typed: keys only, up to the finishing
    key (not sent) or ``num_digits``."""
    keys = "".join(key for key in typed if key in _KEYS)
    if gather.finish_on_key and gather.finish_on_key in keys:
        keys = keys[: keys.index(gather.finish_on_key)]
    return keys[: gather.num_digits] if gather.num_digits else keys


def _step(element: ET.Element, url: str) -> Step:
    reader = _READERS.get(element.tag)
    return reader(element, url) if reader else Unknown(element.tag)


def _play(element: ET.Element, url: str) -> Step:
    address = (element.text or "").strip()
    return Play(urljoin(url, address)) if address else Unknown("Play")


def _pause(element: ET.Element, url: str) -> Step:
    del url
    return Pause(_number(element.get("length"), default=1, low=0, high=600))


def _redirect(element: ET.Element, url: str) -> Step:
    address = (element.text or "").strip()
    return Redirect(urljoin(url, address), _method(element)) if address else Unknown("Redirect")


def _hangup(element: ET.Element, url: str) -> Step:
    del element, url
    return Hangup()


def _say(element: ET.Element, url: str) -> Step:
    del url
    # SSML inside <Say> (<prosody>, <break>, <s>) carries text in its children and tails.
    text = " ".join("".join(element.itertext()).split())
    return Say(text, voice=element.get("voice", ""), language=element.get("language", ""))


def _gather(element: ET.Element, url: str) -> Step:
    prompts: list[Heard] = []
    for child in element:
        inner = _step(child, url)
        # Only <Say>, <Play> and <Pause> may nest in <Gather>; anything else is skipped.
        prompts.append(inner if isinstance(inner, Say | Play | Pause) else Unknown(child.tag))
    digits = element.get("numDigits")
    finish = element.get("finishOnKey", "#")
    return Gather(
        action=urljoin(url, element.get("action", "").strip()) or url,
        method=_method(element),
        num_digits=_number(digits, default=1, low=1, high=100) if digits else None,
        timeout=_number(element.get("timeout"), default=TWILIO_GATHER_TIMEOUT, low=1, high=600),
        finish_on_key=finish if finish in _KEYS else "",
        keys="dtmf" in element.get("input", "dtmf").lower(),
        prompts=tuple(prompts),
    )


def _method(element: ET.Element) -> str:
    return "GET" if element.get("method", "POST").strip().upper() == "GET" else "POST"


def _number(raw: str | None, *, default: int, low: int, high: int) -> int:
    try:
        value = int((raw or "").strip())
    except ValueError:
        return default
    return min(max(value, low), high)


_READERS: dict[str, Callable[[ET.Element, str], Step]] = {
    "Say": _say,
    "Play": _play,
    "Pause": _pause,
    "Gather": _gather,
    "Redirect": _redirect,
    "Hangup": _hangup,
    "Reject": _hangup,  # an inbound call refused: for the caller, the line goes dead
}
