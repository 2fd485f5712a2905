"""What the door services answer: plain values the API, the page and the export share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class AttendeeRow:
    """One invitation on the door list; ``mobile`` and ``email`` only for the actor's own."""

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
    mine: bool  # the invitation (and its contact) belongs to the actor's organisation
    mobile: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class CheckInResult:
    """The check-in row of one invitation after an operation, and what the operation did."""

    invitation_id: int
    checked_in: bool
    party_size: int
    checked_in_at: datetime | None
    undone_at: datetime | None
    outcome: str


@dataclass(frozen=True)
class WalkInResult:
    """A walk-in's invitation (and contact, unless counted anonymously) and check-in."""

    invitation_id: int
    contact_id: int | None
    reused_contact: bool
    check_in: CheckInResult


@dataclass(frozen=True)
class Headcount:
    """People through the door: in total, per invitation language, and walk-in households."""

    total_people: int
    checked_in_invitations: int
    per_language: dict[str, int]
    walk_ins: int


@dataclass(frozen=True)
class Op:
    """One operation a phone queued while offline: check_in, undo or walk_in."""

    kind: str
    client_id: str
    at: datetime | None = None
    invitation_id: int | None = None
    party_size: int = 1
    name: str = ""
    language: str = ""
    mobile: str | None = None
    email: str | None = None
    consent_channels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OpResult:
    """How one queued operation went; a refusal never stops the rest of the batch."""

    client_id: str
    ok: bool
    status_code: int
    detail: str = ""
    invitation_id: int | None = None
    check_in: CheckInResult | None = None
