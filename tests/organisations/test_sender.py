"""The sender name a parent sees on an email: the organisation's, on the installation's address."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.organisations.models import Organisation
from parentinfo.organisations.sender import mail_sender, sender_for
from tests.factories import make_org

FROM = "parentinfo <noreply@parentinfo.test>"


def test_the_display_name_is_replaced_and_the_address_kept() -> None:
    assert sender_for(FROM, "De Regenboog") == "De Regenboog <noreply@parentinfo.test>"
    assert sender_for(FROM, "Szkoła, Zwolle") == '"Szkoła, Zwolle" <noreply@parentinfo.test>'
    assert sender_for(FROM, "  ") == FROM


@pytest.mark.anyio
async def test_the_sender_name_wins_over_the_organisation_name(client: httpx.AsyncClient) -> None:
    del client  # the app, with its database
    school = await make_org("school", name="OBS De Regenboog")
    assert await mail_sender(school.id, FROM) == "OBS De Regenboog <noreply@parentinfo.test>"
    await Organisation.filter(id=school.id).update(sender_name="Juf Anna, De Regenboog")
    assert await mail_sender(school.id, FROM) == (
        '"Juf Anna, De Regenboog" <noreply@parentinfo.test>'
    )
    assert await mail_sender(None, FROM) == FROM
