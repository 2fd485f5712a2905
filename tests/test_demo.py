"""The demo loads what the issue describes, and loading it twice changes nothing."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from tortoise.models import Model

from parentinfo.accounts.models import Membership, User
from parentinfo.accounts.service import authenticate_password
from parentinfo.contacts.models import Consent, Contact
from parentinfo.demo import load_demo
from parentinfo.events.models import Event, EventHost, EventText, Series
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, EventStatus, HostStatus, Role
from parentinfo.lib.phones import normalise_mobile
from parentinfo.organisations.models import Organisation
from parentinfo.privacy.models import AuditEntry

pytestmark = pytest.mark.anyio

MODELS: list[type[Model]] = [
    Organisation, User, Membership, Event, EventHost, EventText, Series, Contact, Consent,
    AuditEntry,
]  # fmt: skip


async def counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in MODELS}


async def test_demo_twice_gives_the_same_rows(client: httpx.AsyncClient) -> None:
    summary = await load_demo()
    assert "coordinator@demo-school.nl" in summary
    assert "demo-parentinfo" in summary
    first = await counts()
    assert (first["Organisation"], first["Event"], first["EventText"]) == (5, 3, 15)
    assert first["Contact"] == 54
    assert first["Consent"] == first["Contact"]
    again = await load_demo()
    assert await counts() == first
    assert "(0 rows added now)" in again


async def test_demo_holds_what_the_issue_describes(client: httpx.AsyncClient) -> None:
    await load_demo()
    school = await Organisation.get(slug="demo-school")
    assert school.name == "Basisschool De Regenboog"
    user = await authenticate_password(
        email="coordinator@demo-school.nl", password="demo-parentinfo"
    )
    assert user is not None
    membership = await Membership.get(user=user, organisation=school)
    assert membership.role == Role.ADMIN
    volunteer = await Membership.get(user__email="volunteer@polska-zwolle.nl").select_related(
        "organisation"
    )
    assert (volunteer.role, volunteer.organisation.slug) == (Role.VOLUNTEER, "polska-zwolle")

    events = await Event.all().prefetch_related(
        "texts", "hosts__organisation", "guest_organisation"
    )
    assert {e.status for e in events} == {EventStatus.PUBLISHED}
    by_topic = {e.topic.value: e for e in events}
    session = by_topic["school_system"]
    assert (session.session_languages, session.interpreter_languages) == (["en"], ["pl"])
    assert {(h.organisation.slug, h.status) for h in session.hosts} == {
        ("demo-school", HostStatus.ACCEPTED),
        ("polska-zwolle", HostStatus.ACCEPTED),
    }
    meeting = by_topic["mothers_network"]
    assert meeting.guest_organisation is not None
    assert meeting.guest_organisation.slug == "bibliotheek-zwolle"
    assert "playgroup" in by_topic
    for event in events:
        assert {t.language for t in event.texts} == {"en", "nl", "pl", "ro", "bg"}
        assert event.starts_at.astimezone().date() > event.created_at.date()

    contacts = await Contact.all()
    assert set(Counter(c.language for c in contacts)) == set(SUPPORTED_LANGUAGES)
    assert all(normalise_mobile(c.mobile or "") == c.mobile for c in contacts)
    assert all(c.mobile and c.mobile.startswith("+3161") for c in contacts)
    assert any(c.email for c in contacts)
    assert all(c.age_groups for c in contacts)
    consent = await Consent.first()
    assert consent is not None
    assert consent.method.value == "paper_form"


async def test_the_demo_login_reads_the_session_in_romanian(client: httpx.AsyncClient) -> None:
    await load_demo()
    from parentinfo.accounts.service import create_api_token

    token = await create_api_token(email="coordinator@polska-zwolle.nl")
    headers = {"Authorization": f"Bearer {token}"}
    listed = (await client.get("/api/v1/events?language=ro", headers=headers)).json()
    titles = {e["title"] for e in listed["items"]}
    assert titles == {"Cum funcționează școala în Olanda", "Rețeaua mamelor: biblioteca"}
