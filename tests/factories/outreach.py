"""Builders for outreach tests: a published event with texts, contacts in bulk, job runs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, HostRole, HostStatus, Topic
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.runtime import runtime


def mobile(n: int) -> str:
    """A distinct Dutch mobile number for each ``n``."""
    return f"+3162{n:07d}"


async def published_event(
    organisation: Organisation,
    *,
    texts: dict[str, tuple[str, str]] | None = None,
    starts_in: timedelta = timedelta(days=7),
    **values: Any,
) -> Event:
    """A published event of ``organisation`` with an English and Dutch text by default."""
    starts = (now() + starts_in).replace(microsecond=0)
    fields: dict[str, Any] = {
        "organisation": organisation,
        "topic": Topic.SCHOOL_SYSTEM,
        "status": EventStatus.PUBLISHED,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "venue": "De Regenboog",
        "address": "Schoolstraat 1, Zwolle",
        "session_languages": ["en"],
        "reply_code": "K" + uuid.uuid4().hex[:5].upper(),
        "uid": f"{uuid.uuid4()}@parentinfo.test",
        "published_at": now(),
    }
    fields.update(values)
    event = await Event.create(**fields)
    chosen = {
        "en": ("The Dutch school system", "How school works."),
        "nl": ("Het schoolsysteem", ""),
    }
    for language, (title, description) in (chosen if texts is None else texts).items():
        await EventText.create(event=event, language=language, title=title, description=description)
    return event


async def add_cohost(event: Event, organisation: Organisation) -> None:
    """Make ``organisation`` an accepted co-host of ``event``."""
    await EventHost.create(
        event=event, organisation=organisation, role=HostRole.COHOST, status=HostStatus.ACCEPTED
    )


async def make_contacts(
    organisation: Organisation, count: int, *, start: int = 0, **values: Any
) -> list[Contact]:
    """``count`` contacts with distinct mobiles (language pl, children 4-11, unless told)."""
    rows = []
    for i in range(start, start + count):
        fields: dict[str, Any] = {
            "name": f"Parent {i:05d}",
            "mobile": mobile(i),
            "language": "pl",
            "age_groups": ["4-11"],
        }
        fields.update(values)
        rows.append(Contact(organisation=organisation, **fields))
    await Contact.bulk_create(rows, batch_size=500)
    names = [row.name for row in rows]
    return await Contact.filter(organisation=organisation, name__in=names).order_by("id")


async def run_jobs(*, rounds: int = 20) -> None:
    """Run every job that is due, through the real worker, until none is left.

    A worker run with ``wait=False`` stops once it finds nothing to fetch; a job deferred
    by a running job (a retry, a fallback) is picked up by the next round.
    """
    jobs = runtime().jobs
    for _ in range(rounds):
        await jobs.run_worker_async(
            wait=False,
            install_signal_handlers=False,
            concurrency=4,
            fetch_job_polling_interval=0.05,
            delete_jobs="successful",
        )
        if not await due_jobs():
            return
    raise AssertionError(f"jobs still due after {rounds} worker runs")


async def due_jobs() -> int:
    """Jobs waiting to run now (not scheduled for later)."""
    waiting = await runtime().jobs.job_manager.list_jobs_async(status="todo")
    return sum(1 for job in waiting if job.scheduled_at is None or job.scheduled_at <= now())


async def messages(**filters: Any) -> list[OutboundMessage]:
    """Outbox rows, oldest first."""
    return await OutboundMessage.filter(**filters).order_by("id")


def moment(hour: int, minute: int = 0, *, days: int = 0) -> datetime:
    """Today (or ``days`` later) at hour:minute UTC."""
    base = now().astimezone(UTC) + timedelta(days=days)
    return base.replace(hour=hour, minute=minute, second=0, microsecond=0)
