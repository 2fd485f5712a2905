"""The rules written once: chunks, channels, Twilio's error codes, event announcements."""

from __future__ import annotations

import pytest
from twilio.base.exceptions import TwilioRestException

from parentinfo.events import happenings
from parentinfo.lib.chunks import chunked
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.channels import rule_for
from parentinfo.messaging.providers import (
    PermanentFailure,
    RecipientInvalid,
    RecipientOptedOut,
    twilio_permanent,
)
from parentinfo.messaging.senders.twilio_sms import classify


def test_chunks_cover_every_item_once_in_order() -> None:
    items = list(range(1001))
    pieces = list(chunked(items, 500))
    assert [len(piece) for piece in pieces] == [500, 500, 1]
    assert [i for piece in pieces for i in piece] == items
    assert list(chunked([], 500)) == []
    with pytest.raises(ValueError, match="at least one"):
        list(chunked(items, 0))


def test_each_channel_has_its_address_cost_and_status_rules() -> None:
    text, mail = rule_for(Channel.SMS), rule_for(Channel.EMAIL)
    assert (text.quiet_hours, mail.quiet_hours) == (True, False)
    assert text.address_ok("+31612345678")
    assert not text.address_ok("0612345678")
    assert mail.address_ok("a@example.com")
    assert not mail.address_ok("a.example.com")
    assert (text.cost("x" * 161).segments, text.cost("ż").encoding) == (2, "UCS-2")
    assert mail.cost("anything").segments == 0
    assert text.status("DELIVERED") == MessageStatus.DELIVERED
    assert mail.status("delivered") is None


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("21610", RecipientOptedOut),
        ("21211", RecipientInvalid),
        ("21614", RecipientInvalid),
        ("21635", RecipientInvalid),
        ("30006", RecipientInvalid),
        ("30003", PermanentFailure),
    ],
)
def test_one_reading_of_twilio_codes_for_api_answers_and_delivery_reports(
    code: str, kind: type[PermanentFailure]
) -> None:
    assert type(twilio_permanent(code, "report")) is kind
    refused = classify(TwilioRestException(400, "https://api.twilio.test", code=int(code)))
    assert type(refused) is kind


async def test_an_announcement_nobody_hears_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(happenings, "_listeners", {})
    with pytest.raises(RuntimeError, match="nobody listens for CapacityChanged"):
        await happenings.announce(happenings.CapacityChanged(event_id=1))
    heard: list[int] = []

    async def listener(changed: happenings.CapacityChanged) -> None:
        heard.append(changed.event_id)

    happenings.subscribe(happenings.CapacityChanged, listener)
    happenings.subscribe(happenings.CapacityChanged, listener)  # twice: still once
    await happenings.announce(happenings.CapacityChanged(event_id=7))
    assert heard == [7]


pytestmark = pytest.mark.anyio
