"""The pure report core: hand-counted rows in, counts out, small cells hidden."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from parentinfo.reports import figures, svg
from parentinfo.reports.figures import CheckInRow, EventRow, Inputs, InvitationRow, MessageRow

OCT = datetime(2026, 10, 10, 17, tzinfo=UTC)
NOV = datetime(2026, 11, 5, 17, tzinfo=UTC)


def _inputs() -> Inputs:
    events = [EventRow(1, "school_system", OCT, "school"), EventRow(2, "library", NOV, "school")]
    invitations = [
        InvitationRow(1, 1, "school", "pl", "yes", 2, 101),
        InvitationRow(2, 1, "school", "pl", "yes", 2, 102),
        InvitationRow(3, 1, "school", "pl", "no", 1, 103),
        InvitationRow(4, 1, "polska", "ro", "maybe", 1, 104),
        InvitationRow(5, 1, "polska", "ro", "none", 1, None),  # an erased contact still counts
        InvitationRow(6, 2, "school", "bg", "yes", 3, 106),
        InvitationRow(7, 99, "school", "bg", "yes", 1, 107),  # not an event in scope
    ]
    checkins = [CheckInRow(1, 2), CheckInRow(2, 1), CheckInRow(6, 3), CheckInRow(7, 1)]
    messages = [
        MessageRow(1, 1, "sms", "delivered", "pl", 2),
        MessageRow(1, 2, "sms", "undelivered", "pl", 2),
        MessageRow(1, 3, "sms", "failed", "pl", 2),
        MessageRow(1, 4, "email", "sent", "ro", 0),
        MessageRow(2, 6, "sms", "delivered", "bg", 1),
    ]
    return Inputs(events, invitations, checkins, messages, first_time_invitations=frozenset({1, 6}))


def test_totals_are_the_hand_counted_ones() -> None:
    total = figures.compute(_inputs()).total
    assert (total.events, total.invited, total.answered) == (2, 6, 5)
    assert (total.yes, total.no, total.maybe) == (3, 1, 1)
    assert total.yes_people == 2 + 2 + 3
    assert (total.checked_in, total.checked_in_people, total.first_time) == (3, 2 + 1 + 3, 2)
    assert (total.sms_delivered, total.email_delivered) == (2, 1)
    assert total.sms_segments == 2 + 2 + 1  # failed SMS are not billed


def test_splits_add_up_per_language_topic_organisation_and_month() -> None:
    reach = figures.compute(_inputs())
    assert {k: v.invited for k, v in reach.by_language.items()} == {"pl": 3, "ro": 2, "bg": 1}
    assert {k: v.invited for k, v in reach.by_organisation.items()} == {"school": 4, "polska": 2}
    assert {k: v.events for k, v in reach.by_topic.items()} == {"school_system": 1, "library": 1}
    assert {k: v.checked_in for k, v in reach.by_month.items()} == {"2026-10": 2, "2026-11": 1}
    assert reach.by_organisation["polska"].email_delivered == 1


def test_hidden_figures_are_marked_and_the_cost_goes_with_the_segments() -> None:
    total = figures.compute(_inputs()).total
    shown = figures.presented(
        total, hidden=frozenset({"yes", "sms_segments"}), price_per_segment=Decimal("0.075")
    )
    assert (shown["invited"], shown["yes"], shown["events"]) == (6, "x", 2)
    assert shown["sms_cost_eur"] == "x"
    plain = figures.presented(total, hidden=frozenset(), price_per_segment=Decimal("0.075"))
    assert plain["sms_cost_eur"] == "0.38"


def test_the_cost_per_parent_reached_divides_the_billed_sms_over_parents_reached() -> None:
    reach = figures.compute(_inputs())
    total = reach.total
    # 1 (SMS delivered), 4 (email sent), 6 (SMS delivered); 2 billed but undelivered, 3 failed
    assert total.reached == 3
    assert {k: v.reached for k, v in reach.by_language.items()} == {"pl": 1, "ro": 1, "bg": 1}
    shown = figures.presented(total, hidden=frozenset(), price_per_segment=Decimal("0.075"))
    assert shown["sms_cost_per_reached_eur"] == "0.1250"  # 5 segments x 0.075 / 3 parents
    for hidden in ({"reached"}, {"sms_segments"}):  # it would give either one away
        cell = figures.presented(
            total, hidden=frozenset(hidden), price_per_segment=Decimal("0.075")
        )
        assert cell["sms_cost_per_reached_eur"] == "x"
    nobody = figures.presented(
        figures.Figures(), hidden=frozenset(), price_per_segment=Decimal("0.075")
    )
    assert nobody["sms_cost_per_reached_eur"] == ""  # nobody reached: no cost per parent
    assert figures.field_names()[-2:] == ["sms_cost_eur", "sms_cost_per_reached_eur"]


def test_a_suppressed_value_is_drawn_without_length_and_labelled() -> None:
    picture = svg.bar_chart(
        [svg.Bar("pl", (12, "x")), svg.Bar("ro & bg", (0, 7))],
        title="Reach <per> language",
        series=("a", "b"),
    )
    assert picture.startswith("<svg")
    assert picture.endswith("</svg>")
    assert "<title>Reach &lt;per&gt; language</title>" in picture
    assert "ro &amp; bg" in picture
    assert ">x<" in picture
    assert 'stroke-dasharray="3 2"' in picture
