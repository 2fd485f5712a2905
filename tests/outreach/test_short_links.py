"""New invitations get short links (10 letters or digits); a token that is taken is drawn again."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from parentinfo.lib.tokens import LINK_ALPHABET, LINK_LENGTH, new_link_token
from parentinfo.outreach import service
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event

pytestmark = pytest.mark.anyio


def test_a_link_token_is_ten_letters_or_digits_and_never_repeats() -> None:
    tokens = {new_link_token() for _ in range(20_000)}
    assert len(tokens) == 20_000
    assert all(len(token) == LINK_LENGTH == 10 for token in tokens)
    assert set("".join(tokens)) == set(LINK_ALPHABET)  # all 62 used: 59.5 bits a token


async def test_invitations_carry_short_links_in_their_sms(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 3)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202, response.text
    tokens = set(await Invitation.filter(event_id=event.id).values_list("token", flat=True))
    assert len(tokens) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9]{10}", t) for t in tokens)
    links = {re.search(r"/r/(\S+)", m.body).group(1) for m in await messages()}  # type: ignore[union-attr]
    assert links == tokens


async def test_a_token_already_taken_is_drawn_again(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    earlier = await published_event(school)
    await make_contacts(school, 1)
    taken = await _invite(api, member.headers, earlier.id)

    def draws() -> Iterator[str]:
        yield taken  # the first new invitation collides with the earlier one
        yield "Unique0001"
        while True:
            yield new_link_token()

    drawn = draws()
    monkeypatch.setattr(service, "new_link_token", lambda: next(drawn))
    event = await published_event(school)
    await make_contacts(school, 1, start=5)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202, response.text
    assert response.json()["queued"] == 2  # both parents invited, none lost to the clash
    tokens = await Invitation.filter(event_id=event.id).values_list("token", flat=True)
    assert len(tokens) == 2
    assert taken not in tokens
    assert "Unique0001" in tokens
    assert (await Invitation.get(event_id=earlier.id)).token == taken  # the earlier link kept


async def test_a_token_that_keeps_clashing_is_a_clear_409(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    earlier = await published_event(school)
    await make_contacts(school, 1)
    taken = await _invite(api, member.headers, earlier.id)
    monkeypatch.setattr(service, "new_link_token", lambda: taken)
    event = await published_event(school)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 409, response.text
    assert "send again" in response.json()["detail"]
    assert await Invitation.filter(event_id=event.id).count() == 0  # nothing half-saved


async def _invite(api: httpx.AsyncClient, headers: dict[str, str], event_id: int) -> str:
    """Invite everyone to ``event_id``; the token of its first invitation."""
    response = await api.post(f"/api/v1/events/{event_id}/outreach/send", json={}, headers=headers)
    assert response.status_code == 202, response.text
    return str((await Invitation.filter(event_id=event_id).first()).token)  # type: ignore[union-attr]
