"""The options of the select boxes and checkboxes, labelled in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from parentinfo.i18n import current_language, language_name, lazy
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES, ConsentMethod, Topic

Options = list[tuple[str, str]]

METHOD_LABELS: dict[str, str] = {
    ConsentMethod.PAPER_FORM: lazy("Signed paper form"),
    ConsentMethod.VERBAL: lazy("Said so in person or by phone"),
    ConsentMethod.AT_THE_DOOR: lazy("At the door of a session"),
    ConsentMethod.WEB: lazy("On the web"),
    ConsentMethod.SMS: lazy("By SMS"),
    ConsentMethod.IMPORT: lazy("From an imported list"),
}
TOPIC_LABELS: dict[str, str] = {
    Topic.SCHOOL_SYSTEM: lazy("The Dutch school system"),
    Topic.LIBRARY: lazy("The library"),
    Topic.PLAYGROUP: lazy("Playgroup"),
    Topic.SPORT_AND_CULTURE: lazy("Sport and culture"),
    Topic.YOUTH_HEALTH_CARE: lazy("Youth health care"),
    Topic.MOTHERS_NETWORK: lazy("Mothers' network"),
    Topic.OTHER: lazy("Other"),
}
AGE_LABELS: dict[str, str] = {
    "0-3": lazy("0–3 years"),
    "4-11": lazy("4–11 years"),
    "12-17": lazy("12–17 years"),
}


def languages(codes: tuple[str, ...] = SUPPORTED_LANGUAGES) -> Options:
    """Language codes with their names in the page's language (and in themselves)."""
    here = current_language()
    options = []
    for code in codes:
        own, local = language_name(code), language_name(code, in_language=here)
        options.append((code, local if own == local else f"{local} — {own}"))
    return options


def language_names(codes: tuple[str, ...] = SUPPORTED_LANGUAGES) -> dict[str, str]:
    """``{"pl": "Pools", ...}``: each language's name in the page's language."""
    return {code: language_name(code, in_language=current_language()) for code in codes}


@dataclass(frozen=True)
class ContactChoices:
    """Options on the contact forms."""

    languages: Options
    age_groups: Options
    channels: Options
    methods: Options


def contact_choices() -> ContactChoices:
    """The contact forms' options, translated."""
    return ContactChoices(
        languages=languages(),
        age_groups=[(g, _(AGE_LABELS[g])) for g in AGE_GROUPS],
        channels=[
            ("sms", _("SMS")),
            ("email", _("Email")),
            ("whatsapp", _("WhatsApp")),
            ("voice", _("Phone call (the parent asked to be called)")),
        ],
        methods=[(m.value, _(METHOD_LABELS[m])) for m in ConsentMethod],
    )


def topics() -> Options:
    """Event topics, translated."""
    return [(t.value, _(TOPIC_LABELS[t])) for t in Topic]
