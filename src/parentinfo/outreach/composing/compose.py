"""What each parent receives: the SMS, the email subject, text and HTML, in their own language.

A pure core apart from reading templates: the caller gathers everything into a
:class:`MessageContext` (no ORM objects), and :func:`compose` renders
``templates/outreach/<kind>.sms.txt``, ``<kind>.email.txt`` and ``<kind>.email.html``
in the parent's language. Times are shown in the event's time zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list

from parentinfo.i18n import language_name, ngettext, pgettext, use_language
from parentinfo.lib.enums import Answer, MessageKind, Topic
from parentinfo.messaging.segments import GSM7, UCS2, count_segments
from parentinfo.outreach.composing.keywords import Asks, reply_prompt, stop_hint
from parentinfo.outreach.composing.plain import normalise_sms, plain_text
from parentinfo.templating import render

KINDS: tuple[MessageKind, ...] = (
    MessageKind.INVITATION,
    MessageKind.REMINDER,
    MessageKind.CHANGE,
    MessageKind.CANCELLATION,
    MessageKind.CONFIRMATION,
    MessageKind.FOLLOWUP,
    MessageKind.NUDGE,
)


@dataclass(frozen=True, kw_only=True)
class MessageContext:
    """Everything one message needs, already chosen (title by the fallback chain, plain or not)."""

    language: str
    kind: MessageKind
    title: str
    description: str = ""
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    timezone: str = "Europe/Amsterdam"
    topic: Topic = Topic.OTHER
    venue: str = ""
    address: str = ""
    accessibility_notes: str = ""  # in the parent's language, by the fallback chain
    directions: str = ""  # how to find the room, likewise
    childcare: bool = False
    session_languages: tuple[str, ...] = ()
    interpreter_languages: tuple[str, ...] = ()
    host_names: tuple[str, ...] = ()
    guest_name: str = ""  # a partner facility presenting at a mothers'-network meeting
    sender_name: str = ""  # the organisation the parent knows; opens every SMS
    recipient_name: str = ""  # for the greeting of an email
    reply_code: str = ""
    several_open: bool = False  # the parent has other open invitations: ask for "JA K7"
    page_url: str = ""  # the parent's /r/{token} page
    plain: bool = False  # send the SMS without diacritics (GSM-7)
    answer: Answer = Answer.NONE  # the parent's answer so far (reminder, change, confirmation)
    party_size: int = 1
    waitlisted: bool = False  # confirmation of a yes when the session is full
    time_changed: bool = False  # change notice: the time moved
    place_changed: bool = False  # change notice: the venue or address moved
    attended: bool = True  # follow-up: thanks for coming, or we missed you
    followup_links: tuple[tuple[str, str], ...] = field(default=())  # (label, url); else by topic


@dataclass(frozen=True)
class Composed:
    """One message rendered for every channel."""

    subject: str
    text: str
    html: str
    sms: str


def compose(ctx: MessageContext) -> Composed:
    """Render the SMS and the email of ``ctx.kind`` in ``ctx.language``."""
    if ctx.kind not in KINDS:
        raise ValueError(f"no outreach template for {ctx.kind}")
    with use_language(ctx.language):
        values = _values(ctx)
        sms = _fitted_sms(ctx, values)
        text = render(f"outreach/{ctx.kind}.email.txt", **values)
        html = render(f"outreach/{ctx.kind}.email.html", **values)
        subject = values["headline"]
    return Composed(subject=subject, text=_paragraphs(text), html=html, sms=sms)


# Lines an SMS prints only while it stays within its budget of parts, most useful first. Who
# invites, to what, when, where, how to answer, the link and STOP are always there; the
# parent's page has the rest. A part is the cost of reaching a parent: docs/performance.md.
_EXTRAS: dict[MessageKind, tuple[str, ...]] = {
    MessageKind.INVITATION: ("languages", "ends", "childcare"),
    MessageKind.REMINDER: ("ends",),
    MessageKind.CHANGE: ("ends",),
    MessageKind.CANCELLATION: ("ends",),
}
# At most this many parts when there are extras to leave out: 306 GSM-7 characters, 201 UCS-2.
PARTS_BUDGET = {GSM7: 2, UCS2: 3}


def _fitted_sms(ctx: MessageContext, values: dict[str, Any]) -> str:
    """The SMS with every extra line that keeps it within budget (or within the parts it
    needs anyway, when what it must say takes more)."""

    def rendered(extras: frozenset[str]) -> str:
        sms = _tidy(render(f"outreach/{ctx.kind}.sms.txt", **values, extras=extras))
        return plain_text(sms, ctx.language) if ctx.plain else normalise_sms(sms)

    kept: frozenset[str] = frozenset()
    best = rendered(kept)
    essential = count_segments(best)
    limit = max(PARTS_BUDGET[essential.encoding], essential.segments)
    for extra in _EXTRAS.get(ctx.kind, ()):
        candidate = rendered(kept | {extra})
        if count_segments(candidate).segments <= limit:
            kept, best = kept | {extra}, candidate
    return best


# Every fixed text of this domain has the context "outreach": the catalogs of all features are
# merged into one, and a page's "Hello," must not replace a parent's greeting, nor the reverse.
_LINKS: dict[Topic, tuple[tuple[Callable[[], str], str, str], ...]] = {
    # (label, Dutch page, English page where one exists)
    Topic.LIBRARY: (
        (lambda: pgettext("outreach", "The library"), "https://www.bibliotheek.nl", ""),
    ),
    Topic.PLAYGROUP: (
        (
            lambda: pgettext("outreach", "Playgroups and childcare"),
            "https://www.rijksoverheid.nl/onderwerpen/kinderopvang",
            "",
        ),
    ),
    Topic.SCHOOL_SYSTEM: (
        (
            lambda: pgettext("outreach", "Primary school in the Netherlands"),
            "https://www.rijksoverheid.nl/onderwerpen/basisonderwijs",
            "https://www.government.nl/topics/primary-education",
        ),
    ),
    Topic.YOUTH_HEALTH_CARE: (
        (
            lambda: pgettext("outreach", "Youth health care (JGZ)"),
            "https://www.rijksoverheid.nl/onderwerpen/jeugdgezondheidszorg",
            "",
        ),
    ),
    Topic.SPORT_AND_CULTURE: (
        (
            lambda: pgettext("outreach", "Sport and culture for children"),
            "https://www.jeugdfondssportencultuur.nl",
            "",
        ),
    ),
}
_LINKS[Topic.MOTHERS_NETWORK] = _LINKS[Topic.LIBRARY] + _LINKS[Topic.PLAYGROUP]


def followup_links(topic: Topic, language: str) -> list[tuple[str, str]]:
    """Facilities of ``topic`` as (label in ``language``, url); Dutch readers get Dutch pages."""
    with use_language(language):
        return [
            (label(), english if english and language != "nl" else dutch)
            for label, dutch, english in _LINKS.get(topic, ())
        ]


def _values(ctx: MessageContext) -> dict[str, Any]:
    """What the templates see: the context plus formatted times, prompts and lines."""
    code = ctx.reply_code if ctx.several_open else ""
    asks = _asks(ctx)
    return {
        "ctx": ctx,
        "title": ctx.title,
        "headline": _headline(ctx),
        # A line of its own, like a letterhead: a newline costs one character, ": " two.
        "sender": f"{ctx.sender_name}\n" if ctx.sender_name else "",
        "when_short": when_short(ctx.starts_at, ctx.ends_at, ctx.timezone, ctx.language),
        "when_starts": when_starts(ctx.starts_at, ctx.timezone, ctx.language),
        "when_long": when_long(ctx.starts_at, ctx.ends_at, ctx.timezone, ctx.language),
        "place": _place(ctx),
        "where": ", ".join(part for part in (ctx.venue, ctx.address) if part),
        "paragraphs": [p.strip() for p in ctx.description.split("\n\n") if p.strip()],
        "hosts": _join(list(ctx.host_names), ctx.language),
        "language_line": _language_line(ctx, full=False),
        "languages_full": _language_line(ctx, full=True),
        "party_line": _party_line(ctx),
        "prompt": reply_prompt(ctx.language, asks, code=code) if asks else "",
        "stop": stop_hint(),
        "links": list(ctx.followup_links) or followup_links(ctx.topic, ctx.language),
    }


_HEADLINES: dict[MessageKind, Callable[[], str]] = {
    MessageKind.INVITATION: lambda: pgettext("outreach", "Invitation: %(title)s"),
    MessageKind.REMINDER: lambda: pgettext("outreach", "Reminder: %(title)s"),
    MessageKind.CHANGE: lambda: pgettext("outreach", "Changed: %(title)s"),
    MessageKind.CANCELLATION: lambda: pgettext("outreach", "Cancelled: %(title)s"),
    MessageKind.CONFIRMATION: lambda: pgettext("outreach", "Your answer: %(title)s"),
    MessageKind.FOLLOWUP: lambda: pgettext("outreach", "After the session: %(title)s"),
    MessageKind.NUDGE: lambda: pgettext("outreach", "Are you coming? %(title)s"),
}


def answer_headline(title: str) -> str:
    """The subject of an email about the parent's answer ("Your answer: …")."""
    return _HEADLINES[MessageKind.CONFIRMATION]() % {"title": title}


