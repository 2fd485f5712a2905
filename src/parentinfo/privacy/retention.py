"""Retention: personal data goes on a schedule, without anyone having to remember it.

- Message texts and numbers (sent and received) are blanked ``RETENTION_MESSAGE_DAYS``
  after their session ended (messages without a session: after they were made). The rows
  stay, so delivery figures still add up. The name a walk-in gave at the door (one who
  left nothing to reach them by) is blanked at the same time.
- A volunteer's recording of an event's invitation (a call's voice: personal data of the
  volunteer, and of no use once the session is over) is deleted at the same time. The
  organisation's own prompts stay until staff delete them, or the organisation goes.
- A contact created more than ``RETENTION_CONTACT_MONTHS`` ago, with no invitation, no
  consent given and no session of theirs since, is erased like :func:`erase_contact`.
- An organisation may choose its own periods (organisation settings); its rows follow those.

The report counts rows and never names anyone, so it is safe to log or mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from parentinfo.contacts.models import Consent, Contact
from parentinfo.lib.chunks import chunked
from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.voice.models import VoiceRecording
from parentinfo.privacy.erasure import erase_and_record
from parentinfo.privacy.holdings import INBOUND_BLANK, OUTBOUND_BLANK
from parentinfo.privacy.periods import months_before
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.settings import Settings

_UNSENT = (MessageStatus.PENDING, MessageStatus.SENDING)


@dataclass(frozen=True)
class RetentionPlan:
    """What is past its retention period right now."""

    outbound_ids: list[int]
    inbound_ids: list[int]
    contact_ids: list[int]
    walk_in_ids: list[int] = field(default_factory=list)  # invitations holding a door name
    recording_ids: list[int] = field(default_factory=list)  # recorded invitations of old events


@dataclass(frozen=True)
class _Scope:
    """Whose rows one pair of periods covers: one organisation, or everyone else."""

    message_days: int
    contact_months: int
    org_id: int | None = None  # None: everyone but ``excluded`` (rows with no organisation too)
    excluded: tuple[int, ...] = ()

    def rows(self, column: str) -> Q:
        """The rows of this scope, by their organisation column."""
        if self.org_id is not None:
            return Q(**_lookup(column, self.org_id))
        if not self.excluded:
            return Q()
        outside = ~Q(**_lookup(f"{column}__in", list(self.excluded)))
        return Q(**_lookup(f"{column}__isnull", True)) | outside


def _lookup(name: str, value: Any) -> dict[str, Any]:
    """One filter for ``Q(**…)`` (typed loosely, as Tortoise's lookups are)."""
    return {name: value}


async def _scopes(settings: Settings) -> list[_Scope]:
    """Each organisation's own periods where it chose some, the deployment's for the rest."""
    own = await Organisation.filter(
        Q(retention_message_days__not_isnull=True) | Q(retention_contact_months__not_isnull=True)
    ).values_list("id", "retention_message_days", "retention_contact_months")
    scopes = [
        _Scope(
            int(days or settings.retention_message_days),
            int(months or settings.retention_contact_months),
            org_id=int(org_id),
        )
        for org_id, days, months in own
    ]
    rest = _Scope(
        settings.retention_message_days,
        settings.retention_contact_months,
        excluded=tuple(s.org_id for s in scopes if s.org_id is not None),
    )
    return [*scopes, rest]


async def apply_retention(settings: Settings, *, dry_run: bool) -> str:
    """Blank old messages and erase stale contacts (``dry_run``: only count); a report."""
    current = now()
    outbound: list[int] = []
    inbound: list[int] = []
    contacts: list[int] = []
    walk_ins: list[int] = []
    recordings: list[int] = []
    for scope in await _scopes(settings):
        message_cutoff = current - timedelta(days=scope.message_days)
        contact_cutoff = months_before(current, scope.contact_months)
        outbound += await _old_outbound(message_cutoff, scope.rows("organisation_id"))
        inbound += await _old_inbound(message_cutoff, scope.rows("organisation_id"))
        contacts += await _stale_contacts(contact_cutoff, scope.rows("organisation_id"))
        walk_ins += await _ids(
            Invitation.filter(
                scope.rows("organisation_id"), event__ends_at__lt=message_cutoff
            ).exclude(walk_in_name="")
        )
        recordings += await _ids(
            VoiceRecording.filter(scope.rows("organisation_id"), event__ends_at__lt=message_cutoff)
        )
    plan = RetentionPlan(
        sorted(outbound),
        sorted(inbound),
        sorted(contacts),
        sorted(walk_ins),
        sorted(recordings),
    )
    if not dry_run:
        await _carry_out(plan)
    return _report(plan, settings, dry_run=dry_run)


async def _old_outbound(cutoff: datetime, scope: Q) -> list[int]:
    unblanked = OutboundMessage.filter(_any_left(OUTBOUND_BLANK)).filter(scope)
    after_event = await _ids(unblanked.filter(event__ends_at__lt=cutoff))
    without_event = await _ids(unblanked.filter(event_id=None, created_at__lt=cutoff))
    return sorted(after_event | without_event)


async def _old_inbound(cutoff: datetime, scope: Q) -> list[int]:
    unblanked = InboundMessage.filter(_any_left(INBOUND_BLANK)).filter(scope)
    after_event = await _ids(unblanked.filter(invitation__event__ends_at__lt=cutoff))
    without_event = await _ids(unblanked.filter(invitation_id=None, received_at__lt=cutoff))
    return sorted(after_event | without_event)


def _any_left(blank: dict[str, object]) -> Q:
    """Rows where any of the fields still holds something (not yet blanked)."""
    conditions: list[Q] = [~Q(**{name: value}) for name, value in blank.items()]  # type: ignore[arg-type]
    return Q(*conditions, join_type=Q.OR)


async def _stale_contacts(cutoff: datetime, scope: Q) -> list[int]:
    """Old contacts with no invitation, consent or session since ``cutoff``."""
    candidates = await _ids(Contact.filter(scope, created_at__lt=cutoff))
    if not candidates:
        return []
    invited = Invitation.filter(contact_id__not_isnull=True)
    active = (
        await _ids(invited.filter(created_at__gte=cutoff), "contact_id")
        | await _ids(invited.filter(event__ends_at__gte=cutoff), "contact_id")
        | await _ids(Consent.filter(recorded_at__gte=cutoff), "contact_id")
    )
    return sorted(candidates - active)


async def _ids(query: QuerySet[Any], column: str = "id") -> set[int]:
    values: list[Any] = await query.values_list(column, flat=True)
    return {int(value) for value in values}


async def _carry_out(plan: RetentionPlan) -> None:
    for chunk in chunked(plan.outbound_ids):
        # A message still unsent this long after its session must never go out blank.
        await OutboundMessage.filter(id__in=chunk, status__in=_UNSENT).update(
            status=MessageStatus.WITHHELD, withheld_reason="retention"
        )
        await OutboundMessage.filter(id__in=chunk).update(**OUTBOUND_BLANK)
    for chunk in chunked(plan.inbound_ids):
        await InboundMessage.filter(id__in=chunk).update(**INBOUND_BLANK)
    for chunk in chunked(plan.walk_in_ids):
        await Invitation.filter(id__in=chunk).update(walk_in_name="")
    for chunk in chunked(plan.recording_ids):
        await VoiceRecording.filter(id__in=chunk).delete()
    for contact_id in plan.contact_ids:
        contact = await Contact.get_or_none(id=contact_id)
        if contact is None:
            continue  # erased by hand meanwhile
        await erase_and_record(
            contact, actor=None, action="contact.erase", details={"reason": "retention"}
        )


def _report(plan: RetentionPlan, settings: Settings, *, dry_run: bool) -> str:
    verb = "would be" if dry_run else "were"
    head = "retention (dry run, nothing changed)" if dry_run else "retention"
    return "\n".join(
        [
            f"{head}:",
            f"  sent messages blanked {settings.retention_message_days} days after their "
            f"session: {len(plan.outbound_ids)} {verb} blanked",
            f"  received messages blanked {settings.retention_message_days} days after their "
            f"session: {len(plan.inbound_ids)} {verb} blanked",
            f"  contacts without an invitation in {settings.retention_contact_months} months: "
            f"{len(plan.contact_ids)} {verb} erased",
            f"  names given at the door {settings.retention_message_days} days after their "
            f"session: {len(plan.walk_in_ids)} {verb} blanked",
            f"  recorded invitations {settings.retention_message_days} days after their "
            f"session: {len(plan.recording_ids)} {verb} deleted",
        ]
    )
