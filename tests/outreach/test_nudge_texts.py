"""The nudge in every language: translated, and short (2 SMS parts in GSM-7, 3 in UCS-2)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.messaging.segments import GSM7, UCS2, count_segments
from parentinfo.outreach.composing.compose import compose
from tests.outreach.test_compose import make_ctx

MAX_PARTS = {GSM7: 2, UCS2: 3}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_nudge_is_short_in_every_language(language: str) -> None:
    ctx = make_ctx(language=language, kind=MessageKind.NUDGE, session_languages=("nl", "en"))
    for version in (ctx, replace(ctx, plain=True)):
        info = count_segments(compose(version).sms)
        assert info.segments <= MAX_PARTS[info.encoding], (language, info)


@pytest.mark.parametrize("language", [code for code in SUPPORTED_LANGUAGES if code != "en"])
def test_the_nudge_is_translated(language: str) -> None:
    composed = compose(make_ctx(language=language, kind=MessageKind.NUDGE))
    english = compose(make_ctx(language="en", kind=MessageKind.NUDGE))
    assert "Are you coming" not in composed.sms
    assert "Ouderavond" in composed.subject
    assert composed.subject != english.subject
    assert "not heard from you" not in composed.text
    assert composed.text.splitlines()[2:3] != english.text.splitlines()[2:3]


def test_the_nudge_asks_for_every_answer_and_links_the_page() -> None:
    sms = compose(make_ctx(language="en", kind=MessageKind.NUDGE)).sms
    assert sms.splitlines()[:2] == ["OBS De Klimop", "Are you coming? Ouderavond"]
    assert "https://parentinfo.test/r/" in sms
    for word in ("YES", "NO"):
        assert word in sms