def _place(ctx: MessageContext) -> str:
    """Where, in one short line: the venue, or the address when the venue is the sender itself
    (its name already opens the SMS, and the address then says more in fewer characters)."""
    if ctx.address and ctx.venue.strip().casefold() == ctx.sender_name.strip().casefold():
        return ctx.address
    return ctx.venue or ctx.address


def _headline(ctx: MessageContext) -> str:
    """The subject of the email and the first line of the SMS."""
    if ctx.kind == MessageKind.CONFIRMATION and ctx.answer == Answer.YES and ctx.waitlisted:
        return pgettext("outreach", "Waiting list: %(title)s") % {"title": ctx.title}
    return _HEADLINES[ctx.kind]() % {"title": ctx.title}


def _asks(ctx: MessageContext) -> Asks | None:
    """Which reply words the message asks for, given the kind and the answer so far."""
    if ctx.kind in (MessageKind.INVITATION, MessageKind.NUDGE):
        return "all"
    if ctx.kind in (MessageKind.REMINDER, MessageKind.CHANGE, MessageKind.CONFIRMATION):
        if ctx.answer == Answer.YES:
            return "no" if ctx.kind != MessageKind.CONFIRMATION else None
        if ctx.answer == Answer.NO:
            return "yes"
        if ctx.answer == Answer.MAYBE:
            return "yes_no"
        return "all" if ctx.kind == MessageKind.CHANGE else None
    return None


