"""The preview per language: SMS, encoding, segments, cost, and the saving without diacritics."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.lib.enums import MessageKind
from parentinfo.messaging.segments import GSM7, UCS2, SegmentInfo, count_segments
from parentinfo.outreach.composing.compose import MessageContext, compose
from parentinfo.outreach.departure import Departure
from parentinfo.outreach.preview import LanguagePlan, OutreachPreview, preview_language, sms_cost

PRICE = Decimal("0.075")


def make_ctx(**overrides: Any) -> MessageContext:
    """A Polish invitation with a Polish title."""
    values: dict[str, Any] = {
        "language": "pl",
        "kind": MessageKind.INVITATION,
        "title": "Szkoła w Holandii",
        "starts_at": datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
        "ends_at": datetime(2027, 3, 28, 10, 0, tzinfo=UTC),
        "venue": "Bibliotheek Centrum",
        "sender_name": "OBS De Klimop",
        "page_url": "https://parentinfo.test/r/" + "t" * 10,
        "childcare": True,
    }
    values.update(overrides)
    return MessageContext(**values)


def test_polish_plain_is_gsm7_and_cheaper() -> None:
    preview = preview_language(make_ctx(), recipients=40, price_per_segment=PRICE, offer_plain=True)
    assert preview.language == "pl"
    assert preview.recipients == 40
    assert preview.info.encoding == UCS2
    assert preview.info.segments == 3
    assert preview.cost == Decimal("9.00")  # 3 segments × 40 parents × € 0.075
    assert preview.plain_text is not None
    assert "Szkola w Holandii" in preview.plain_text
    assert preview.plain_info is not None
    assert preview.plain_info.encoding == GSM7
    assert preview.plain_info.segments == 2
    assert preview.plain_cost == Decimal("6.00")
    assert preview.saving == Decimal("3.00")
    assert not preview.sends_plain
    assert preview.cost_to_send == Decimal("9.00")


def _mailing(plans: list[LanguagePlan]) -> OutreachPreview:
    """A preview of ``plans`` that leaves right away."""
    now = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
    right_away = Departure(at=now, scheduled=False, after_quiet_hours=False)
    return OutreachPreview(
        event_id=1,
        languages=plans,
        already_invited=0,
        sms_leaves=right_away,
        email_leaves=right_away,
    )


def _plan(preview: Any, *, sms: int, email: int, to_call: int) -> LanguagePlan:
    no_reply = count_segments("")
    return LanguagePlan(
        preview=preview,
        sms=sms,
        email=email,
        to_call=to_call,
        reply=no_reply,
        reply_cost=Decimal(0),
    )


def test_the_cost_per_parent_reached_spreads_the_sms_over_everyone_a_message_reaches() -> None:
    sms = preview_language(make_ctx(), recipients=40, price_per_segment=PRICE, offer_plain=False)
    plan = _mailing([_plan(sms, sms=40, email=8, to_call=2)])
    assert plan.recipients == 50
    assert plan.reachable == 48  # the two to phone are not reached by the mailing
    assert plan.cost_per_parent == Decimal("0.1875")  # € 9.00 over 48 parents
    nobody = _mailing([_plan(sms, sms=0, email=0, to_call=3)])
    assert nobody.cost_per_parent is None


def test_the_preview_shows_the_email_too() -> None:
    preview = preview_language(make_ctx(), recipients=1, price_per_segment=PRICE, offer_plain=False)
    composed = compose(make_ctx())
    assert preview.sms_text == composed.sms
    assert preview.email_subject == "Zaproszenie: Szkoła w Holandii"
    assert preview.email_text == composed.text
    assert preview.email_html == composed.html


def test_no_plain_version_unless_offered() -> None:
    preview = preview_language(make_ctx(), recipients=5, price_per_segment=PRICE, offer_plain=False)
    assert preview.plain_text is None
    assert preview.plain_info is None
    assert preview.plain_cost is None
    assert preview.saving is None
    assert preview.cost_to_send == preview.cost


def test_an_organisation_sending_plain_sees_both_and_pays_the_plain_price() -> None:
    ctx = make_ctx(plain=True)
    preview = preview_language(ctx, recipients=10, price_per_segment=PRICE, offer_plain=False)
    assert "Szkoła" in preview.sms_text  # the full version, to compare with
    assert preview.plain_text is not None
    assert preview.sends_plain
    assert preview.cost_to_send == preview.plain_cost == Decimal("1.50")


def test_english_has_no_plain_version() -> None:
    ctx = make_ctx(language="en", title="School in the Netherlands")
    preview = preview_language(ctx, recipients=3, price_per_segment=PRICE, offer_plain=True)
    assert preview.info.encoding == GSM7
    assert preview.plain_text is None


def test_dutch_plain_only_when_it_changes_something() -> None:
    ascii_title = make_ctx(language="nl", title="Ouderavond")
    preview = preview_language(ascii_title, recipients=3, price_per_segment=PRICE, offer_plain=True)
    assert preview.plain_text is None
    diaeresis = replace(ascii_title, title="Ideeën voor ouders")
    preview = preview_language(diaeresis, recipients=100, price_per_segment=PRICE, offer_plain=True)
    assert preview.info.encoding == UCS2
    assert preview.plain_info is not None
    assert preview.plain_info.encoding == GSM7
    assert preview.saving is not None
    assert preview.saving > 0


@pytest.mark.parametrize("language", ["ro", "bg"])
def test_romanian_and_bulgarian_save_too(language: str) -> None:
    preview = preview_language(
        make_ctx(language=language), recipients=25, price_per_segment=PRICE, offer_plain=True
    )
    assert preview.plain_info is not None
    assert preview.plain_info.encoding == GSM7
    assert preview.saving is not None
    assert preview.saving > 0


@pytest.mark.parametrize(
    ("segments", "recipients", "price", "cost"),
    [
        (1, 1, "0.0333", "0.03"),
        (1, 1, "0.005", "0.01"),  # half a cent rounds up
        (1, 1, "0.0049", "0.00"),
        (3, 40, "0.075", "9.00"),
        (2, 7, "0.0791", "1.11"),
        (0, 100, "0.075", "0.00"),
    ],
)
def test_cost_is_rounded_to_cents(segments: int, recipients: int, price: str, cost: str) -> None:
    info = SegmentInfo(GSM7, segments * 150, segments, 153, 3)
    assert sms_cost(info, recipients=recipients, price_per_segment=Decimal(price)) == Decimal(cost)


@given(
    st.integers(min_value=0, max_value=10),
    st.integers(min_value=0, max_value=100_000),
    st.decimals(min_value=0, max_value=1, places=4),
)
def test_cost_is_exact_to_the_cent(segments: int, recipients: int, price: Decimal) -> None:
    info = SegmentInfo(GSM7, 0, segments, 160, 160)
    cost = sms_cost(info, recipients=recipients, price_per_segment=price)
    assert cost.as_tuple().exponent == -2
    assert abs(cost - segments * recipients * price) <= Decimal("0.005")
