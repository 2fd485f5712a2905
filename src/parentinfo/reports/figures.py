"""The reach figures as a pure computation over plain rows: counts only, never a person.

The service fetches rows; this module adds them up per language, topic, organisation and
month. Which cells are then hidden, so that no one can be singled out, is decided by
:mod:`parentinfo.reports.protection`; :func:`presented` shows a cell with those hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal

SMALL_CELL = 5
CENT = Decimal("0.01")
PER_PARENT = Decimal("0.0001")  # a cost per parent is a fraction of a cent apart from the next
HIDDEN = "x"  # one marker for small counts and their complements alike: they look the same
BILLED_SMS = frozenset({"sent", "delivered", "undelivered"})
DELIVERED = {
    "sms": frozenset({"delivered"}),
    "email": frozenset({"sent", "delivered"}),
    "whatsapp": frozenset({"delivered", "read"}),  # read: the parent opened it
    "voice": frozenset({"delivered"}),  # a call that was answered ("completed")
}


@dataclass(frozen=True)
class EventRow:
    """One event in scope."""

    id: int
    topic: str
    starts_at: datetime
    organisation: str  # the slug of the organisation that drafted it


@dataclass(frozen=True)
class InvitationRow:
    """One invitation: whose contact, in which language, and the answer."""

    id: int
    event_id: int
    organisation: str  # the slug of the organisation whose contact this is
    language: str
    answer: str
    party_size: int
    contact_id: int | None


@dataclass(frozen=True)
class CheckInRow:
    """One check-in that was not undone."""

    invitation_id: int
    party_size: int


@dataclass(frozen=True)
class MessageRow:
    """One outbound message: channel, status and, for SMS, its segments."""

    event_id: int
    invitation_id: int | None
    channel: str
    status: str
    language: str
    segments: int


@dataclass
class Figures:
    """The figures of one cell of the report (a language, a topic, a month, or the total)."""

    events: int = 0
    invited: int = 0
    sms_delivered: int = 0
    email_delivered: int = 0
    whatsapp_delivered: int = 0  # delivered or read
    whatsapp_read: int = 0
    calls_answered: int = 0  # spoken calls a parent picked up
    reached: int = 0  # parents with at least one message delivered, on any channel
    answered: int = 0
    yes: int = 0
    no: int = 0
    maybe: int = 0
    yes_people: int = 0
    checked_in: int = 0
    checked_in_people: int = 0
    first_time: int = 0
    sms_segments: int = 0
    event_ids: set[int] = field(default_factory=set, repr=False)


# Counts of people (suppressed when small) versus counts of things (shown as they are).
PEOPLE_FIELDS = (
    "invited", "sms_delivered", "email_delivered", "whatsapp_delivered", "whatsapp_read",
    "calls_answered", "reached", "answered", "yes", "no", "maybe",
    "yes_people", "checked_in", "checked_in_people", "first_time",
)  # fmt: skip
REPORT_FIELDS = ("events", *PEOPLE_FIELDS)


@dataclass(frozen=True)
class Inputs:
    """Everything the report is computed from."""

    events: list[EventRow]
    invitations: list[InvitationRow]
    checkins: list[CheckInRow]
    messages: list[MessageRow]
    first_time_invitations: frozenset[int]  # check-ins that were the contact's first ever


@dataclass
class Reach:
    """The computed report: totals and the same figures split four ways."""

    total: Figures
    by_language: dict[str, Figures]
    by_topic: dict[str, Figures]
    by_organisation: dict[str, Figures]
    by_month: dict[str, Figures]


def compute(inputs: Inputs) -> Reach:
    """Add up the rows into a :class:`Reach`."""
    events = {e.id: e for e in inputs.events}
    invitations = {i.id: i for i in inputs.invitations if i.event_id in events}
    checkins = {c.invitation_id: c for c in inputs.checkins if c.invitation_id in invitations}
    reached = {
        m.invitation_id
        for m in inputs.messages
        if m.invitation_id in invitations and m.status in DELIVERED.get(m.channel, frozenset())
    }
    reach = Reach(
        Figures(),
        defaultdict(Figures),
        defaultdict(Figures),
        defaultdict(Figures),
        defaultdict(Figures),
    )

    def cells(event: EventRow, language: str, organisation: str) -> list[Figures]:
        return [
            reach.total,
            reach.by_language[language],
            reach.by_topic[event.topic],
            reach.by_organisation[organisation],
            reach.by_month[event.starts_at.strftime("%Y-%m")],
        ]

    for invitation in invitations.values():
        event = events[invitation.event_id]
        checkin = checkins.get(invitation.id)
        for cell in cells(event, invitation.language, invitation.organisation):
            _add_invitation(
                cell, invitation, checkin, invitation.id in inputs.first_time_invitations
            )
            cell.reached += invitation.id in reached
            cell.event_ids.add(event.id)
    for message in inputs.messages:
        message_event = events.get(message.event_id)
        if message_event is None:
            continue
        owner = invitations.get(message.invitation_id) if message.invitation_id else None
        organisation = owner.organisation if owner else message_event.organisation
        for cell in cells(message_event, message.language, organisation):
            _add_message(cell, message)
    for event in events.values():  # events with nobody invited still count as held
        reach.total.event_ids.add(event.id)
        reach.by_topic[event.topic].event_ids.add(event.id)
        reach.by_month[event.starts_at.strftime("%Y-%m")].event_ids.add(event.id)
    for cell in _all_cells(reach):
        cell.events = len(cell.event_ids)
    return Reach(
        reach.total,
        dict(reach.by_language),
        dict(reach.by_topic),
        dict(reach.by_organisation),
        dict(reach.by_month),
    )


def _add_invitation(
    cell: Figures, invitation: InvitationRow, checkin: CheckInRow | None, first: bool
) -> None:
    cell.invited += 1
    if invitation.answer != "none":
        cell.answered += 1
    if invitation.answer in ("yes", "no", "maybe"):
        setattr(cell, invitation.answer, getattr(cell, invitation.answer) + 1)
    if invitation.answer == "yes":
        cell.yes_people += invitation.party_size
    if checkin is not None:
        cell.checked_in += 1
        cell.checked_in_people += checkin.party_size
        cell.first_time += 1 if first else 0


def _add_message(cell: Figures, message: MessageRow) -> None:
    if message.status in DELIVERED.get(message.channel, frozenset()):
        if message.channel == "sms":
            cell.sms_delivered += 1
        elif message.channel == "email":
            cell.email_delivered += 1
        elif message.channel == "whatsapp":
            cell.whatsapp_delivered += 1
            cell.whatsapp_read += message.status == "read"
        elif message.channel == "voice":
            cell.calls_answered += 1
    if message.channel == "sms" and message.status in BILLED_SMS:
        cell.sms_segments += message.segments


def _all_cells(reach: Reach) -> Iterable[Figures]:
    yield reach.total
    for split in (reach.by_language, reach.by_topic, reach.by_organisation, reach.by_month):
        yield from split.values()


def presented(
    cell: Figures, *, hidden: frozenset[str], price_per_segment: Decimal
) -> dict[str, int | str]:
    """A row as shown: the ``hidden`` figures as :data:`HIDDEN`, the SMS cost in euro.

    The cost is hidden with the SMS segments it is computed from, and the cost per parent
    reached with either of the two it is computed from (else it would give the hidden one away);
    it is "" where nobody was reached.
    """
    shown: dict[str, int | str] = {"events": cell.events}
    for name in PEOPLE_FIELDS:
        shown[name] = HIDDEN if name in hidden else getattr(cell, name)
    cost = price_per_segment * cell.sms_segments
    shown["sms_cost_eur"] = HIDDEN if "sms_segments" in hidden else str(cost.quantize(CENT))
    if "sms_segments" in hidden or "reached" in hidden:
        shown["sms_cost_per_reached_eur"] = HIDDEN
    else:
        per_parent = (cost / cell.reached).quantize(PER_PARENT) if cell.reached else ""
        shown["sms_cost_per_reached_eur"] = str(per_parent)
    return shown


def field_names() -> list[str]:
    """The figures of a cell in report order (for tables and CSV)."""
    names = [f.name for f in fields(Figures) if f.name in REPORT_FIELDS]
    return [*sorted(names, key=REPORT_FIELDS.index), "sms_cost_eur", "sms_cost_per_reached_eur"]


def split_sorted(split: dict[str, Figures]) -> list[tuple[str, Figures]]:
    """A split's cells in a stable order, by label."""
    return sorted(split.items(), key=lambda item: item[0])
