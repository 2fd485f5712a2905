"""Which check-in was a parent's first visit, for the reach report's first-time attendees.

While a check-in's invitation points at a contact, the contact's history decides: the first
visit is their check-in (not undone) at the session that started earliest. Erasing a contact
cuts that link, so just before it is cut :func:`keep_first_visits` writes the answer on the
check-ins themselves (``first_visit``): the anonymous counts stay what they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from parentinfo.attendance.models import CheckIn


async def first_checkins(contact_ids: Iterable[int]) -> dict[int, int]:
    """Each contact's first visit: contact id to the invitation id of that check-in."""
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    history = await CheckIn.filter(invitation__contact_id__in=ids, undone_at=None).values(
        "invitation_id", "invitation__contact_id", "event__starts_at"
    )
    earliest: dict[int, tuple[datetime, int]] = {}
    for row in history:
        key = (row["event__starts_at"], row["invitation_id"])
        contact = row["invitation__contact_id"]
        if contact not in earliest or key < earliest[contact]:
            earliest[contact] = key
    return {contact: invitation for contact, (_, invitation) in earliest.items()}


async def keep_first_visits(contact_id: int, invitation_ids: Sequence[int]) -> None:
    """Write on a contact's check-ins whether each was their first visit (before erasure)."""
    if not invitation_ids:
        return
    first = (await first_checkins([contact_id])).get(contact_id)
    await CheckIn.filter(invitation_id__in=list(invitation_ids)).update(first_visit=False)
    if first is not None:
        await CheckIn.filter(invitation_id=first).update(first_visit=True)
