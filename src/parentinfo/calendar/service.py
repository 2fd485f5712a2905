"""Calendars from the database: an invitation's iTIP, its "add to calendar" file, the feeds.

Two kinds of calendar go to a parent, on purpose:

* the **email** carries an iTIP ``REQUEST`` (or ``CANCEL``) with the parent as ATTENDEE
  (``mailto:`` their address, PARTSTAT from their answer, RSVP=TRUE), so that Outlook,
  Gmail and Apple Mail show an invitation with answer buttons;
* the **page's** ``invite.ics`` is a ``PUBLISH``: a plain event to add. Phones mishandle
  REQUEST files opened from a browser, and parents who only have SMS have no address to
  put in an ATTENDEE anyway.

Both have the same UID and SEQUENCE as the event, so a later update or cancellation
replaces what the parent added. The organisation feed and the personal feed live in
:mod:`parentinfo.calendar.feeds` and are re-exported here.
"""

from __future__ import annotations

from parentinfo.calendar import freshness, records
from parentinfo.calendar.builder import (
    Attendee,
    CalendarEvent,
    build_cancel,
    build_publish,
    build_request,
)
from parentinfo.calendar.facts import calendar_description
from parentinfo.calendar.feeds import FeedAnswer, organisation_feed, personal_feed
from parentinfo.contacts.optout import set_opt_out
from parentinfo.errors import Conflict, invalid_field
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, ConsentMethod, EventStatus
from parentinfo.lib.urls import parent_page_url
from parentinfo.rsvp.answers import AnswerResult, set_answer
from parentinfo.runtime import runtime

__all__ = [
    "FeedAnswer",
    "answer_from_page",
    "invitation_calendar",
    "invitation_file",
    "invitation_itip",
    "opt_out_from_page",
    "organisation_feed",
    "personal_feed",
]

METHODS = ("REQUEST", "CANCEL")
TEXT_SIGNALS = freshness  # imported for its signal handlers: a text change touches its event
MAX_PARTY = 10


async def invitation_calendar(*, invitation_id: int, method: str = "REQUEST") -> str:
    """The iCalendar text (METHOD REQUEST or CANCEL) for one invitation, in its language."""
    _check_method(method)
    record = await records.by_id(invitation_id)
    if not record.contact.email:
        raise invalid_field("contact", "has no email address, so cannot get an email invitation")
    return invitation_itip(
        record.calendar,
        method=method,
        token=record.invitation.token,
        language=record.invitation.language,
        attendee=Attendee(
            name=record.contact.name,
            email=record.contact.email,
            partstat=records.partstat(record.invitation),
        ),
    )


def invitation_itip(
    calendar: records.EventCalendar, *, method: str, token: str, language: str, attendee: Attendee
) -> str:
    """An invitation's iTIP (REQUEST or CANCEL) from the event's calendar facts: no queries,
    so a send builds every parent's calendar from the one snapshot it read."""
    event = _calendar_event(calendar, token, language)
    if _check_method(method) == "CANCEL":
        return build_cancel(event, attendee)
    return build_request(event, attendee, alarm_hours=runtime().settings.alarm_hours)


def _check_method(method: str) -> str:
    """``method`` in capitals; 422 unless it is REQUEST or CANCEL."""
    if method.upper() not in METHODS:
        raise invalid_field("method", "must be REQUEST or CANCEL")
    return method.upper()


async def invitation_file(*, token: str, language: str | None = None) -> str:
    """The parent's "add to calendar" file: a PUBLISH of the one event, with a reminder."""
    record = await records.by_token(token)
    event = _calendar_event(record.calendar, token, language or record.invitation.language)
    return build_publish(event, alarm_hours=runtime().settings.alarm_hours)


def _calendar_event(calendar: records.EventCalendar, token: str, language: str) -> CalendarEvent:
    url = parent_page_url(token)
    with use_language(language):
        text = calendar.text(language)
        description = calendar_description(
            description=text.description, facts=calendar.facts, page_url=url
        )
        return records.calendar_event(
            calendar, summary=text.title, description=description, url=url
        )


async def answer_from_page(*, token: str, answer: str, party_size: str | None) -> AnswerResult:
    """A parent's yes / no / maybe (and party size, 1 to 10) from their page."""
    try:
        chosen = Answer(answer)
    except ValueError:
        chosen = Answer.NONE
    if chosen == Answer.NONE:
        raise invalid_field("answer", "must be yes, no or maybe")
    size = _party_size(party_size) if chosen != Answer.NO else None
    record = await records.by_token(token)
    if record.cancelled or record.event.status == EventStatus.DONE or record.event.ends_at < now():
        raise Conflict("This session is cancelled or over: answers are closed.")
    return await set_answer(
        invitation=record.invitation, answer=chosen, party_size=size, source="page"
    )


def _party_size(raw: str | None) -> int:
    try:
        size = int(raw or "1")
    except ValueError:
        raise invalid_field("party_size", f"must be a whole number from 1 to {MAX_PARTY}") from None
    if not 1 <= size <= MAX_PARTY:
        raise invalid_field("party_size", f"must be a whole number from 1 to {MAX_PARTY}")
    return size


async def opt_out_from_page(*, token: str, sms: bool, email: bool) -> None:
    """The parent's choice of channels from their page; a channel they lack is left alone."""
    record = await records.by_token(token)
    contact = record.contact
    await set_opt_out(
        contact=contact,
        sms=sms if contact.mobile else None,
        email=email if contact.email else None,
        method=ConsentMethod.WEB,
        note="from the parent's page",
    )
