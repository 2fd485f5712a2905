"""The WhatsApp Content templates: per message kind, the text in our catalogs, the numbered
variables Twilio fills in, sample values, and the Yes / No / Maybe buttons.

Twilio (and Meta behind it) holds a copy of each template, per language, under a ContentSid
staff paste into :class:`~parentinfo.messaging.models.WhatsAppTemplate`. Ours is the
original: :func:`definition` builds what ``parentinfo whatsapp templates`` prints to submit,
and :func:`render` the exact text a parent reads (the preview, the simulator and the outbox
row show it). A body is built from lines of the ``outreach`` catalog, most of them the
lines our SMS and emails already use, so every language reads the same in every channel.

Meta rejects a template whose body starts or ends with a variable, or has two variables
side by side (:func:`placement_problems` checks all three, for every language). A button's
id carries the invitation's token as a variable, so a tap answers exactly one invitation
(``rsvp.buttons.button_payload``); Twilio hands the id back as ``ButtonPayload``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from parentinfo.i18n import pgettext, use_language
from parentinfo.lib.enums import Answer, MessageKind
from parentinfo.outreach.composing.keywords import STOP_WORD
from parentinfo.rsvp.buttons import BUTTON_ANSWERS, button_payload

MAX_BODY = 1024  # characters in a template body (Twilio's Content API)
MAX_BUTTON_TITLE = 20  # characters in a quick-reply button's title (WhatsApp)
TOKEN = "token"  # noqa: S105 - a variable name, not a secret; the variable a button's id carries: the invitation's opaque token

# What each variable holds, and the sample Meta's reviewers see in its place.
SAMPLES: dict[str, str] = {
    "title": "Information evening",
    "sender": "De Regenboog primary school",
    "when": "Thu 12 Mar 19:00-20:30",
    "place": "Kerkstraat 1, Utrecht",
    "link": "https://parentinfo.example/r/k3Xb9QzP2m",
    TOKEN: "k3Xb9QzP2m",
}
_MARK = re.compile(r"\{\{([a-z]+)\}\}")  # a named variable while a body is being built
_NUMBERED = re.compile(r"\{\{(\d+)\}\}")


@dataclass(frozen=True)
class Button:
    """One quick-reply button: its title in the parent's language and the answer it gives."""

    title: str
    answer: Answer
    id: str  # with the token's variable: "rsvp:{{6}}:yes"


@dataclass(frozen=True)
class TemplateDefinition:
    """One kind's template in one language, as Twilio's Content API takes it.

    ``body`` has Twilio's numbered variables ("{{1}}"); ``variables`` names them in number
    order ("1" is ``variables[0]``); ``samples`` are the values Meta's reviewers see.
    """

    kind: MessageKind
    language: str
    body: str
    variables: tuple[str, ...]
    samples: dict[str, str]
    buttons: tuple[Button, ...] = ()

    @property
    def friendly_name(self) -> str:
        """The name staff find it by in Twilio's console: ``parentinfo_invitation_pl``."""
        return f"parentinfo_{self.kind.value}_{self.language}"

    @property
    def content_type(self) -> str:
        """``twilio/quick-reply`` with buttons, else ``twilio/text``."""
        return "twilio/quick-reply" if self.buttons else "twilio/text"

    def number_of(self, name: str) -> str:
        """The number ("3") Twilio knows the variable ``name`` by."""
        return str(self.variables.index(name) + 1)


# The lines of each kind's body, each at most one variable, in the order a parent reads them.
# Lines are lambdas so the catalog is read in the language of the moment.
_Line = Callable[[], str]


def _hello() -> str:
    return pgettext("outreach", "Hello,")


def _from() -> str:
    return pgettext("outreach", "Organised by:") + " {{sender}}"


def _when() -> str:
    return pgettext("outreach", "When:") + " {{when}}"


def _where() -> str:
    return pgettext("outreach", "Where:") + " {{place}}"


def _stop() -> str:
    return pgettext("outreach", "No more messages? Reply %(stop)s.") % {"stop": STOP_WORD}


def _headline(text: Callable[[], str]) -> _Line:
    return lambda: text() % {"title": "{{title}}"}


def _then_link(text: Callable[[], str]) -> _Line:
    return lambda: text() + " {{link}}"


