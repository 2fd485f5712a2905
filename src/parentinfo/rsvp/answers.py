"""Setting a parent's answer: capacity, waiting list, changed minds.

STUB: the rsvp feature replaces this body; the signature is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation


@dataclass(frozen=True)
class AnswerResult:
    """What became of an answer."""

    answer: Answer
    party_size: int
    waitlisted: bool
    changed: bool


async def set_answer(
    *, invitation: Invitation, answer: Answer, party_size: int | None, source: str
) -> AnswerResult:
    """Record ``answer`` (source: sms / page / staff / door); a full event waitlists a yes."""
    invitation.answer = answer
    if party_size is not None:
        invitation.party_size = party_size
    invitation.answer_source = source
    await invitation.save()
    return AnswerResult(answer, invitation.party_size, waitlisted=False, changed=True)
