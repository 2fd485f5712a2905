"""Retention: personal data goes on a schedule, without anyone having to remember it.

- Message texts and numbers (sent and received) are blanked ``RETENTION_MESSAGE_DAYS``
  after their session ended (messages without a session: after they were made). The rows
  stay, so delivery figures still add up.
- A contact created more than ``RETENTION_CONTACT_MONTHS`` ago, with no invitation, no
  consent given and no session of theirs since, is erased like :func:`erase_contact`.

The report counts rows and never names anyone, so it is safe to log or mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from parentinfo.contacts.models import Consent, Contact
from parentinfo.lib.chunks import chunked
from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.outreach.models import OutboundMessage
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


async def apply_retention(settings: Settings, *, dry_run: bool) -> str:
    """Blank old messages and erase stale contacts (``dry_run``: only count); a report."""
    current = now()
    message_cutoff = current - timedelta(days=settings.retention_message_days)
    contact_cutoff = months_before(current, settings.retention_contact_months)
    plan = RetentionPlan(
        outbound_ids=await _old_outbound(message_cutoff),
        inbound_ids=await _old_inbound(message_cutoff),
        contact_ids=await _stale_contacts(contact_cutoff),
    )
    if not dry_run:
        await _carry_out(plan)
    return _report(plan, settings, dry_run=dry_run)


async def _old_outbound(cutoff: datetime) -> list[int]:
    unblanked = OutboundMessage.filter(_any_left(OUTBOUND_BLANK))
    after_event = await _ids(unblanked.filter(event__ends_at__lt=cutoff))
    without_event = await _ids(unblanked.filter(event_id=None, created_at__lt=cutoff))
    return sorted(after_event | without_event)


async def _old_inbound(cutoff: datetime) -> list[int]:
    unblanked = InboundMessage.filter(_any_left(INBOUND_BLANK))
    after_event = await _ids(unblanked.filter(invitation__event__ends_at__lt=cutoff))
    without_event = await _ids(unblanked.filter(invitation_id=None, received_at__lt=cutoff))
    return sorted(after_event | without_event)


def _any_left(blank: dict[str, object]) -> Q:
    """Rows where any of the fields still holds something (not yet blanked)."""
    conditions: list[Q] = [~Q(**{name: value}) for name, value in blank.items()]  # type: ignore[arg-type]
    return Q(*conditions, join_type=Q.OR)


async def _stale_contacts(cutoff: datetime) -> list[int]:
    """Old contacts with no invitation, consent or session since ``cutoff``."""
    candidates = await _ids(Contact.filter(created_at__lt=cutoff))
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
        ]
    )
