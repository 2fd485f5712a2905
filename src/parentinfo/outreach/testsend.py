"""A test send: the message parents would get, to the staff member's own phone or address.

It goes through the messaging core like every message, as kind ``test``: no invitation is
made, no event or parent is attached to the row, so it is never counted in an event's
figures, the reports or the reach report. Its text is the real one in the chosen language
with ``TEST`` in front (in every language: the staff member reads it, not a parent), and its
link opens no parent's page. The email goes to the staff member's own login address; the
SMS to the mobile number they type, at most a few times an hour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import User
from parentinfo.errors import TooManyRequests
from parentinfo.events.access import editable_event
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.lib.phones import normalise_mobile
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import post_messages, sending
from parentinfo.outreach.audience.selection import AudienceFilter
from parentinfo.outreach.composing.compose import Composed, compose
from parentinfo.outreach.composing.context import event_facts, message_context, remember_sender
from parentinfo.outreach.departure import Departure, QuietHours, email_departure, sms_departure
from parentinfo.outreach.preview import sample_invitation
from parentinfo.outreach.service import require_text
from parentinfo.privacy import audit
from parentinfo.runtime import runtime

TEST_MARK = "TEST"
TESTABLE: frozenset[MessageKind] = frozenset({MessageKind.INVITATION, MessageKind.NUDGE})
MAX_TESTS_PER_HOUR = 10  # per staff member: a test send is not a way to text strangers


@dataclass(frozen=True)
class TestSent:
    """Where the test went, and when it leaves."""

    channel: Channel
    to_address: str
    leaves: Departure


async def send_test(
    *,
    actor: Actor,
    event_id: int,
    kind: MessageKind,
    language: str,
    channel: Channel,
    mobile: str = "",
) -> TestSent:
    """Send the ``kind`` message of the event in ``language`` to the actor, marked TEST."""
    event = await editable_event(actor=actor, event_id=event_id)
    if kind not in TESTABLE:
        raise ValueError(f"no test send for {kind}")  # the API and the form offer only these
    address = await _own_address(actor, channel, mobile)
    await _check_pace(actor)
    facts = await event_facts(event)
    await remember_sender(facts, actor.org_id)
    sample = sample_invitation(facts, org_id=actor.org_id, language=language)
    require_text(facts, [], AudienceFilter(languages=(language,)))
    ctx = message_context(facts, kind=kind, invitation=sample, contact=None)
    assert ctx is not None  # require_text made sure there is a text
    draft = _test_draft(compose(ctx), actor=actor, channel=channel, language=language)
    async with sending():
        await post_messages([replace(draft, to_address=address)])
    await audit.record(
        actor=actor,
        action="outreach.test_send",
        subject_type="event",
        subject_id=event.id,
        details={"channel": channel.value, "kind": kind.value},
    )
    return TestSent(channel=channel, to_address=address, leaves=_leaves(channel))


def marked(text: str) -> str:
    """A text with the test mark in front."""
    return f"{TEST_MARK}: {text}"


def _test_draft(composed: Composed, *, actor: Actor, channel: Channel, language: str) -> Draft:
    sms = channel == Channel.SMS
    return Draft(
        channel=channel,
        kind=MessageKind.TEST,
        language=language,
        to_address=None,
        body=marked(composed.sms if sms else composed.text),
        subject="" if sms else marked(composed.subject),
        html_body="" if sms else composed.html,
        organisation_id=actor.org_id,
        created_by_id=actor.user_id,
    )


async def _own_address(actor: Actor, channel: Channel, mobile: str) -> str:
    """The staff member's login address, or the mobile number they typed (checked)."""
    if channel == Channel.SMS:
        return normalise_mobile(mobile, field="mobile")
    user = await User.get(id=actor.user_id)
    return user.email


async def _check_pace(actor: Actor) -> None:
    since = now() - timedelta(hours=1)
    recent = await OutboundMessage.filter(
        kind=MessageKind.TEST, created_by_id=actor.user_id, created_at__gte=since
    ).count()
    if recent >= MAX_TESTS_PER_HOUR:
        raise TooManyRequests(_("That was enough test sends for one hour. Try again later."))


def _leaves(channel: Channel) -> Departure:
    settings = runtime().settings
    if channel == Channel.EMAIL:
        return email_departure(None, at=now())
    quiet = QuietHours(settings.tz, settings.quiet_start, settings.quiet_end)
    return sms_departure(None, at=now(), quiet=quiet)
