"""One opt-out covers SMS and email, in every organisation; each switch is kept as history."""

from __future__ import annotations

import pytest

from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.optout import (
    opt_in_everywhere,
    opt_out_contact_everywhere,
    set_opt_out,
)
from parentinfo.lib.enums import ConsentMethod
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact, mobile, reply_stop

pytestmark = pytest.mark.anyio


async def history(contact: Contact) -> list[tuple[bool, list[str], ConsentMethod]]:
    rows = await Consent.filter(contact_id=contact.id).order_by("recorded_at", "id")
    return [(c.granted, c.channels, c.method) for c in rows]


async def test_stop_opts_out_the_number_in_every_organisation(app: object) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"))
    both = {"consent_channels": ["sms", "email"], "email": "anna@example.com"}
    at_school = await make_contact(school.actor, n=5, **both)
    at_library = await make_contact(library.actor, n=5, **both)
    bystander = await make_contact(school.actor, n=6)
    await reply_stop(mobile(5))
    for contact in (at_school, at_library):
        await contact.refresh_from_db()
        assert contact.sms_opt_out is True
        assert contact.email_opt_out is True
        assert contact.opted_out_at is not None
        assert (await history(contact))[-1] == (False, ["sms", "email"], ConsentMethod.SMS)
    await bystander.refresh_from_db()
    assert bystander.sms_opt_out is False
    await reply_stop("+31699999999")  # a number nobody has: nothing changes
    assert await Consent.filter(method=ConsentMethod.SMS, granted=False).count() == 2


async def test_a_second_stop_adds_no_history(app: object) -> None:
    school = await make_member(await make_org("school"))
    contact = await make_contact(school.actor, n=1)
    await reply_stop(mobile(1))
    await reply_stop(mobile(1))
    assert len(await history(contact)) == 2  # the consent given, the one opt-out


async def test_start_turns_sms_back_on_and_email_only_where_it_had_consent(app: object) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"))
    with_email = await make_contact(
        school.actor, n=2, email="a@example.com", consent_channels=["sms", "email"]
    )
    sms_only = await make_contact(library.actor, n=2, email="a@example.com")
    await reply_stop(mobile(2))
    assert await opt_in_everywhere(mobile=mobile(2), method=ConsentMethod.SMS) == 2
    await with_email.refresh_from_db()
    await sms_only.refresh_from_db()
    assert (with_email.sms_opt_out, with_email.email_opt_out) == (False, False)
    assert with_email.opted_out_at is None
    assert (sms_only.sms_opt_out, sms_only.email_opt_out) == (False, True)
    assert (await history(sms_only))[-1] == (True, ["sms"], ConsentMethod.SMS)


async def test_set_opt_out_per_channel_records_each_change(app: object) -> None:
    school = await make_member(await make_org("school"))
    contact = await make_contact(
        school.actor, n=3, email="a@example.com", consent_channels=["sms", "email"]
    )
    await set_opt_out(contact=contact, sms=None, email=True, method=ConsentMethod.WEB, note="link")
    assert (contact.sms_opt_out, contact.email_opt_out) == (False, True)
    await set_opt_out(contact=contact, sms=True, email=False, method=ConsentMethod.VERBAL)
    assert (contact.sms_opt_out, contact.email_opt_out) == (True, False)
    assert (await history(contact))[1:] == [
        (False, ["email"], ConsentMethod.WEB),
        (False, ["sms"], ConsentMethod.VERBAL),
        (True, ["email"], ConsentMethod.VERBAL),
    ]
    stored = await Contact.get(id=contact.id)
    assert (stored.sms_opt_out, stored.email_opt_out) == (True, False)


async def test_opt_out_from_a_parent_page_covers_the_same_email_elsewhere(app: object) -> None:
    school = await make_member(await make_org("school"))
    library = await make_member(await make_org("library"))
    by_email = {"mobile": None, "email": "ion@example.com", "consent_channels": ["email"]}
    at_school = await make_contact(school.actor, n=4, **by_email)
    at_library = await make_contact(library.actor, n=4, email="ion@example.com")
    count = await opt_out_contact_everywhere(contact=at_school, method=ConsentMethod.WEB)
    assert count == 2
    await at_library.refresh_from_db()
    assert (at_library.sms_opt_out, at_library.email_opt_out) == (True, True)
