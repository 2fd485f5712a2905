"""Complementary suppression: no hidden cell of a report can be worked out by subtraction."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parentinfo.reports import disclosure, figures, presentation
from parentinfo.reports.figures import CheckInRow, EventRow, Inputs, InvitationRow, MessageRow
from parentinfo.reports.service import ReportFilter
from tests.reports import attacker

PRICE = Decimal("0.10")  # exact in cents, so the reader turns cost back into segments
FILTER = ReportFilter(date(2026, 1, 1), date(2026, 12, 31))
OCT = datetime(2026, 10, 10, 17, tzinfo=UTC)


def _published(inputs: Inputs) -> dict[str, Any]:
    reach = figures.compute(inputs)
    return presentation.as_json(presentation.present(reach, FILTER, price_per_segment=PRICE))


def _parents(languages: dict[str, int], *, answer: str = "yes") -> Inputs:
    """Parents of one event, in the given languages, each sent one SMS of two segments."""
    invitations, messages = [], []
    for language, count in languages.items():
        for _ in range(count):
            n = len(invitations) + 1
            invitations.append(InvitationRow(n, 1, "school", language, answer, 1, n))
            messages.append(MessageRow(1, n, "sms", "delivered", language, 2))
    events = [EventRow(1, "school_system", OCT, "school")]
    return Inputs(events, invitations, [], messages, frozenset())


def _row(report: dict[str, Any], split: str, label: str) -> dict[str, Any]:
    return next(row for row in report[split] if row["label"] == label)


def test_the_example_from_the_issue_no_longer_gives_en_and_pl_away() -> None:
    report = _published(_parents({"bg": 5, "nl": 6, "en": 4, "pl": 2}))
    assert report["total"]["invited"] == 17
    for language in ("en", "pl"):
        row = _row(report, "by_language", language)
        assert row["invited"] == "x"
        # the SMS figures follow the number of parents: hidden with it
        assert (row["sms_delivered"], row["sms_cost_eur"]) == ("x", "x")
    assert attacker.recovered(report, price=PRICE) == set()


def test_a_small_total_hides_the_whole_line_and_nothing_is_recovered() -> None:
    report = _published(_parents({"pl": 3}))
    assert report["total"]["invited"] == "x"
    assert _row(report, "by_language", "pl")["invited"] == "x"
    assert attacker.recovered(report, price=PRICE) == set()


def test_answers_cannot_be_recovered_from_answered_minus_the_others() -> None:
    inputs = _parents({"pl": 9})
    invitations = [
        InvitationRow(r.id, r.event_id, r.organisation, r.language, a, 1, r.contact_id)
        for r, a in zip(inputs.invitations, ["yes"] * 6 + ["no"] * 2 + ["maybe"], strict=True)
    ]
    report = _published(Inputs(inputs.events, invitations, [], inputs.messages, frozenset()))
    total = report["total"]
    assert (total["no"], total["maybe"]) == ("x", "x")
    assert attacker.recovered(report, price=PRICE) == set()


def test_the_reader_finds_what_bounds_alone_give_away() -> None:
    # a + b = 3 and a - c = 3 with b, c >= 0 pin a = 3 although no single line does
    table = disclosure.Table(
        values={"a": 3, "b": 0, "c": 0, "t1": 3, "t2": 3},
        equations=({"t1": 1, "a": -1, "b": -1}, {"t2": 1, "a": -1, "c": 1}),
    )
    assert disclosure.disclosed(table, {"a", "b", "c"}) == {"a", "b", "c"}
    assert disclosure.disclosed(table, {"a", "b"}) >= {"a"}


# --- every small table, exhaustively -------------------------------------------------------


def _star(rows_a: tuple[int, ...], rows_b: tuple[int, ...]) -> disclosure.Table:
    """One figure split two ways: ``T = sum(a) = sum(b)``."""
    values: dict[disclosure.Cell, int] = {"T": sum(rows_a)}
    values.update({("a", i): v for i, v in enumerate(rows_a)})
    values.update({("b", i): v for i, v in enumerate(rows_b)})
    lines = (
        {"T": 1, **{("a", i): -1 for i in range(len(rows_a))}},
        {"T": 1, **{("b", i): -1 for i in range(len(rows_b))}},
    )
    return disclosure.Table(values=values, equations=lines)


def _possible_values(table: disclosure.Table, hidden: frozenset[disclosure.Cell]) -> dict:
    """Brute force over integers: every value each hidden cell can take, given what is shown.

    Given the total, the two lines are independent, so each is enumerated on its own.
    """
    cap = 2 * table.values["T"] + 6
    seen: dict[disclosure.Cell, set[int]] = {c: set() for c in hidden}
    for total in range(cap + 1) if "T" in hidden else [table.values["T"]]:
        per_line = []
        for line in table.equations:
            cells = sorted((c for c in line if c != "T" and c in hidden), key=repr)
            rest = total - sum(table.values[c] for c in line if c != "T" and c not in hidden)
            options = [
                guess
                for guess in itertools.product(range(max(rest, 0) + 1), repeat=len(cells))
                if sum(guess) == rest
            ]
            per_line.append((cells, options))
        if all(options for _, options in per_line):
            if "T" in hidden:
                seen["T"].add(total)
            for cells, options in per_line:
                for guess in options:
                    for cell, value in zip(cells, guess, strict=True):
                        seen[cell].add(value)
    return seen


def test_every_small_table_split_two_ways() -> None:
    checked = 0
    for rows_a in itertools.product(range(7), repeat=3):
        for total_b in itertools.product(range(9), repeat=2):
            if sum(total_b) != sum(rows_a) or sum(rows_a) == 0:
                continue
            table = _star(rows_a, total_b)
            primary = [c for c, v in table.values.items() if 0 < v < 5]
            hidden = disclosure.suppress(table, primary, {})
            assert set(primary) <= hidden
            for cell, values in _possible_values(table, hidden).items():
                assert len(values) > 1, (rows_a, total_b, cell)
            checked += 1
    assert checked > 200


# --- any report the service could produce --------------------------------------------------

LANGUAGES = st.sampled_from(["pl", "ro", "bg", "en"])
ORGS = st.sampled_from(["school", "polska", "library"])
ANSWERS = st.sampled_from(["none", "yes", "no", "maybe"])


@st.composite
def reports(draw: st.DrawFn) -> Inputs:
    events = [
        EventRow(1, "school_system", OCT, "school"),
        EventRow(2, "library", OCT.replace(month=11), "school"),
        EventRow(3, "library", OCT.replace(month=12), "library"),
    ]
    people = draw(st.lists(st.tuples(st.integers(1, 3), LANGUAGES, ORGS, ANSWERS), max_size=40))
    flags = draw(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=40))
    invitations, checkins, messages = [], [], []
    for n, ((event, language, org, answer), (came, _first, email)) in enumerate(
        zip(people, flags, strict=False), start=1
    ):
        invitations.append(InvitationRow(n, event, org, language, answer, 1, n))
        if came:
            checkins.append(CheckInRow(n, 1))
        channel = "email" if email else "sms"
        messages.append(MessageRow(event, n, channel, "delivered", language, 2))
    firsts = frozenset(c.invitation_id for c, f in zip(checkins, flags, strict=False) if f[1])
    return Inputs(events, invitations, checkins, messages, firsts)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_no_hidden_cell_of_any_report_can_be_worked_out(inputs: Inputs) -> None:
    report = _published(inputs)
    pub = attacker.read(report, price=PRICE)
    reach = figures.compute(inputs)
    assert attacker.recovered(report, price=PRICE) == set()
    for split, label, name in pub.known:  # every small count is hidden
        cell = reach.total if split == "total" else getattr(reach, split)[label]
        assert not 0 < getattr(cell, name) < figures.SMALL_CELL
    for split, label, name in pub.hidden:  # and a hidden number invited hides its messages
        if name == "invited":  # (but for a zero anyone can work out)
            row = report["total"] if split == "total" else _row(report, split, label)
            for figure in ("sms_delivered", "email_delivered", "sms_cost_eur"):
                assert row[figure] in ("x", 0, "0.00"), (split, label, figure)
