"""The ready answers: short texts in every contact language, filled from the event's facts.

A pure core: no I/O. Each answer names the facts it needs; an answer whose fact is missing
(no address set, no end time, no interpreter for the parent's language) is refused with
what to fill in, before anything is written. The texts are gettext messages of the
``answers`` domain, so the catalog check sees a language that lacks one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parentinfo.i18n import gettext as _
from parentinfo.i18n import language_name, lazy, use_language


@dataclass(frozen=True)
class ReadyAnswer:
    """One ready answer: its key (what the API takes), its text, the facts it needs."""

    key: str
    text: str  # the English source, a gettext message id
    needs: tuple[str, ...] = ()


READY_ANSWERS: tuple[ReadyAnswer, ...] = (
    ReadyAnswer("children_welcome", lazy("Yes, you may bring your children.")),
    ReadyAnswer("childcare_yes", lazy("Yes, there is childcare."), ("childcare",)),
    ReadyAnswer("childcare_no", lazy("There is no childcare at the session."), ("no_childcare",)),
    ReadyAnswer("ends_at", lazy("It ends at {time}."), ("time",)),
    ReadyAnswer("address", lazy("The address is {address}."), ("address",)),
    ReadyAnswer("interpreter", lazy("There is an interpreter for {language}."), ("language",)),
    ReadyAnswer("free", lazy("It is free.")),
    ReadyAnswer("will_call", lazy("Someone will call you.")),
)
BY_KEY = {answer.key: answer for answer in READY_ANSWERS}

# What staff must do when a fact is missing, said to staff (English, like every API error).
_WHAT_TO_FILL = {
    "time": "The event has no end time: set one on the event first.",
    "address": "The event has no address: fill in the address on the event first.",
    "language": (
        "The event has no interpreter for this parent's language: add it to the event's "
        "interpreter languages first, or choose another answer."
    ),
    "childcare": "The event says there is no childcare: change the event or choose another answer.",
    "no_childcare": "The event says there is childcare: change the event or choose another answer.",
}


class MissingFact(ValueError):
    """A ready answer needs a fact the event does not have."""

    def __init__(self, fact: str) -> None:
        self.fact = fact
        super().__init__(_WHAT_TO_FILL[fact])


@dataclass(frozen=True)
class EventFacts:
    """What the ready answers can say about one event."""

    end_time: str = ""  # "20:30", 24-hour, in the event's time zone
    address: str = ""
    childcare: bool = False
    interpreter_languages: tuple[str, ...] = field(default_factory=tuple)


def check(key: str, facts: EventFacts, *, parent_language: str) -> None:
    """Raise :class:`MissingFact` when answer ``key`` cannot be filled for this parent."""
    for fact in BY_KEY[key].needs:
        if not _has(fact, facts, parent_language):
            raise MissingFact(fact)


def _has(fact: str, facts: EventFacts, parent_language: str) -> bool:
    present = {
        "time": bool(facts.end_time),
        "address": bool(facts.address.strip()),
        "language": parent_language in facts.interpreter_languages,
        "childcare": facts.childcare,
        "no_childcare": not facts.childcare,
    }
    return present[fact]


def render(key: str, facts: EventFacts, *, parent_language: str, language: str) -> str:
    """Answer ``key`` in ``language`` (the parent's, or staff's for the preview)."""
    check(key, facts, parent_language=parent_language)
    with use_language(language):
        # The interpreter's language named as the reader writes it ("polski", "Polish").
        name = language_name(parent_language, in_language=language)
        return _(BY_KEY[key].text).format(
            time=facts.end_time, address=facts.address.strip(), language=name
        )
