"""SMS_RATE end to end: the worker keeps the pace, and sends concurrently to keep it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.features import feature_jobs
from parentinfo.jobs import build_job_app
from tests.conftest import test_settings
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio


async def _send_all(settings_overrides: dict[str, str], count: int, **fixtures: object) -> None:
    settings = wired_settings(**fixtures, **settings_overrides)  # type: ignore[arg-type]
    app = create_app(settings)
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            school = await make_org("school")
            member = await make_member(school)
            event = await published_event(school)
            await make_contacts(school, count)
            url = f"/api/v1/events/{event.id}/outreach/send"
            assert (await api.post(url, json={}, headers=member.headers)).status_code == 202
            await run_jobs()


async def test_the_rate_holds_and_slow_answers_do_not_slow_sending(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    twilio.latency = 0.25  # one at a time, 30 messages would take 7.5 s
    await _send_all(
        {"SMS_RATE": "20"},
        30,
        database_url=database_url,
        var_dir=var_dir,
        twilio=twilio,
        smtp=smtp,
    )
    assert len(twilio.created) == 30
    span = twilio.arrivals[-1] - twilio.arrivals[0]
    assert span >= 29 / 20 * 0.95  # never faster than SMS_RATE
    assert span <= 4.0  # concurrent: the 0.25 s answers overlap


async def test_a_messaging_service_sends_instead_of_a_number(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    await _send_all(
        {"TWILIO_FROM": "", "TWILIO_MESSAGING_SERVICE_SID": "MG" + "1" * 32},
        2,
        database_url=database_url,
        var_dir=var_dir,
        twilio=twilio,
        smtp=smtp,
    )
    assert [r.get("MessagingServiceSid") for r in twilio.requests] == ["MG" + "1" * 32] * 2
    assert all("From" not in r for r in twilio.requests)


def test_sweeps_and_timed_messages_are_periodic(tmp_path: Path) -> None:
    app = build_job_app(test_settings("sqlite://:memory:", tmp_path), feature_jobs())
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["outreach:sweep_outbox"] == "* * * * * */15"
    assert periodic["outreach:queue_timed"] == "* * * * *"
    assert "outreach:send_batch" in app.tasks
