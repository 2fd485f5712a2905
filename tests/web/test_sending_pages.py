"""The outreach pages for trustworthy sending: when it leaves, scheduling, calling off, tests."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from tests.web.helpers import post_form
from tests.web.test_outreach_pages import _published_event

pytestmark = pytest.mark.anyio


def _local(hours: int) -> str:
    moment = (now() + timedelta(hours=hours)).astimezone(runtime().settings.tz)
    return moment.strftime("%Y-%m-%dT%H:%M")


async def test_a_scheduled_send_is_previewed_queued_shown_and_called_off(
    client: httpx.AsyncClient,
) -> None:
    event, token = await _published_event(client)
    send_at = _local(30)
    preview = await client.get(
        f"/events/{event.id}/outreach/preview?lang=en&languages=pl&send_at={send_at}"
    )
    assert preview.status_code == 200, preview.text
    assert 'data-leaves="sms"' in preview.text
    assert "at the time you chose" in preview.text or "after the quiet hours" in preview.text
    assert "for the automatic replies" in preview.text
    assert f'name="send_at" value="{send_at}"' in preview.text
    sent = await post_form(
        client,
        f"/events/{event.id}/outreach/send",
        token,
        {"languages": ["pl"], "send_at": send_at},
    )
    assert sent.status_code == 303
    rows = await OutboundMessage.filter(kind=MessageKind.INVITATION)
    assert len(rows) == 1
    assert rows[0].status == MessageStatus.PENDING
    assert rows[0].send_after is not None
    assert rows[0].send_after > now() + timedelta(hours=29)
    page = await client.get(f"/events/{event.id}/outreach?lang=en")
    assert 'data-scheduled="invitation"' in page.text
    at = rows[0].send_after.isoformat()
    called = await post_form(
        client,
        f"/events/{event.id}/outreach/scheduled/cancel",
        token,
        {"kind": "invitation", "at": at},
    )
    assert called.status_code == 303
    row = await OutboundMessage.get(id=rows[0].id)
    assert (row.status, row.withheld_reason) == (MessageStatus.WITHHELD, "called_off")
    page = await client.get(f"/events/{event.id}/outreach?lang=en")
    assert 'data-scheduled="invitation"' not in page.text


async def test_a_bad_send_time_is_refused_on_its_field(client: httpx.AsyncClient) -> None:
    event, token = await _published_event(client)
    for value in ("tomorrow", _local(-5)):
        refused = await post_form(
            client, f"/events/{event.id}/outreach/send?lang=en", token, {"send_at": value}
        )
        assert refused.status_code == 422
        assert 'id="f-send_at"' in refused.text
        assert f'value="{value}"' in refused.text  # the rest of the form is kept
    assert await OutboundMessage.all().count() == 0
    assert await Invitation.all().count() == 0


async def test_a_test_send_from_the_preview_goes_to_the_staff_member(
    client: httpx.AsyncClient,
) -> None:
    event, token = await _published_event(client)
    back = f"/events/{event.id}/outreach/preview?languages=pl"
    form = {"kind": "invitation", "language": "pl", "channel": "email", "back": back}
    answer = await post_form(client, f"/events/{event.id}/outreach/test", token, form)
    assert answer.status_code == 303
    assert answer.headers["location"] == back
    (test,) = await OutboundMessage.filter(kind=MessageKind.TEST)
    assert test.subject.startswith("TEST: ")
    assert test.event_id is None  # type: ignore[attr-defined]
    elsewhere = dict(form, back="https://evil.example/")
    answer = await post_form(client, f"/events/{event.id}/outreach/test", token, elsewhere)
    assert answer.headers["location"] == f"/events/{event.id}/outreach"
    bad = dict(form, channel="sms", mobile="12")
    answer = await post_form(client, f"/events/{event.id}/outreach/test", token, bad)
    assert answer.status_code == 303
    assert await OutboundMessage.filter(kind=MessageKind.TEST).count() == 2


async def test_the_nudge_page_defaults_to_three_days_before(client: httpx.AsyncClient) -> None:
    event, token = await _published_event(client)
    await post_form(client, f"/events/{event.id}/outreach/send", token, {})
    page = await client.get(f"/events/{event.id}/outreach/nudge?lang=en")
    assert page.status_code == 200, page.text
    default = (event.starts_at - timedelta(days=3)).astimezone(runtime().settings.tz)
    assert f'value="{default:%Y-%m-%dT%H:%M}"' in page.text
    assert "Nudge 3 parents" in page.text
    sent = await post_form(
        client,
        f"/events/{event.id}/outreach/nudge",
        token,
        {"send_at": f"{default:%Y-%m-%dT%H:%M}"},
    )
    assert sent.status_code == 303
    assert await OutboundMessage.filter(kind=MessageKind.NUDGE).count() == 3
    again = await client.get(f"/events/{event.id}/outreach/nudge?lang=en")
    assert "Nobody to nudge" in again.text
