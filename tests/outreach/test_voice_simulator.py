"""The call in the embedded mode: no Twilio account, so the phone simulator plays Twilio.

Without an auth token the only signature accepted is one made with ``SECRET_KEY`` (the
simulator's), over the same ``PUBLIC_URL`` addresses; the simulator's voice sender accepts
the call and the simulator page then fetches the answer URL itself.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from parentinfo.lib.enums import Answer, Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.voice.calllist import call_automatically
from parentinfo.rsvp.models import Invitation
from parentinfo.settings import Settings
from tests.conftest import test_settings
from tests.factories import make_member, make_org
from tests.factories.calendar import make_invitation
from tests.factories.outreach import make_contacts, published_event, run_jobs
from tests.fakes.twilio_calls import hear, signed_post

pytestmark = pytest.mark.anyio

SECRET = "test-secret-key-that-is-long-enough-0123456789"  # tests.conftest's SECRET_KEY


@pytest.fixture
def settings(database_url: str, var_dir: Path) -> Settings:
    """The embedded simulator, calling at any hour."""
    return test_settings(database_url, var_dir, CALL_HOURS="00:00-23:59")


async def test_the_simulator_signs_with_the_secret_key_and_plays_the_call(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    [contact] = await make_contacts(school, 1, language="en")
    invitation = await make_invitation(event, contact)
    await Invitation.filter(id=invitation.id).update(to_call=True)
    assert (await call_automatically(actor=member.actor)).called == 1
    await run_jobs()
    [message] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert message.status == MessageStatus.SENT
    sid = message.provider_id or ""
    assert sid.startswith("CA")
    answer = f"https://parentinfo.test/webhooks/twilio/voice/answer?message={message.id}"
    params = {"CallSid": sid, "From": "+3197010000000", "To": contact.mobile or ""}
    # Twilio's signature, with no auth token configured, is not accepted: only SECRET_KEY's.
    assert (await signed_post(client, answer, params)).status_code == 403
    heard = hear((await signed_post(client, answer, params, token=SECRET)).text)
    assert "The Dutch school system" in heard.text
    assert heard.action
    done = hear(
        (await signed_post(client, heard.action, {**params, "Digits": "2"}, token=SECRET)).text
    )
    assert done.hangup
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NO
