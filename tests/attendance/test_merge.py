"""The merge rules for check-ins from several phones: replays and duplicates change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.attendance.merge import DoorState, Outcome, apply_check_in, apply_undo

T0 = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


CheckInOp = tuple[str, int, int, str | None]  # ("in", minute, party size, client id)
UndoOp = tuple[str, int]

ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("in"),
            st.integers(0, 30),
            st.integers(1, 6),
            st.one_of(st.none(), st.uuids().map(str)),
        ),
        st.tuples(st.just("undo"), st.integers(0, 30)),
    ),
    max_size=8,
    unique_by=lambda op: op[1],
).map(lambda items: sorted(items, key=lambda op: op[1]))  # a phone stamps its queue in order


def run(operations: list[tuple[object, ...]], state: DoorState | None = None) -> DoorState | None:
    for op in operations:
        if op[0] == "in":
            _, minute, size, client_id = op
            assert isinstance(minute, int)
            assert isinstance(size, int)
            assert client_id is None or isinstance(client_id, str)
            state, _ = apply_check_in(state, party_size=size, at=at(minute), client_id=client_id)
        else:
            minute = op[1]
            assert isinstance(minute, int)
            state, _ = apply_undo(state, at=at(minute))
    return state


@given(ops)
def test_replaying_a_whole_queue_ends_in_the_same_state(
    operations: list[tuple[object, ...]],
) -> None:
    once = run(operations)
    assert run(operations, once) == once


@given(ops, st.data())
def test_an_operation_sent_twice_in_a_row_counts_once(
    operations: list[tuple[object, ...]], data: st.DataObject
) -> None:
    if not operations:
        return
    index = data.draw(st.integers(0, len(operations) - 1))
    doubled = [*operations[: index + 1], operations[index], *operations[index + 1 :]]
    op = operations[index]
    # An op without a client id cannot be recognised; an undo or a merge is idempotent anyway.
    assert run(doubled) == run(operations) or (op[0] == "in" and op[3] is None)


@given(ops)
def test_an_active_check_in_starts_no_later_than_any_check_in_since_it_began(
    operations: list[tuple[object, ...]],
) -> None:
    state = run(operations)
    if state is not None and state.active:
        assert 1 <= state.party_size <= 6
        assert state.checked_in_at >= T0


def test_second_check_in_updates_party_size_and_keeps_earliest_time() -> None:
    first, outcome = apply_check_in(None, party_size=1, at=at(10), client_id="a")
    assert outcome is Outcome.CREATED
    second, outcome = apply_check_in(first, party_size=3, at=at(5), client_id="b")
    assert outcome is Outcome.MERGED
    assert second == DoorState(3, at(5), None, "a")
    third, _ = apply_check_in(second, party_size=2, at=at(20), client_id=None)
    assert third.checked_in_at == at(5)
    assert third.party_size == 2


def test_same_client_id_changes_nothing() -> None:
    first, _ = apply_check_in(None, party_size=2, at=at(10), client_id="a")
    again, outcome = apply_check_in(first, party_size=5, at=at(12), client_id="a")
    assert outcome is Outcome.UNCHANGED
    assert again == first


def test_undo_then_newer_check_in_restarts_and_older_one_is_stale() -> None:
    state, _ = apply_check_in(None, party_size=2, at=at(10), client_id="a")
    undone, outcome = apply_undo(state, at=at(15))
    assert outcome is Outcome.UNDONE
    assert undone is not None
    assert not undone.active
    stale, outcome = apply_check_in(undone, party_size=4, at=at(12), client_id="b")
    assert outcome is Outcome.UNCHANGED
    assert stale == undone
    again, outcome = apply_check_in(undone, party_size=4, at=at(20), client_id="c")
    assert outcome is Outcome.RESTARTED
    assert again == DoorState(4, at(20), None, "a")


def test_undo_older_than_the_check_in_or_without_one_changes_nothing() -> None:
    assert apply_undo(None, at=at(1)) == (None, Outcome.UNCHANGED)
    state, _ = apply_check_in(None, party_size=1, at=at(10), client_id=None)
    assert apply_undo(state, at=at(9)) == (state, Outcome.UNCHANGED)
    undone, _ = apply_undo(state, at=at(11))
    assert apply_undo(undone, at=at(30)) == (undone, Outcome.UNCHANGED)
