"""The front door: every message of every kind becomes an outbox row here, and a job after.

:func:`post_messages` writes the rows of a list of drafts inside the caller's transaction,
skips drafts whose dedupe key is already written, holds what its channel keeps quiet at
night, and has the send jobs deferred once the transaction commits. Open the transaction
with :func:`sending`; a post outside one commits row by row and defers at once. A crash
between the commit and the deferral loses nothing: the outbox sweeper queues every
pending row that no job holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.lib.sql import fetch_in
from parentinfo.messaging.bulk import insert_rows
from parentinfo.messaging.channels import rule_for
from parentinfo.messaging.deferral import defer_rows
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.quiet import quiet_until
from parentinfo.runtime import runtime

Due = tuple[int, datetime | None]  # a row's id and when it may go (None: now)

# The rows posted inside the open :func:`sending` block, deferred when it commits.
_posted: ContextVar[list[Due] | None] = ContextVar("messaging_posted", default=None)


@dataclass
class Posted:
    """What :func:`post_messages` wrote: new rows (id, due) and how many existed already."""

    rows: list[Due] = field(default_factory=list)
    existing: int = 0

    @property
    def count(self) -> int:
        """How many new messages were written."""
        return len(self.rows)


@asynccontextmanager
async def sending() -> AsyncIterator[None]:
    """A transaction whose posted messages are deferred once it has committed.

    Nested blocks join the outermost one: only its commit makes the rows visible to a job.
    """
    if _posted.get() is not None:
        async with in_transaction():
            yield
        return
    posted: list[Due] = []
    token = _posted.set(posted)
    try:
        async with in_transaction():
            yield
    finally:
        _posted.reset(token)
    await defer_rows(posted)


async def post_messages(drafts: Sequence[Draft], *, already_checked: bool = False) -> Posted:
    """Write one outbox row per draft not written yet; their jobs follow the commit.

    ``already_checked``: the caller dropped the drafts whose key exists (it asked
    :func:`existing_keys` before composing), so the core does not ask again.
    """
    keyed = [draft.dedupe_key for draft in drafts if draft.dedupe_key is not None]
    existing = set() if already_checked else await existing_keys(keyed)
    fresh = [d for d in drafts if d.dedupe_key is None or d.dedupe_key not in existing]
    hold = _quiet_hold()
    rows = [_row(draft, hold) for draft in fresh]
    await insert_rows(OutboundMessage, [row for row in rows if row["dedupe_key"] is not None])
    written = await _due_of([str(row["dedupe_key"]) for row in rows if row["dedupe_key"]])
    for row in rows:
        if row["dedupe_key"] is None:  # one-off messages (a reset link, a reply): one each
            message = await OutboundMessage.create(**row)
            written.append((message.id, message.send_after, message.status))
    due = sorted((i, at) for i, at, status in written if status == MessageStatus.PENDING)
    await _after_commit(due)
    return Posted(rows=sorted((i, at) for i, at, _ in written), existing=len(existing))


async def existing_keys(keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` already have an outbox row."""
    rows = await fetch_in(
        "SELECT dedupe_key FROM outbound_message WHERE dedupe_key {in_values}", keys
    )
    return {str(row["dedupe_key"]) for row in rows}


def _row(draft: Draft, hold: datetime | None) -> dict[str, Any]:
    """The outbox row of a draft: its channel's cost, and its hold for quiet hours."""
    rule = rule_for(draft.channel)
    cost = draft.cost if draft.cost is not None else rule.cost(draft.body)
    row: dict[str, Any] = {
        "organisation_id": draft.organisation_id,
        "event_id": draft.event_id,
        "invitation_id": draft.invitation_id,
        "contact_id": draft.contact_id,
        "created_by_id": draft.created_by_id,
        "channel": draft.channel,
        "kind": draft.kind,
        "language": draft.language,
        "to_address": draft.to_address,
        "subject": draft.subject,
        "body": draft.body,
        "html_body": draft.html_body,
        "calendar": draft.calendar,
        "changes": draft.changes,
        "encoding": cost.encoding,
        "segments": cost.segments,
        "dedupe_key": draft.dedupe_key,
        "status": MessageStatus.PENDING,
        "send_after": draft.not_before,
    }
    if draft.answered_inline:
        row.update(status=MessageStatus.SENT, sent_at=now(), send_after=None)
    elif rule.quiet_hours:
        until = hold if draft.not_before is None else _quiet_hold(draft.not_before)
        if until is not None:
            row.update(send_after=until, withheld_reason="quiet_hours")
    return row


def _quiet_hold(moment: datetime | None = None) -> datetime | None:
    """Until when a message due at ``moment`` (now) waits, when that is inside quiet hours."""
    settings = runtime().settings
    at = moment or now()
    return quiet_until(at, tz=settings.tz, start=settings.quiet_start, end=settings.quiet_end)


async def _due_of(keys: list[str]) -> list[tuple[int, datetime | None, str]]:
    """Id, due time and status of the rows just written under ``keys``."""
    rows = await fetch_in(
        "SELECT id, send_after, status FROM outbound_message WHERE dedupe_key {in_values}", keys
    )
    send_after = OutboundMessage._meta.fields_map["send_after"]  # read as the ORM reads it
    return [
        (int(row["id"]), send_after.to_python_value(row["send_after"]), str(row["status"]))
        for row in rows
    ]


async def _after_commit(due: list[Due]) -> None:
    """Defer when the open :func:`sending` block commits, or now outside one."""
    posted = _posted.get()
    if posted is None:
        await defer_rows(due)
    else:
        posted.extend(due)
