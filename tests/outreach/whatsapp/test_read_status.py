"""WhatsApp's "read" in the one status machine: after delivered, and final."""

from __future__ import annotations

import pytest

from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.channels import rule_for
from parentinfo.outreach.sending.outbox import may_move

S = MessageStatus


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        (S.SENT, S.DELIVERED, True),
        (S.DELIVERED, S.READ, True),
        (S.SENT, S.READ, True),  # a report may skip "delivered"
        (S.READ, S.DELIVERED, False),
        (S.READ, S.SENT, False),
        (S.READ, S.FAILED, False),
        (S.DELIVERED, S.FAILED, False),
        (S.DELIVERED, S.UNDELIVERED, False),
        (S.FAILED, S.READ, False),
        (S.WITHHELD, S.READ, False),
    ],
)
def test_read_comes_after_delivered_and_nothing_after_it(
    current: MessageStatus, new: MessageStatus, moves: bool
) -> None:
    assert may_move(current, new) is moves


def test_whatsapp_reads_twilios_statuses_read_included() -> None:
    rule = rule_for(Channel.WHATSAPP)
    assert [rule.status(s) for s in ("queued", "sent", "delivered", "read", "failed")] == [
        S.SENDING,
        S.SENT,
        S.DELIVERED,
        S.READ,
        S.FAILED,
    ]
