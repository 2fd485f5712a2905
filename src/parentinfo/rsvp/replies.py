"""The texts we answer an SMS with, in the language of the moment (``use_language``).

Short on purpose: every character past 70 (UCS-2) costs another SMS part. The reply words
we suggest come from the same table the invitations print (``outreach.keywords``), so we
never ask a parent to type a word the parser does not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parentinfo.i18n import gettext as _
from parentinfo.i18n import ngettext, use_language
from parentinfo.lib.enums import Answer
from parentinfo.outreach.composing.keywords import STOP_WORD, reply_words

START_WORD = "START"


@dataclass(frozen=True)
class EventLine:
    """What a reply says about one event: its code, title and when."""

    code: str
    title: str
    when: str


def confirmation(
    *,
    language: str,
    answer: Answer,
    party_size: int,
    waitlisted: bool,
    event: EventLine,
    page_url: str,
    kept_fewer: bool = False,
) -> str:
    """Thanks, what we noted, and the parent's page (with the calendar invite)."""
    words = reply_words(language)
    values = {"title": event.title, "when": event.when, "num": party_size}
    if answer == Answer.YES and waitlisted:
        head = ngettext(
            "%(title)s is full, so you are on the waiting list (%(num)d person). "
            "We will send an SMS when a place is free.",
            "%(title)s is full, so you are on the waiting list (%(num)d people). "
            "We will send an SMS when a place is free.",
            party_size,
        )
    elif answer == Answer.YES:
        head = ngettext(
            "Thank you! You are coming to %(title)s, %(when)s (%(num)d person).",
            "Thank you! You are coming to %(title)s, %(when)s (%(num)d people).",
            party_size,
        )
    elif answer == Answer.NO:
        head = _("Thank you for letting us know you cannot come to %(title)s.")
        head += " " + _("If you change your mind, reply %(yes)s.") % {"yes": words.yes}
    else:
        head = _("Thank you, we noted maybe for %(title)s, %(when)s.")
        head += " " + _("When you know, reply %(yes)s or %(no)s.") % {
            "yes": words.yes,
            "no": words.no,
        }
    text = head % values
    if kept_fewer:
        text += " " + _("It is nearly full: we kept the places you had.")
    return f"{text}\n{_page_line()} {page_url}"


def _page_line() -> str:
    return _("Your page and calendar invite:")


def promoted(*, event: EventLine, party_size: int, page_url: str) -> str:
    """A place came free for someone on the waiting list."""
    text = ngettext(
        "Good news: a place came free. You are coming to %(title)s, %(when)s (%(num)d person).",
        "Good news: places came free. You are coming to %(title)s, %(when)s (%(num)d people).",
        party_size,
    ) % {"title": event.title, "when": event.when, "num": party_size}
    return f"{text}\n{_page_line()} {page_url}"


def several_open(*, language: str, events: Sequence[EventLine]) -> str:
    """Which invitation is this for? Lists the codes to answer with."""
    words = reply_words(language)
    example = events[0].code if events else "K7"
    lines = [
        _("You have several invitations. Reply with your answer and the code, e.g. %(example)s:")
        % {"example": f"{words.yes} {example}"}
    ]
    lines.extend(f"{e.code}: {e.title}, {e.when}" for e in events)
    return "\n".join(lines)


def not_understood(*, language: str) -> str:
    """How to answer, with the words of the parent's language."""
    words = reply_words(language)
    return _(
        "Sorry, we did not understand. Reply %(yes)s (1), %(no)s (2) or %(maybe)s (3). "
        "Coming with 3 people? Reply %(yes)s 3."
    ) % {"yes": words.yes, "no": words.no, "maybe": words.maybe}


def on_hold() -> str:
    """A reply that may have been an opt-out: a person reads it; nothing is sent meanwhile."""
    return _(
        "Thank you for your message. A person will read it; until then we will not send you "
        "anything."
    )


def question_noted() -> str:
    """The parent asked something: a person will answer (not the how-to-answer help)."""
    return _("Thank you for your question. A person will answer you soon.")


def no_open_invitation() -> str:
    """An answer, but nothing open to answer."""
    return _("Thank you. You have no open invitation at the moment, so there is nothing to answer.")


def too_long() -> str:
    """A message past 1,600 characters: kept for a person to read."""
    return _("Your message is too long for us to read automatically. Someone will look at it.")


def opted_out(*, email_too: bool) -> str:
    """STOP confirmed."""
    if email_too:
        text = _("You will no longer receive messages from us, by SMS or email.")
    else:
        text = _("You will no longer receive SMS from us.")
    return text + " " + _("Reply %(start)s to receive them again.") % {"start": START_WORD}


def opted_in(*, after_yes: bool) -> str:
    """START confirmed (or YES from someone who had opted out)."""
    text = _("Welcome back: you will receive our messages again. Reply %(stop)s to stop.") % {
        "stop": STOP_WORD
    }
    if after_yes:
        text += " " + _("Did you mean to answer an invitation? Please send your answer again.")
    return text


def help_text(*, senders: Sequence[str], phone: str = "") -> str:
    """Who sends these messages and how to stop them."""
    text = _(
        "These messages about meetings for parents come from %(senders)s. "
        "Reply %(stop)s to stop them."
    ) % {"senders": ", ".join(senders) or "parentinfo", "stop": STOP_WORD}
    if phone:
        text += " " + _("Questions? Call %(phone)s.") % {"phone": phone}
    return text


def unknown_number() -> str:
    """We do not know the sender: the same polite answer in English and Dutch."""
    parts = []
    for language in ("en", "nl"):
        with use_language(language):
            parts.append(
                _(
                    "Sorry, we do not know this number, so we cannot link your message to an "
                    "invitation. Please contact the school or organisation that invited you."
                )
            )
    return "\n\n".join(parts)


def button_not_valid() -> str:
    """A WhatsApp button that answers nothing any more (old, cancelled, not this parent's)."""
    return _(
        "Sorry, this button no longer works, so nothing was changed. "
        "The event may be over or cancelled."
    )


def cannot_process() -> str:
    """Something went wrong on our side; the message is kept for a person."""
    return _("Thank you. We could not process your message right now; someone will look at it.")
