"""The outbox status machine, backoff and deduplication keys: pure rules."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.outreach.sending.outbox import (
    FINAL,
    MAX_BACKOFF,
    ONCE_PER_PARENT,
    RANK,
    TWILIO_STATUS,
    backoff,
    dedupe_key,
    may_move,
)

S = MessageStatus


def test_the_happy_path_moves_forward() -> None:
    path = [S.PENDING, S.SENDING, S.SENT, S.DELIVERED]
    assert all(may_move(a, b) for a, b in itertools.pairwise(path))


def test_delivered_never_becomes_sent_and_final_states_stay() -> None:
    assert not may_move(S.DELIVERED, S.SENT)
    assert not may_move(S.DELIVERED, S.UNDELIVERED)
    assert not may_move(S.FAILED, S.DELIVERED)
    assert not may_move(S.SENT, S.SENDING)
    assert may_move(S.SENDING, S.DELIVERED)  # a callback may overtake our bookkeeping


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_no_move_goes_backwards_or_leaves_a_final_state(a: MessageStatus, b: MessageStatus) -> None:
    if may_move(a, b):
        assert RANK[b] > RANK[a]
        assert a not in FINAL


def test_every_twilio_status_is_understood() -> None:
    for status in ("queued", "sending", "sent", "delivered", "undelivered", "failed"):
        assert status in TWILIO_STATUS


@given(st.integers(min_value=1, max_value=10_000))
def test_backoff_grows_and_is_capped(attempt: int) -> None:
    assert timedelta(seconds=30) <= backoff(attempt) <= MAX_BACKOFF
    assert backoff(attempt + 1) >= backoff(attempt)


def test_backoff_starts_at_thirty_seconds_and_doubles() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_dedupe_keys_version_only_changes_and_cancellations() -> None:
    assert dedupe_key(MessageKind.INVITATION, 7, Channel.SMS, 3) == "invitation:7:sms"
    assert dedupe_key(MessageKind.REMINDER, 7, Channel.EMAIL, 3) == "reminder:7:email"
    assert dedupe_key(MessageKind.CHANGE, 7, Channel.SMS, 3) == "change:7:sms:3"
    assert dedupe_key(MessageKind.CANCELLATION, 7, Channel.SMS, 4) == "cancellation:7:sms:4"


@given(
    st.sampled_from(list(MessageKind)),
    st.integers(min_value=1),
    st.sampled_from(list(Channel)),
    st.integers(min_value=0, max_value=1000),
)
def test_dedupe_keys_fit_the_column_and_tell_messages_apart(
    kind: MessageKind, invitation_id: int, channel: Channel, sequence: int
) -> None:
    key = dedupe_key(kind, invitation_id, channel, sequence)
    assert len(key) <= 120
    if kind in ONCE_PER_PARENT:  # one per parent, whatever the channel
        assert key == f"{kind.value}:{invitation_id}"
    else:
        assert key.startswith(f"{kind.value}:{invitation_id}:{channel.value}")
