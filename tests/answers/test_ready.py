"""Every ready answer in every contact language: translated, filled, short, or refused."""

from __future__ import annotations

import pytest

from parentinfo.answers.ready import READY_ANSWERS, EventFacts, MissingFact, render
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.messaging.segments import count_segments

LANGUAGES = SUPPORTED_LANGUAGES
# Whose alphabet fits GSM-7 with the words chosen: these must never cost a UCS-2 SMS.
GSM_FRIENDLY = {"nl", "en", "de", "it"}
FACTS = EventFacts(
    end_time="20:30",
    address="Schoolstraat 1, Zwolle",
    childcare=True,
    interpreter_languages=tuple(LANGUAGES),
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_answer_is_in_the_parents_language_and_fits_two_sms(language: str) -> None:
    for answer in READY_ANSWERS:
        facts = FACTS if answer.key != "childcare_no" else EventFacts(childcare=False)
        text = render(answer.key, facts, parent_language=language, language=language)
        if language != "en":
            assert text != answer.text.format(time="20:30", address=FACTS.address, language="")
            assert text != render(answer.key, facts, parent_language=language, language="en")
        assert "{" not in text
        if "time" in answer.needs:
            assert "20:30" in text
        if "address" in answer.needs:
            assert "Schoolstraat 1, Zwolle" in text
        cost = count_segments(text)
        assert cost.segments <= 2, (language, text)
        if language in GSM_FRIENDLY:
            assert cost.encoding == "GSM-7", (language, text)


def test_the_interpreter_is_named_in_the_readers_language() -> None:
    assert render("interpreter", FACTS, parent_language="pl", language="pl") == (
        "Będzie tłumacz (język: polski)."
    )
    assert render("interpreter", FACTS, parent_language="pl", language="en") == (
        "There is an interpreter for Polish."
    )


@pytest.mark.parametrize(
    ("key", "facts", "missing"),
    [
        ("address", EventFacts(address="  "), "address"),
        ("ends_at", EventFacts(), "time"),
        ("interpreter", EventFacts(interpreter_languages=("ar",)), "language"),
        ("childcare_yes", EventFacts(childcare=False), "childcare"),
        ("childcare_no", EventFacts(childcare=True), "no_childcare"),
    ],
)
def test_an_answer_the_event_cannot_fill_is_refused(
    key: str, facts: EventFacts, missing: str
) -> None:
    with pytest.raises(MissingFact) as refused:
        render(key, facts, parent_language="pl", language="pl")
    assert refused.value.fact == missing
    assert "first" in str(refused.value) or "another answer" in str(refused.value)


def test_no_ready_answer_shares_its_english_with_another_catalog() -> None:
    """All domains are merged into one catalog per language: a shared msgid would let
    another feature's translation replace the parent's answer."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    locales = Path(__file__).resolve().parents[2] / "locales"

    def ids(path: Path) -> set[str]:
        with path.open("rb") as handle:
            return {str(m.id) for m in read_po(handle) if m.id}

    mine = ids(locales / "answers.pot")
    others = set().union(*(ids(p) for p in locales.glob("*.pot") if p.stem != "answers"))
    assert mine & others == set()
