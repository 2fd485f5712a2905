"""The call view when the service's answer is not what a phone can play: shown on the page,
the call ended with its status callback, never a 500.

The real webhooks never answer this way, so here the webhook border is a stand-in: each
post the simulator would sign and send is recorded and answered with a chosen TwiML (or
status), and the page is driven over real HTTP as in ``test_simulated_calls``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from parentinfo.outreach.pages import call_playing
from parentinfo.outreach.pages.twilio_loopback import TwilioAnswer
from tests.factories import make_member, make_org
from tests.outreach.test_simulated_calls import pick, ringing
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

BASE = "https://parentinfo.test"
MENU = f"{BASE}/webhooks/twilio/voice/menu?step=1"


@dataclass
class Webhooks:
    """What the simulator posted, and the answer each path gets (``answers`` by path start)."""

    answers: dict[str, TwilioAnswer]
    posts: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    async def post(self, request: Any, path: str, params: dict[str, str]) -> TwilioAnswer:
        del request
        self.posts.append((path, dict(params)))
        for start, answer in self.answers.items():
            if path.startswith(start):
                return answer
        return TwilioAnswer(200, "<Response/>")

    def statuses(self) -> list[dict[str, str]]:
        return [params for path, params in self.posts if "/status" in path]


def twiml(text: str) -> TwilioAnswer:
    return TwilioAnswer(200, text)


@pytest.fixture
def webhooks(monkeypatch: pytest.MonkeyPatch) -> Webhooks:
    hooks = Webhooks(answers={})
    monkeypatch.setattr(call_playing, "post_as_twilio", hooks.post)
    return hooks


async def _answered(client: httpx.AsyncClient, slug: str = "school") -> tuple[str, str]:
    client.cookies.clear()  # a fresh staff session for each call
    member = await make_member(await make_org(slug))
    _, _, row = await ringing(member)
    token = await login(client, member)
    return await pick(client, token, row, "answer"), token


async def test_unknown_verbs_are_noted_and_recordings_play_from_this_service(
    client: httpx.AsyncClient, webhooks: Webhooks
) -> None:
    webhooks.answers["/webhooks/twilio/voice/answer"] = twiml(
        f"<Response><Say>Hallo</Say><Dial>+31201234567</Dial>"
        f'<Gather numDigits="1" action="{MENU}"><Play>{BASE}/recordings/abc.wav</Play>'
        f"<Play>https://elsewhere.example/x.mp3</Play></Gather></Response>"
    )
    place, _ = await _answered(client)
    view = await client.get(place)
    assert view.status_code == 200
    assert "&lt;Dial&gt;" in view.text
    assert '<audio controls preload="none" src="/recordings/abc.wav">' in view.text
    assert 'src="https://elsewhere.example' not in view.text  # shown, never played
    assert 'data-call-state="on"' in view.text
    answer = webhooks.posts[0][1]
    assert (answer["Direction"], answer["CallStatus"], answer["AnsweredBy"]) == (
        "outbound-api",
        "in-progress",
        "human",
    )


async def test_bad_xml_ends_the_call_with_its_status_callback(
    client: httpx.AsyncClient, webhooks: Webhooks
) -> None:
    webhooks.answers["/webhooks/twilio/voice/answer"] = twiml(
        f'<Response><Gather numDigits="1" action="{MENU}"><Say>Druk 1</Say></Gather></Response>'
    )
    webhooks.answers["/webhooks/twilio/voice/menu"] = twiml("<Response><Say>oops</Response>")
    place, token = await _answered(client)
    response = await post_form(client, f"{place}/keys", token, {"key": "1"})
    assert response.status_code == 303
    view = await client.get(place)
    assert view.status_code == 200
    assert 'data-call-state="ended"' in view.text
    assert "not_xml" in view.text
    menu = [params for path, params in webhooks.posts if path.startswith(MENU[len(BASE) :])]
    assert [params["Digits"] for params in menu] == ["1"]
    (status,) = webhooks.statuses()
    assert status["CallStatus"] == "completed"
    assert int(status["CallDuration"]) >= 1


async def test_an_error_from_the_webhook_ends_the_call_and_says_so(
    client: httpx.AsyncClient, webhooks: Webhooks
) -> None:
    webhooks.answers["/webhooks/twilio/voice/answer"] = TwilioAnswer(500, "")
    place, _ = await _answered(client)
    view = await client.get(place)
    assert view.status_code == 200
    assert "refused: HTTP 500" in view.text
    assert [s["CallStatus"] for s in webhooks.statuses()] == ["completed"]


async def test_redirects_are_followed_but_not_forever_and_never_elsewhere(
    client: httpx.AsyncClient, webhooks: Webhooks
) -> None:
    again = f"{BASE}/webhooks/twilio/voice/answer?message=0"
    webhooks.answers["/webhooks/twilio/voice/answer"] = twiml(
        f"<Response><Say>Een moment</Say><Redirect>{again}</Redirect></Response>"
    )
    place, _ = await _answered(client)
    view = (await client.get(place)).text
    assert "loop" in view
    answers = [path for path, _ in webhooks.posts if "/answer" in path]
    assert len(answers) == 1 + call_playing.MAX_HOPS
    assert view.count("Een moment") == len(answers)  # heard once per answer, in order

    webhooks.posts.clear()
    webhooks.answers["/webhooks/twilio/voice/answer"] = twiml(
        "<Response><Redirect>https://elsewhere.example/webhooks/twilio/voice</Redirect></Response>"
    )
    place, _ = await _answered(client, "library")
    view = (await client.get(place)).text
    assert "outside: https://elsewhere.example/webhooks/twilio/voice" in view
    assert all(path.startswith("/webhooks/twilio/voice") for path, _ in webhooks.posts)
