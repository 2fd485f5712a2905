"""An organisation's own retention periods (its settings) rule its rows; the others keep the
deployment's, and rows with no organisation follow the deployment's too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from litestar import Litestar

from parentinfo.contacts.models import Contact
from parentinfo.lib.clock import now
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.privacy.retention import apply_retention
from parentinfo.settings import Settings
from tests.factories import make_org
from tests.factories.attendance import invite, make_contact, make_door_event
from tests.privacy.conftest import sms_to

pytestmark = pytest.mark.anyio


async def _sms_after_a_session_days_ago(org: Organisation, days: int, mobile: str) -> int:
    event = await make_door_event(org, starts_at=now() - timedelta(days=days))
    contact = await make_contact(org, f"Parent {mobile[-2:]}", mobile=mobile)
    return (await sms_to(contact, await invite(event, contact), "Zapraszamy")).id


async def _contact_made_days_ago(org: Organisation, days: int, mobile: str) -> int:
    contact = await make_contact(org, f"Lonely {mobile[-2:]}", mobile=mobile)
    await Contact.filter(id=contact.id).update(created_at=now() - timedelta(days=days))
    return contact.id


async def test_each_organisation_keeps_rows_for_its_own_period(
    app: Litestar, settings: Settings
) -> None:
    strict = await make_org("strict")
    await Organisation.filter(id=strict.id).update(
        retention_message_days=30, retention_contact_months=3
    )
    patient = await make_org("patient")  # the deployment's 90 days and 12 months
    strict_sms = await _sms_after_a_session_days_ago(strict, 45, "+31611110001")
    patient_sms = await _sms_after_a_session_days_ago(patient, 45, "+31611110002")
    strict_lonely = await _contact_made_days_ago(strict, 120, "+31611110003")
    patient_lonely = await _contact_made_days_ago(patient, 120, "+31611110004")

    await apply_retention(settings, dry_run=False)

    assert (await OutboundMessage.get(id=strict_sms)).body == ""
    assert (await OutboundMessage.get(id=patient_sms)).body == "Zapraszamy"
    assert not await Contact.exists(id=strict_lonely)
    assert await Contact.exists(id=patient_lonely)
