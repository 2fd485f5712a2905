"""``/api/v1/events/{id}/attendance``: the door list, check-ins, walk-ins, sync, headcount, CSV."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import msgspec
from litestar import Response, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.attendance import export, service
from parentinfo.attendance.results import CheckInResult, Op, OpResult
from parentinfo.lib.downloads import csv_download

BASE = "/events/{event_id:int}/attendance"


class AttendeeOut(msgspec.Struct):
    """One invitation on the door list; mobile and email only for your own contacts."""

    invitation_id: int
    name: str
    language: str
    answer: str
    party_size: int
    waitlisted: bool
    checked_in: bool
    checked_in_party_size: int
    checked_in_at: datetime | None
    walk_in: bool
    mine: bool
    mobile: str | None = None
    email: str | None = None


class CheckInIn(msgspec.Struct):
    """Check one invitation in; repeat a ``client_id`` and nothing changes twice."""

    invitation_id: int
    party_size: int = 1
    client_id: str | None = None
    at: datetime | None = None


class CheckInOut(msgspec.Struct):
    """The invitation's check-in after the request."""

    invitation_id: int
    checked_in: bool
    party_size: int
    checked_in_at: datetime | None
    undone_at: datetime | None
    outcome: str


class WalkInIn(msgspec.Struct):
    """Someone at the door without an invitation.

    A mobile or an email (with consent) makes a contact; a name alone is a named walk-in
    with no contact details and no messages; nothing at all is only counted, with no
    language (``language`` is then ignored).
    """

    name: str = ""
    language: str = "nl"
    mobile: str | None = None
    email: str | None = None
    party_size: int = 1
    consent_channels: list[str] = msgspec.field(default_factory=list)
    client_id: str | None = None
    at: datetime | None = None


class WalkInOut(msgspec.Struct):
    """The walk-in's invitation, contact (null when only counted) and check-in."""

    invitation_id: int
    contact_id: int | None
    reused_contact: bool
    check_in: CheckInOut


class OperationIn(msgspec.Struct):
    """One queued operation: ``check_in`` / ``undo`` (invitation_id) or ``walk_in`` (details)."""

    kind: str
    client_id: str
    at: datetime | None = None
    invitation_id: int | None = None
    party_size: int = 1
    name: str = ""
    language: str = "nl"
    mobile: str | None = None
    email: str | None = None
    consent_channels: list[str] = msgspec.field(default_factory=list)


class SyncIn(msgspec.Struct):
    """What a phone queued while offline, oldest first."""

    operations: list[OperationIn]


class OperationOut(msgspec.Struct):
    """How one operation went; ``ok`` false with a status code and a reason when refused."""

    client_id: str
    ok: bool
    status_code: int
    detail: str
    invitation_id: int | None
    check_in: CheckInOut | None


class SyncOut(msgspec.Struct):
    """One result per operation, in the same order."""

    results: list[OperationOut]


class HeadcountOut(msgspec.Struct):
    """People checked in, per language; walk_ins counts walk-in households checked in."""

    total_people: int
    checked_in_invitations: int
    per_language: dict[str, int]
    walk_ins: int


def check_in_out(result: CheckInResult) -> CheckInOut:
    """Serialise a check-in."""
    return CheckInOut(
        invitation_id=result.invitation_id,
        checked_in=result.checked_in,
        party_size=result.party_size,
        checked_in_at=result.checked_in_at,
        undone_at=result.undone_at,
        outcome=result.outcome,
    )


def operation_out(result: OpResult) -> OperationOut:
    """Serialise how one queued operation went (the API's sync and the door page's)."""
    return OperationOut(
        result.client_id,
        result.ok,
        result.status_code,
        result.detail,
        result.invitation_id,
        check_in_out(result.check_in) if result.check_in else None,
    )


@get(BASE, summary="The door list")
async def list_attendance(
    actor: ApiActor, event_id: FromPath[int], q: FromQuery[str | None] = None
) -> list[AttendeeOut]:
    """Everyone invited, sorted by name; ``?q=`` searches names ignoring case and accents."""
    rows = await service.attendance_list(actor=actor, event_id=event_id, q=q)
    return [AttendeeOut(**asdict(row)) for row in rows]


@post(f"{BASE}/checkins", summary="Check in", status_code=200)
async def create_check_in(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[CheckInIn]
) -> CheckInOut:
    """Check an invitation in (a second check-in updates the party size, keeps the time)."""
    result = await service.check_in(
        actor=actor,
        event_id=event_id,
        invitation_id=data.invitation_id,
        party_size=data.party_size,
        client_id=data.client_id,
        at=data.at,
    )
    return check_in_out(result)


@delete(f"{BASE}/checkins/{{invitation_id:int}}", summary="Undo a check-in", status_code=200)
async def delete_check_in(
    actor: ApiActor, event_id: FromPath[int], invitation_id: FromPath[int]
) -> CheckInOut:
    """Undo a check-in made by mistake."""
    result = await service.undo_check_in(
        actor=actor, event_id=event_id, invitation_id=invitation_id
    )
    return check_in_out(result)


@post(f"{BASE}/walk-ins", summary="Add a walk-in", status_code=201)
async def create_walk_in(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[WalkInIn]
) -> WalkInOut:
    """Register someone at the door with their consent, and check them in, all at once."""
    result = await service.add_walk_in(
        actor=actor,
        event_id=event_id,
        name=data.name,
        language=data.language,
        mobile=data.mobile,
        email=data.email,
        party_size=data.party_size,
        consent_channels=data.consent_channels,
        client_id=data.client_id,
        at=data.at,
    )
    return WalkInOut(
        result.invitation_id,
        result.contact_id,
        result.reused_contact,
        check_in_out(result.check_in),
    )


@post(f"{BASE}/sync", summary="Send what was queued offline", status_code=200)
async def sync(actor: ApiActor, event_id: FromPath[int], data: JSONBody[SyncIn]) -> SyncOut:
    """Apply queued operations in order; duplicates merge, a refused one does not stop the rest."""
    operations = [Op(**msgspec.structs.asdict(op)) for op in data.operations]
    results = await service.sync_offline(actor=actor, event_id=event_id, operations=operations)
    return SyncOut([operation_out(r) for r in results])


@get(f"{BASE}/headcount", summary="Headcount")
async def get_headcount(actor: ApiActor, event_id: FromPath[int]) -> HeadcountOut:
    """People checked in so far, in total and per language."""
    count = await service.headcount(actor=actor, event_id=event_id)
    return HeadcountOut(
        count.total_people, count.checked_in_invitations, count.per_language, count.walk_ins
    )


@get("/events/{event_id:int}/attendance.csv", summary="The door list as CSV")
async def attendance_csv(actor: ApiActor, event_id: FromPath[int]) -> Response[str]:
    """Download the list; numbers and emails only of your own contacts."""
    filename, text = await export.attendance_csv(actor=actor, event_id=event_id)
    return csv_download(text, filename=filename)


routes: list[ControllerRouterHandler] = [
    list_attendance,
    create_check_in,
    delete_check_in,
    create_walk_in,
    sync,
    get_headcount,
    attendance_csv,
]
