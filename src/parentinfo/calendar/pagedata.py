"""What the parent's page shows, worked out in the page's language before the template runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

from parentinfo.calendar import links, records
from parentinfo.calendar.facts import childcare_line, languages_line
from parentinfo.i18n import format_clock, format_day, language_name, ngettext, use_language
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Answer, EventStatus
from parentinfo.lib.urls import parent_page_url, public_url

PARTY_CHOICES = tuple(range(1, 11))
NOTICES = ("saved", "waitlisted", "optout")


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switch."""

    code: str
    name: str
    href: str
    current: bool


@dataclass(frozen=True)
class ParentPage:
    """Everything on ``/r/{token}``, already in the page's language."""

    token: str
    language: str
    title: str
    description: str
    day: str
    time_range: str
    venue: str
    address: str
    map_url: str
    languages: str
    childcare: str
    accessibility: str
    directions: str
    hosts: str
    cancelled: bool
    closed: bool
    answer: str
    party_size: int
    answer_summary: str
    notice: str
    error: str
    google_url: str
    outlook_url: str
    ics_url: str
    feed_url: str
    has_mobile: bool
    has_email: bool
    sms_opt_out: bool
    email_opt_out: bool
    language_links: tuple[LanguageLink, ...]
    party_choices: tuple[int, ...] = PARTY_CHOICES

    @property
    def base(self) -> str:
        """The page's own path, for form actions and links."""
        return f"/r/{quote(self.token, safe='')}"


def page_language(asked: str | None, invitation_language: str) -> str:
    """``?lang=`` when the service speaks it, else the invitation's language, else English."""
    for candidate in (asked, invitation_language):
        if candidate in SUPPORTED_LANGUAGES:
            return str(candidate)
    return "en"


async def parent_page(
    *, token: str, asked_language: str | None, notice: str | None = None, refusal: str = ""
) -> ParentPage:
    """The parent's page for ``token``; NotFound for unknown links and erased parents."""
    record = await records.by_token(token)
    language = page_language(asked_language, record.invitation.language)
    with use_language(language):
        error = _("Your answer could not be saved.") + f" ({refusal})" if refusal else ""
        return _page(record, language, notice if notice in NOTICES else "", error)


def _page(record: records.InvitationRecord, language: str, notice: str, error: str) -> ParentPage:
    event, invitation, contact = record.event, record.invitation, record.contact
    text = record.text(language)
    notes = record.practical_notes(language)
    place = records.location(event)
    base = f"/r/{quote(invitation.token, safe='')}"
    lang_query = "?" + urlencode({"lang": language})
    details = f"{text.description.strip()}\n\n{parent_page_url(invitation.token)}".strip()
    when = {"starts_at": event.starts_at, "ends_at": event.ends_at}
    return ParentPage(
        token=invitation.token,
        language=language,
        title=text.title,
        description=text.description,
        day=format_day(event.starts_at, event.timezone),
        time_range=_time_range(event.starts_at, event.ends_at, event.timezone),
        venue=event.venue,
        address=event.address,
        map_url=links.map_url(event.address or event.venue) if place else "",
        languages=languages_line(event.session_languages or [], event.interpreter_languages or []),
        childcare=childcare_line(bool(event.childcare)),
        accessibility=notes.accessibility,
        directions=notes.directions,
        hosts=", ".join(record.facts.hosts),
        cancelled=record.cancelled,
        closed=record.cancelled or event.status == EventStatus.DONE or event.ends_at < now(),
        answer=str(invitation.answer),
        party_size=invitation.party_size if invitation.party_size in PARTY_CHOICES else 1,
        answer_summary=answer_summary(str(invitation.answer), invitation.party_size),
        notice=_notice(notice),
        error=error,
        google_url=links.google_calendar_url(
            title=text.title, details=details, location=place, **when
        ),
        outlook_url=links.outlook_calendar_url(
            title=text.title, details=details, location=place, **when
        ),
        ics_url=f"{base}/invite.ics{lang_query}",
        feed_url=_webcal(public_url(f"{base}/calendar.ics{lang_query}")),
        has_mobile=bool(contact.mobile),
        has_email=bool(contact.email),
        sms_opt_out=contact.sms_opt_out,
        email_opt_out=contact.email_opt_out,
        language_links=_language_links(base, invitation.language, language),
    )


def _time_range(starts_at: datetime, ends_at: datetime, tz: str) -> str:
    start, end = format_clock(starts_at, tz), format_clock(ends_at, tz)
    if format_day(starts_at, tz) == format_day(ends_at, tz):
        return f"{start}–{end}"
    return f"{start} – {format_day(ends_at, tz)} {end}"


def _webcal(url: str) -> str:
    """The same address as ``webcal://``: phones then subscribe instead of importing once."""
    return "webcal://" + url.split("://", 1)[1]


def answer_summary(answer: str, party_size: int) -> str:
    """The parent's current answer in a sentence."""
    if answer == Answer.YES:
        return ngettext(
            "Your answer: yes, {n} person.", "Your answer: yes, {n} people.", party_size
        ).format(n=party_size)
    if answer == Answer.MAYBE:
        return ngettext(
            "Your answer: maybe, {n} person.", "Your answer: maybe, {n} people.", party_size
        ).format(n=party_size)
    if answer == Answer.NO:
        return _("Your answer: no.")
    return _("You have not answered yet.")


def _notice(code: str) -> str:
    if code == "saved":
        return _("Thank you. Your answer is saved.")
    if code == "waitlisted":
        return _(
            "Thank you. The session is full, so you are on the waiting list. "
            "We will let you know when a place opens."
        )
    if code == "optout":
        return _("Your choice about messages is saved.")
    return ""


def _language_links(base: str, parent_language: str, current: str) -> tuple[LanguageLink, ...]:
    codes = [c for c in dict.fromkeys([parent_language, "nl", "en"]) if c in SUPPORTED_LANGUAGES]
    return tuple(
        LanguageLink(
            code=code,
            name=language_name(code),
            href=f"{base}?{urlencode({'lang': code})}",
            current=code == current,
        )
        for code in codes
    )
