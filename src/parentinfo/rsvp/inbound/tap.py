"""A tap on a WhatsApp quick-reply button: the payload names one invitation and the answer.

No parsing and no code word: the payload (``rsvp.buttons``) carries the invitation's opaque
token. It answers only an invitation the sender may still answer: one of the open
invitations of the contacts with the sender's own mobile (``rsvp.inbound.senders``), so a
token that does not exist, belongs to another parent or another organisation, or to a
cancelled or past event, changes nothing and gets a polite answer in the parent's
language. A second tap of the same answer (a new message id) writes nothing: the parent
reads the same confirmation again.
"""

from __future__ import annotations

from parentinfo.i18n import use_language
from parentinfo.lib.enums import Answer, InboxStatus
from parentinfo.lib.urls import parent_page_url
from parentinfo.rsvp import replies
from parentinfo.rsvp.answers import AnswerResult, apply_answer
from parentinfo.rsvp.buttons import read_payload
from parentinfo.rsvp.eventlines import event_line
from parentinfo.rsvp.inbound.respond import Outcome
from parentinfo.rsvp.inbound.senders import OpenInvitation, Sender
from parentinfo.rsvp.models import Invitation

SOURCE = "whatsapp"


async def respond_to_tap(sender: Sender, payload: str) -> Outcome:
    """Answer the invitation a button names, or say politely that the button is stale."""
    if not sender.known:
        return Outcome(replies.unknown_number(), InboxStatus.NEEDS_ATTENTION)
    named = read_payload(payload)
    invitation = await _tapped(sender, named[0]) if named else None
    if named is None or invitation is None:
        return _stale(sender)
    answer = named[1]
    promoted: list[int] = []
    seen = invitation.seen
    if seen.answered_at is not None and seen.answer == answer:
        result = AnswerResult(answer, seen.party_size, seen.waitlisted, False, seen.answered_at)
    else:
        result, promoted = await apply_answer(
            invitation_id=invitation.id,
            event_id=invitation.event.id,
            answer=answer,
            party_size=None,  # a button keeps the party size; a typed "TAK 3" changes it
            source=SOURCE,
            seen=seen,
        )
    reply = "" if sender.opted_out else _confirmed(sender, invitation, result)
    label = f"button {answer.value}"
    return Outcome(reply, reading=label, invitation=invitation, promoted=promoted)


async def _tapped(sender: Sender, token: str) -> OpenInvitation | None:
    """The sender's open invitation the token names.

    A number known to two co-hosts holds two invitations to one event and answers through
    one of them (``senders._one_per_event``): a tap on the other answers that same one.
    """
    found = next((i for i in sender.invitations if i.token == token), None)
    if found is not None:
        return found
    row = await Invitation.filter(token=token).first().values("contact_id", "event_id")
    if row is None or int(row["contact_id"]) not in {c.id for c in sender.contacts}:
        return None
    return next((i for i in sender.invitations if i.event.id == int(row["event_id"])), None)


def _confirmed(sender: Sender, invitation: OpenInvitation, result: AnswerResult) -> str:
    language = sender.contact_of(invitation).language
    with use_language(language):
        return replies.confirmation(
            language=language,
            answer=Answer(result.answer),
            party_size=result.party_size,
            waitlisted=result.waitlisted,
            event=event_line(invitation.event, language),
            page_url=parent_page_url(invitation.token),
        )


def _stale(sender: Sender) -> Outcome:
    """Forged, old, another parent's: nothing changes, and the parent is told so kindly."""
    contact = sender.contact_of(None)
    if sender.opted_out:
        return Outcome("", reading="stale button")
    with use_language(contact.language):
        return Outcome(replies.button_not_valid(), reading="stale button")
