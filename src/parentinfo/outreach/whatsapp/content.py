"""Our templates as Twilio's Content API takes them (``POST /v1/Content``), to submit for
WhatsApp's approval: ``parentinfo whatsapp templates`` prints these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parentinfo.lib.enums import SUPPORTED_LANGUAGES, MessageKind
from parentinfo.outreach.whatsapp.templates import (
    MAX_BUTTON_TITLE,
    WHATSAPP_KINDS,
    TemplateDefinition,
    definition,
    placement_problems,
)


def content_request(template: TemplateDefinition) -> dict[str, Any]:
    """One template as the Content API's create request: name, language, samples, type."""
    part: dict[str, Any] = {"body": template.body}
    if template.buttons:
        part["actions"] = [{"title": b.title, "id": b.id} for b in template.buttons]
    return {
        "friendly_name": template.friendly_name,
        "language": template.language,
        "variables": template.samples,
        "types": {template.content_type: part},
    }


def all_definitions(
    kinds: Iterable[MessageKind] = WHATSAPP_KINDS,
    languages: Iterable[str] = SUPPORTED_LANGUAGES,
) -> list[TemplateDefinition]:
    """Every template to submit, per language and kind, in that order."""
    wanted = list(kinds)
    return [definition(kind, language) for language in languages for kind in wanted]


def definition_problems(template: TemplateDefinition) -> list[str]:
    """What WhatsApp would refuse in one template: variables badly placed, a long title."""
    where = f"{template.kind.value} in {template.language}"
    problems = [f"{where}: the body {problem}" for problem in placement_problems(template.body)]
    problems.extend(
        f"{where}: the button {button.title!r} is longer than {MAX_BUTTON_TITLE} characters"
        for button in template.buttons
        if len(button.title) > MAX_BUTTON_TITLE
    )
    return problems