_LINES: dict[MessageKind, tuple[_Line, ...]] = {
    MessageKind.INVITATION: (
        _hello,
        _headline(lambda: pgettext("outreach", "Invitation: %(title)s")),
        _from,
        _when,
        _where,
        lambda: pgettext("outreach", "Will you come? Tap a button below."),
        _then_link(lambda: pgettext("outreach", "More information:")),
        _stop,
    ),
    MessageKind.NUDGE: (
        _hello,
        lambda: pgettext(
            "outreach", "We have not heard from you yet. Please tell us if you are coming."
        ),
        _headline(lambda: pgettext("outreach", "Invitation: %(title)s")),
        _from,
        _when,
        lambda: pgettext("outreach", "Tap a button below to answer."),
        _then_link(lambda: pgettext("outreach", "More information:")),
        _stop,
    ),
    MessageKind.REMINDER: (
        _hello,
        _headline(lambda: pgettext("outreach", "Reminder: %(title)s")),
        _from,
        _when,
        _where,
        _then_link(
            lambda: pgettext("outreach", "Can't come after all? Let us know on your own page:")
        ),
        _stop,
    ),
    MessageKind.CHANGE: (
        _hello,
        _headline(lambda: pgettext("outreach", "Changed: %(title)s")),
        _from,
        lambda: pgettext("outreach", "The session has changed. Please check the new details."),
        _when,
        _where,
        _then_link(
            lambda: pgettext("outreach", "Can you still come? Let us know on your own page:")
        ),
        _stop,
    ),
    MessageKind.CANCELLATION: (
        _hello,
        _headline(lambda: pgettext("outreach", "Cancelled: %(title)s")),
        _from,
        _when,
        lambda: pgettext("outreach", "This session will not take place. We are sorry."),
        _stop,
    ),
}
WITH_BUTTONS = frozenset({MessageKind.INVITATION, MessageKind.NUDGE})
# The kinds that may go by WhatsApp (each has a template). Confirmations and replies answer a
# parent who just wrote, inside the window, as free text; they need no template.
WHATSAPP_KINDS: tuple[MessageKind, ...] = tuple(_LINES)


def button_titles() -> dict[Answer, str]:
    """The buttons' titles in the current language (at most 20 characters each)."""
    return {
        Answer.YES: pgettext("whatsapp button", "Yes"),
        Answer.NO: pgettext("whatsapp button", "No"),
        Answer.MAYBE: pgettext("whatsapp button", "Maybe"),
    }


def definition(kind: MessageKind, language: str) -> TemplateDefinition:
    """The template of ``kind`` in ``language``, numbered as Twilio takes it."""
    if kind not in _LINES:
        raise ValueError(f"{kind} has no WhatsApp template")
    with use_language(language):
        named = "\n".join(line() for line in _LINES[kind])
        titles = button_titles() if kind in WITH_BUTTONS else {}
    order = list(dict.fromkeys(_MARK.findall(named)))
    if titles:
        order.append(TOKEN)
    numbers = {name: str(i + 1) for i, name in enumerate(order)}
    body = _MARK.sub(lambda m: "{{" + numbers[m.group(1)] + "}}", named)
    token = "{{" + numbers[TOKEN] + "}}" if titles else ""
    buttons = tuple(
        Button(title=titles[answer], answer=answer, id=button_payload(token, answer))
        for answer in BUTTON_ANSWERS
        if titles
    )
    return TemplateDefinition(
        kind=kind,
        language=language,
        body=body,
        variables=tuple(order),
        samples={numbers[name]: SAMPLES[name] for name in order},
        buttons=buttons,
    )


def content_variables(template: TemplateDefinition, values: Mapping[str, str]) -> dict[str, str]:
    """The ``ContentVariables`` of one message: each numbered variable's value."""
    return {template.number_of(name): one_line(values[name]) for name in template.variables}


def render(kind: MessageKind, language: str, variables: Mapping[str, str]) -> str:
    """The exact text the parent reads (without the buttons), ``variables`` by name."""
    template = definition(kind, language)
    filled = content_variables(template, variables)
    return _NUMBERED.sub(lambda m: filled[m.group(1)], template.body)


def one_line(value: str) -> str:
    """A variable's value on one line, never empty: Meta refuses newlines and empty values."""
    text = " ".join(str(value).split())
    return text or "-"


def placement_problems(body: str) -> list[str]:
    """What Meta would reject in a body: a variable first or last, or two side by side."""
    problems: list[str] = []
    text = body.strip()
    if _NUMBERED.match(text):
        problems.append("starts with a variable")
    if re.search(r"\{\{\d+\}\}[\s\W]*$", text):
        problems.append("ends with a variable")
    between = _NUMBERED.split(text)[2:-1:2]  # the text between consecutive variables
    if any(not re.search(r"\w", part) for part in between):
        problems.append("has two variables side by side")
    if len(text) > MAX_BODY:
        problems.append(f"is longer than {MAX_BODY} characters")
    return problems
