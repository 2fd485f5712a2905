"""Answering from the staff pages: the thread, a preview in Dutch, sending, a form error."""

from __future__ import annotations

import html

import httpx
import pytest

from parentinfo.lib.enums import InboxStatus, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage
from tests.answers.helpers import asking_parent, text_us
from tests.factories import make_member, make_org
from tests.fakes.twilio_server import FakeTwilio
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio


async def _asked(api: httpx.AsyncClient, number: str) -> InboundMessage:
    assert (await text_us(api, number, "Czy jest opieka nad dziećmi?")).status_code == 200
    return await InboundMessage.get(body="Czy jest opieka nad dziećmi?")


async def test_answering_from_the_inbox_page(api: httpx.AsyncClient, twilio: FakeTwilio) -> None:
    school = await make_org("school")
    member = await make_member(school)
    _event, parent = await asking_parent(school)
    item = await _asked(api, str(parent.mobile))
    token = await login(api, member)

    contact_page = await api.get(f"/contacts/{parent.id}")
    assert f'href="/contacts/{parent.id}/thread"' in contact_page.text
    board = await api.get("/")
    assert f'href="/inbox/{item.id}"' in board.text
    thread = await api.get(f"/inbox/{item.id}")
    assert thread.status_code == 200
    assert "Gesprek met Ania Kowalska" in thread.text
    assert "Czy jest opieka nad dziećmi?" in html.unescape(thread.text)

    url = f"/inbox/{item.id}/answer"
    preview = await post_form(api, url, token, {"ready": "childcare_yes", "step": "preview"})
    assert preview.status_code == 200, preview.text
    page = html.unescape(preview.text)
    assert "Tak, jest opieka nad dziećmi." in page
    assert "Ja, er is kinderopvang." in page
    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0

    sent = await post_form(api, url, token, {"ready": "childcare_yes", "step": "send"})
    assert sent.status_code == 303, sent.text
    [row] = await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER)
    assert (row.body, row.language) == ("Tak, jest opieka nad dziećmi.", "pl")
    assert (await InboundMessage.get(id=item.id)).status == InboxStatus.RESOLVED
    after = await api.get(sent.headers["location"])
    assert "Het antwoord is onderweg naar de ouder." in after.text


async def test_an_unfillable_answer_is_a_form_error_and_other_orgs_get_404(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school, club = await make_org("school"), await make_org("club")
    member, stranger = await make_member(school), await make_member(club)
    _event, parent = await asking_parent(school, address="")
    item = await _asked(api, str(parent.mobile))
    token = await login(api, member)

    refused = await post_form(
        api, f"/contacts/{parent.id}/thread/answer", token, {"ready": "address", "step": "send"}
    )
    assert refused.status_code == 422
    assert "Vul eerst het adres in bij de bijeenkomst." in html.unescape(refused.text)
    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0

    api.cookies.clear()
    token = await login(api, stranger)
    for path in (f"/inbox/{item.id}", f"/contacts/{parent.id}/thread"):
        assert (await api.get(path)).status_code == 404
    sent = await post_form(
        api, f"/inbox/{item.id}/answer", token, {"ready": "free", "step": "send"}
    )
    assert sent.status_code == 404
    assert await OutboundMessage.filter(kind=MessageKind.STAFF_ANSWER).count() == 0
