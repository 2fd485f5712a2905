"""Guessing parents' links: failed look-ups of /r/… are limited per client, a clear 429."""

from __future__ import annotations

import httpx
import pytest
from litestar import Litestar

from parentinfo.lib.tokens import new_link_token
from parentinfo.privacy.ratelimit import LINK_FAILURES_PER_IP
from tests.factories import make_org
from tests.factories.calendar import make_contact, make_event, make_invitation

pytestmark = pytest.mark.anyio


def _client(app: Litestar, host: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(host, 4711))
    return httpx.AsyncClient(transport=transport, base_url="https://parentinfo.test")


async def test_a_client_guessing_links_gets_a_429_for_every_link(app: Litestar) -> None:
    school = await make_org("school")
    invitation = await make_invitation(await make_event(school), await make_contact(school))
    async with _client(app, "203.0.113.7") as guesser, _client(app, "198.51.100.2") as parent:
        for _ in range(LINK_FAILURES_PER_IP):
            assert (await guesser.get(f"/r/{new_link_token()}")).status_code == 404
        refused = await guesser.get(f"/r/{new_link_token()}", headers={"accept-language": "pl"})
        assert refused.status_code == 429
        assert 0 < int(refused.headers["retry-after"]) <= 15 * 60
        assert "Za dużo prób" in refused.text  # the parent's language, not a stack trace
        # Past the limit even a real link is refused: a guesser cannot tell hits from misses.
        assert (await guesser.get(f"/r/{invitation.token}")).status_code == 429
        assert (await guesser.get(f"/r/{invitation.token}/invite.ics")).status_code == 429
        # Another client is not affected.
        assert (await parent.get(f"/r/{invitation.token}")).status_code == 200


async def test_links_that_work_are_never_counted(app: Litestar) -> None:
    school = await make_org("school")
    invitation = await make_invitation(await make_event(school), await make_contact(school))
    async with _client(app, "192.0.2.10") as parent:
        for _ in range(LINK_FAILURES_PER_IP + 5):
            assert (await parent.get(f"/r/{invitation.token}")).status_code == 200
        assert (await parent.get(f"/r/{invitation.token}/calendar.ics")).status_code == 200
        for _ in range(LINK_FAILURES_PER_IP - 1):
            assert (await parent.get(f"/r/{new_link_token()}")).status_code == 404
        assert (await parent.get(f"/r/{invitation.token}")).status_code == 200
        assert (await parent.get(f"/r/{new_link_token()}")).status_code == 404  # the 30th miss
        assert (await parent.get(f"/r/{new_link_token()}")).status_code == 429


async def test_a_long_link_sent_before_short_links_still_opens(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    invitation = await make_invitation(await make_event(school), await make_contact(school))
    invitation.token = "Q" * 32  # the 32-character tokens of links already sent
    await invitation.save()
    assert (await client.get("/r/" + "Q" * 32)).status_code == 200
