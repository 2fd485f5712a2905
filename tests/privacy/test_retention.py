"""Retention: a dry run changes nothing; a real run blanks old messages, erases stale contacts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from litestar import Litestar

from parentinfo.cli import main
from parentinfo.contacts.models import Consent, Contact
from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.privacy.jobs import retention_daily
from parentinfo.privacy.models import AuditEntry
from parentinfo.privacy.retention import apply_retention
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.settings import Settings
from tests.factories import make_org
from tests.factories.attendance import invite, make_contact, make_door_event
from tests.privacy.conftest import sms_from, sms_to

pytestmark = pytest.mark.anyio


async def aged(model: type[Contact] | type[OutboundMessage], row_id: int, **when: object) -> None:
    await model.filter(id=row_id).update(**when)


async def scene(school: Organisation) -> dict[str, int]:
    """Messages and contacts of every age around the default periods (90 days, 12 months)."""
    old_event = await make_door_event(school, starts_at=now() - timedelta(days=120))
    recent_event = await make_door_event(school, starts_at=now() - timedelta(days=10))
    ancient_event = await make_door_event(school, starts_at=now() - timedelta(days=430))
    anna = await make_contact(school, "Anna Nowak", mobile="+31611111111")
    old_invite = await invite(old_event, anna)
    recent_invite = await invite(recent_event, anna)
    old_sms = await sms_to(anna, old_invite, "Zapraszamy Anna")
    stuck = await sms_to(anna, old_invite, "never sent")
    await OutboundMessage.filter(id=stuck.id).update(status=MessageStatus.PENDING)
    recent_sms = await sms_to(anna, recent_invite, "Zapraszamy znowu")
    loose_old = await sms_to(anna, None, "no event, old")
    await aged(OutboundMessage, loose_old.id, created_at=now() - timedelta(days=100))
    loose_new = await sms_to(anna, None, "no event, new")
    old_reply = await sms_from(anna, old_invite, "+31611111111", "TAK")
    new_reply = await sms_from(anna, recent_invite, "+31611111111", "TAK 2")
    stale = await make_contact(school, "Stale Parent", mobile="+31622222222")
    await aged(Contact, stale.id, created_at=now() - timedelta(days=420))
    await invite(ancient_event, stale, created_at=now() - timedelta(days=425))
    reinvited = await make_contact(school, "Invited Again", mobile="+31633333333")
    await aged(Contact, reinvited.id, created_at=now() - timedelta(days=420))
    await invite(recent_event, reinvited, created_at=now() - timedelta(days=60))
    renewed = await make_contact(school, "Renewed Consent", mobile="+31644444444")
    await aged(Contact, renewed.id, created_at=now() - timedelta(days=420))
    await Consent.create(contact=renewed, channels=["sms"], method="verbal")
    lonely = await make_contact(school, "Never Invited", mobile="+31655555555")
    await aged(Contact, lonely.id, created_at=now() - timedelta(days=400))
    return {
        "old_sms": old_sms.id, "stuck": stuck.id, "recent_sms": recent_sms.id,
        "loose_old": loose_old.id, "loose_new": loose_new.id, "old_reply": old_reply.id,
        "new_reply": new_reply.id, "stale": stale.id, "reinvited": reinvited.id,
        "renewed": renewed.id, "lonely": lonely.id, "anna": anna.id,
    }  # fmt: skip


async def snapshot() -> list[object]:
    return [
        await OutboundMessage.all().order_by("id").values_list("to_address", "body", "status"),
        await InboundMessage.all().order_by("id").values_list("from_number", "body", "reply_body"),
        await Contact.all().order_by("id").values_list("id", "name", "mobile"),
    ]


async def test_dry_run_counts_and_changes_nothing(app: Litestar, settings: Settings) -> None:
    await scene(await make_org("school"))
    before = await snapshot()
    report = await apply_retention(settings, dry_run=True)
    assert await snapshot() == before
    assert "dry run" in report
    assert "3 would be blanked" in report  # old event SMS, stuck SMS, old message without event
    assert "1 would be blanked" in report  # the reply about the old event
    assert "2 would be erased" in report  # the stale contact and the one never invited
    assert "+316" not in report
    assert "Stale" not in report
    assert not await AuditEntry.all().exists()


async def test_real_run_blanks_old_messages_and_erases_stale_contacts(
    app: Litestar, settings: Settings
) -> None:
    ids = await scene(await make_org("school"))
    report = await apply_retention(settings, dry_run=False)
    assert "3 were blanked" in report
    assert "2 were erased" in report
    for key in ("old_sms", "stuck", "loose_old"):
        message = await OutboundMessage.get(id=ids[key])
        assert (message.to_address, message.body) == (None, ""), key
    assert (await OutboundMessage.get(id=ids["stuck"])).status == MessageStatus.WITHHELD
    assert (await OutboundMessage.get(id=ids["old_sms"])).status == MessageStatus.DELIVERED
    for key in ("recent_sms", "loose_new"):
        assert (await OutboundMessage.get(id=ids[key])).to_address == "+31611111111", key
    old_reply = await InboundMessage.get(id=ids["old_reply"])
    assert (old_reply.from_number, old_reply.body, old_reply.reply_body) == (None, "", "")
    assert (await InboundMessage.get(id=ids["new_reply"])).body == "TAK 2"
    remaining = set(await Contact.all().values_list("id", flat=True))
    assert remaining == {ids["anna"], ids["reinvited"], ids["renewed"]}
    assert await Invitation.filter(contact_id=None).count() == 1  # the stale one's, kept anonymous
    erased = await AuditEntry.filter(action="contact.erase").values_list("subject_id", "user_id")
    assert sorted(erased) == sorted([(ids["stale"], None), (ids["lonely"], None)])
    again = await apply_retention(settings, dry_run=False)
    assert "0 were blanked" in again
    assert "0 were erased" in again


async def test_daily_job_runs_retention(app: Litestar) -> None:
    lonely = await make_contact(await make_org("school"), "Never Invited")
    await aged(Contact, lonely.id, created_at=now() - timedelta(days=400))
    await retention_daily(timestamp=0)
    assert not await Contact.filter(id=lonely.id).exists()


def test_cli_dry_run_prints_the_report(
    database_url: str,
    var_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PARENTINFO_DATABASE_URL", database_url)
    monkeypatch.setenv("PARENTINFO_SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
    monkeypatch.setenv("PARENTINFO_VAR_DIR", str(var_dir))
    monkeypatch.chdir(var_dir)
    assert main(["retention", "--dry-run"]) == 0
    assert "retention (dry run, nothing changed)" in capsys.readouterr().out


async def test_a_name_given_at_the_door_goes_with_the_event_messages(
    app: Litestar, settings: Settings
) -> None:
    school = await make_org("school")
    old = await make_door_event(school, starts_at=now() - timedelta(days=120))
    recent = await make_door_event(school, starts_at=now() - timedelta(days=10))
    rows = [
        await Invitation.create(
            event=event,
            organisation=school,
            language="",
            token=f"door-name-{event.id}",
            walk_in=True,
            walk_in_name="Georgi Ivanov",
        )
        for event in (old, recent)
    ]
    report = await apply_retention(settings, dry_run=True)
    assert "names given at the door 90 days after their session: 1 would be blanked" in report
    await apply_retention(settings, dry_run=False)
    names = [(await Invitation.get(id=row.id)).walk_in_name for row in rows]
    assert names == ["", "Georgi Ivanov"]  # the old session's name is gone, the recent kept