def _language_line(ctx: MessageContext, *, full: bool) -> str:
    """The session's languages; an SMS says only what the parent would not assume."""
    own = ctx.language
    served = own in ctx.session_languages or own in ctx.interpreter_languages
    parts: list[str] = []
    if ctx.session_languages and (full or not served):
        names = [language_name(code, in_language=own) for code in ctx.session_languages]
        text = pgettext("outreach", "Language: %(languages)s.")
        parts.append(text % {"languages": _join(names, own)})
    interpreters = ctx.interpreter_languages if full else ()
    if not full and own in ctx.interpreter_languages:
        interpreters = (own,)
    if interpreters:
        names = [language_name(code, in_language=own) for code in interpreters]
        text = pgettext("outreach", "Interpreter: %(languages)s.")
        parts.append(text % {"languages": _join(names, own)})
    return " ".join(parts)


def _party_line(ctx: MessageContext) -> str:
    """How many people the parent registered, only worth saying when more than one."""
    if ctx.answer != Answer.YES or ctx.party_size <= 1:
        return ""
    return ngettext(
        "Registered: %(num)d person.", "Registered: %(num)d people.", ctx.party_size
    ) % {"num": ctx.party_size}


def _paragraphs(text: str) -> str:
    """At most one blank line between paragraphs, whatever the template's blocks left."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _tidy(sms: str) -> str:
    """One line per template line, no blank lines: a newline costs what a space costs."""
    return "\n".join(line.strip() for line in sms.splitlines() if line.strip())


def sms_locale(language: str) -> Locale:
    """The locale our messages write dates in (``en`` is British: 24 hours, ``28 Mar``)."""
    return _locale(language)


@cache
def _locale(language: str) -> Locale:
    """The locale for dates; English readers in the Netherlands get 24 hours and 28 Mar."""
    try:
        return Locale.parse("en_GB" if language == "en" else language)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")


def when_short(start: datetime, end: datetime, tz: str, language: str) -> str:
    """Compact, for an SMS: ``zo 28 mrt 10:00-12:00`` (``niedz., 28 mar 10:00-12:00``)."""
    zone, locale = ZoneInfo(tz), _locale(language)
    first, last = start.astimezone(zone), end.astimezone(zone)
    day = format_skeleton("MMMEd", first, locale=locale)
    if first.date() == last.date():
        return f"{day} {first:%H:%M}-{last:%H:%M}"
    return f"{day} {first:%H:%M} - {format_skeleton('MMMEd', last, locale=locale)} {last:%H:%M}"


def when_starts(start: datetime, tz: str, language: str) -> str:
    """The day and the start only, for an SMS short of room: ``zo 28 mrt 10:00``."""
    first = start.astimezone(ZoneInfo(tz))
    return f"{format_skeleton('MMMEd', first, locale=_locale(language))} {first:%H:%M}"


def when_long(start: datetime, end: datetime, tz: str, language: str) -> str:
    """In full, for an email: ``zondag 28 maart 2027, 10:00–12:00``."""
    zone, locale = ZoneInfo(tz), _locale(language)
    first, last = start.astimezone(zone), end.astimezone(zone)
    day = format_date(first, "full", locale=locale)
    if first.date() == last.date():
        return f"{day}, {format_interval(first.time(), last.time(), 'Hm', locale=locale)}"
    return f"{day}, {first:%H:%M} – {format_date(last, 'full', locale=locale)}, {last:%H:%M}"


def _join(items: list[str], language: str) -> str:
    """``A, B en C`` as the language writes a list."""
    return format_list(items, locale=_locale(language)) if items else ""
