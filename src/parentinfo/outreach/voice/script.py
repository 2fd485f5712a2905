"""What a call says, in the parent's language: a pure core, built from the SMS's facts.

A call is heard once, so its lines are short sentences in the order a listener needs them
(who calls, what, when, where, then the keys), dates and times are spoken as words
(``zondag 28 maart``, ``19:30``), and a phone number is read digit by digit. Every line is
one prompt of :data:`parentinfo.outreach.voice.voices.PROMPTS` or a line of its own; the
TwiML is built from them by :mod:`parentinfo.outreach.voice.twiml`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_date

from parentinfo.i18n import language_name, pgettext, use_language
from parentinfo.outreach.composing.compose import Composed, MessageContext, sms_locale

YES_KEY, NO_KEY, MAYBE_KEY, REPEAT_KEY = "1", "2", "3", "9"
MAX_BAD_KEYS = 3  # after this many keys that mean nothing, a polite goodbye
MAX_PARTY = 9  # one key: a household of up to nine
WORDS_PER_MINUTE = 130  # text-to-speech at a calm pace, for the cost estimate
CALL_OVERHEAD_SECONDS = 20  # ringing, pressing keys, "how many people", the confirmation


@dataclass(frozen=True)
class Lines:
    """Everything one call may say about one invitation, already in the parent's language."""

    invitation: str  # who, what, when, where, interpreter, childcare, then the keys
    party_size: str
    again: str  # "I did not understand"
    goodbye: str  # after three keys that meant nothing
    no: str
    maybe: str
    waiting: str  # a yes that did not fit: on the waiting list
    bye: str


def spoken_when(ctx: MessageContext) -> tuple[str, str]:
    """The day (``zondag 28 maart``) and the start (``19:30``), as the listener hears them."""
    local = ctx.starts_at.astimezone(ZoneInfo(ctx.timezone))
    day = format_date(local, "EEEE d MMMM", locale=sms_locale(ctx.language))
    return str(day), f"{local:%H:%M}"


def spoken_number(number: str) -> str:
    """A phone number read digit by digit; a Dutch one in the form people dial (0…)."""
    digits = number.strip()
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    return " ".join(ch for ch in digits if ch.isdigit() or ch == "+")


def invitation_text(ctx: MessageContext) -> str:
    """The invitation as spoken: the facts of the SMS, then the menu of keys."""
    with use_language(ctx.language):
        return " ".join([*_facts(ctx), menu_text()])


def menu_text() -> str:
    """The keys, in the current language."""
    return pgettext(
        "outreach",
        "Press 1 if you will come. Press 2 if you will not come. Press 3 if you are not sure. "
        "Press 9 to hear this again.",
    )


def _facts(ctx: MessageContext) -> list[str]:
    sender = ctx.sender_name or ", ".join(ctx.host_names)
    lines = []
    if sender:
        lines.append(pgettext("outreach", "Hello, this is %(sender)s.") % {"sender": sender})
    else:
        lines.append(pgettext("outreach", "Hello."))
    lines.append(pgettext("outreach", "We invite you to: %(title)s.") % {"title": ctx.title})
    day, start = spoken_when(ctx)
    lines.append(
        pgettext("outreach", "It is on %(day)s, at %(time)s.") % {"day": day, "time": start}
    )
    place = ", ".join(part for part in (ctx.venue, ctx.address) if part)
    if place:
        lines.append(pgettext("outreach", "The place is: %(place)s.") % {"place": place})
    if ctx.interpreter_languages:
        names = [language_name(c, in_language=ctx.language) for c in ctx.interpreter_languages]
        text = pgettext("outreach", "An interpreter is there for: %(languages)s.")
        lines.append(text % {"languages": ", ".join(names)})
    if ctx.childcare:
        lines.append(pgettext("outreach", "There is childcare for your children."))
    return lines


def lines_for(ctx: MessageContext) -> Lines:
    """Every line of a call about this invitation, in ``ctx.language``."""
    with use_language(ctx.language):
        return Lines(
            invitation=" ".join([*_facts(ctx), menu_text()]),
            party_size=pgettext("outreach", "How many people will come? Press the number."),
            again=pgettext("outreach", "Sorry, we did not understand that."),
            goodbye=pgettext(
                "outreach",
                "Sorry, we could not understand your answer. You can call this number back. "
                "Goodbye.",
            ),
            no=pgettext("outreach", "Thank you for letting us know."),
            maybe=pgettext("outreach", "Thank you. Call this number again when you know."),
            waiting=pgettext(
                "outreach",
                "Thank you. The session is full, so you are on the waiting list. "
                "We will let you know when there is a place for you.",
            ),
            bye=pgettext("outreach", "Goodbye."),
        )


def confirmed_text(language: str, party_size: int) -> str:
    """A yes that got its places: thanks, and how many people we wrote down."""
    with use_language(language):
        text = pgettext("outreach", "Thank you, we have your answer. Number of people: %(count)s.")
        return text % {"count": party_size}


def machine_text(language: str, *, sender: str, call_back: str) -> str:
    """The short message for an answering machine: who called, and the number to call back."""
    with use_language(language):
        text = pgettext(
            "outreach",
            "Hello, this is %(sender)s, with an invitation for you. "
            "Please call us back on %(number)s. Thank you.",
        )
        return text % {"sender": sender, "number": spoken_number(call_back)}


def next_invitation_text(language: str) -> str:
    """Between two invitations of an inbound call."""
    with use_language(language):
        return pgettext("outreach", "Here is the next invitation.")


def nothing_open_text(language: str) -> str:
    """A known parent who called in with no invitation waiting for an answer."""
    with use_language(language):
        return pgettext("outreach", "Hello. You have no open invitations right now. Goodbye.")


def unknown_caller_text(language: str) -> str:
    """A caller whose number no organisation knows (spoken in Dutch, then English)."""
    with use_language(language):
        return pgettext(
            "outreach",
            "Hello. We do not know your phone number. Please ask your school for help. Goodbye.",
        )


def estimated_minutes(text: str) -> int:
    """Started minutes of a call that speaks ``text`` once, with the keys, the party size
    and the confirmation around it (Twilio bills every started minute)."""
    words = len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE + CALL_OVERHEAD_SECONDS / 60))


def spoken(ctx: MessageContext) -> Composed:
    """The call's invitation as the outbox row keeps it (the body; no subject, no HTML)."""
    text = invitation_text(ctx)
    return Composed(subject="", text=text, html="", sms=text)
