"""A contact on hold (a reply that may have been an opt-out): no route, and a queued message
is withheld with "on_hold" as the reason, until staff decide."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import Route, route_for
from parentinfo.outreach.sending.dispatch import withhold_reason


def _row(*, on_hold: bool) -> ContactRow:
    return ContactRow(
        id=1,
        organisation_id=1,
        name="Ouder",
        mobile="+31612345678",
        email="ouder@example.org",
        language="nl",
        age_groups=(),
        sms_opt_out=False,
        email_opt_out=False,
        mobile_invalid=False,
        on_hold=on_hold,
    )


def test_a_contact_on_hold_has_no_route() -> None:
    assert route_for(_row(on_hold=False)) == Route.SMS
    assert route_for(_row(on_hold=True)) == Route.NONE


def _message(kind: MessageKind) -> OutboundMessage:
    """The fields ``withhold_reason`` reads, as a loaded row would have them."""
    contact = SimpleNamespace(sms_opt_out=False, email_opt_out=False, on_hold=True)
    row = SimpleNamespace(
        channel=Channel.SMS, kind=kind, to_address="+31612345678", contact=contact, event=None
    )
    return cast(OutboundMessage, row)


def test_a_queued_message_to_a_contact_on_hold_is_withheld_but_our_reply_is_not() -> None:
    assert withhold_reason(_message(MessageKind.INVITATION), now()) == "on_hold"
    assert withhold_reason(_message(MessageKind.REPLY), now()) == ""
