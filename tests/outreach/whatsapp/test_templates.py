"""The WhatsApp templates: what Meta accepts, in every language, and exactly what parents read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from parentinfo.cli import main
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Answer, MessageKind
from parentinfo.outreach.composing.compose import MessageContext
from parentinfo.outreach.whatsapp.compose import values_from_body, whatsapp_body
from parentinfo.outreach.whatsapp.content import content_request, definition_problems
from parentinfo.outreach.whatsapp.templates import (
    MAX_BUTTON_TITLE,
    SAMPLES,
    TOKEN,
    WHATSAPP_KINDS,
    WITH_BUTTONS,
    content_variables,
    definition,
    placement_problems,
    render,
)
from parentinfo.rsvp.buttons import button_payload, read_payload

EVERY = [(kind, language) for kind in WHATSAPP_KINDS for language in SUPPORTED_LANGUAGES]


def test_the_kinds_that_go_by_whatsapp_and_which_have_buttons() -> None:
    assert set(WHATSAPP_KINDS) == {
        MessageKind.INVITATION,
        MessageKind.NUDGE,
        MessageKind.REMINDER,
        MessageKind.CHANGE,
        MessageKind.CANCELLATION,
    }
    assert {MessageKind.INVITATION, MessageKind.NUDGE} == WITH_BUTTONS


@pytest.mark.parametrize(("kind", "language"), EVERY)
def test_every_template_is_one_meta_accepts(kind: MessageKind, language: str) -> None:
    template = definition(kind, language)
    assert definition_problems(template) == []
    # numbered 1..n, each sample given, each body variable used in the body
    assert list(template.samples) == [str(i + 1) for i in range(len(template.variables))]
    body_numbers = {n for n in template.samples if "{{" + n + "}}" in template.body}
    assert body_numbers | ({template.number_of(TOKEN)} if template.buttons else set()) == set(
        template.samples
    )


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_buttons_say_yes_no_maybe_in_the_language_and_fit(language: str) -> None:
    template = definition(MessageKind.INVITATION, language)
    assert [b.answer for b in template.buttons] == [Answer.YES, Answer.NO, Answer.MAYBE]
    titles = [b.title for b in template.buttons]
    assert all(0 < len(title) <= MAX_BUTTON_TITLE for title in titles)
    assert len(set(titles)) == 3
    if language != "en":
        assert titles != ["Yes", "No", "Maybe"]  # translated, never English by accident
        assert "Will you come" not in template.body


def test_a_button_id_filled_in_is_exactly_the_payload_of_that_invitation() -> None:
    template = definition(MessageKind.INVITATION, "ro")
    number = template.number_of(TOKEN)
    for button in template.buttons:
        filled = button.id.replace("{{" + number + "}}", "k3Xb9QzP2m")
        assert filled == button_payload("k3Xb9QzP2m", button.answer)
        assert read_payload(filled) == ("k3Xb9QzP2m", button.answer)


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        ("Hello {{1}}, see you.", []),
        ("{{1}} invites you.", ["starts with a variable"]),
        ("  {{1}} invites you.", ["starts with a variable"]),
        ("Invitation: {{1}}", ["ends with a variable"]),
        ("Invitation: {{1}}.", ["ends with a variable"]),
        ("Hi {{1}} {{2}} bye", ["has two variables side by side"]),
        ("Hi {{1}}, - {{2}} bye", ["has two variables side by side"]),
        ("Hi {{1}} and {{2}} bye", []),
        ("Hi " + "x" * 1030 + " {{1}} bye", ["is longer than 1024 characters"]),
    ],
)
def test_the_placement_check(body: str, problems: list[str]) -> None:
    assert placement_problems(body) == problems


def test_render_is_the_template_with_its_variables_filled_in() -> None:
    template = definition(MessageKind.REMINDER, "nl")
    text = render(MessageKind.REMINDER, "nl", SAMPLES)
    filled = template.body
    for number, value in content_variables(template, SAMPLES).items():
        filled = filled.replace("{{" + number + "}}", value)
    assert text == filled
    assert text.startswith("Beste ouder,")
    assert "Herinnering: Information evening" in text
    assert text.endswith("STOP.")


def _ctx(**changes: object) -> MessageContext:
    starts = datetime(2027, 3, 11, 18, 0, tzinfo=UTC)
    values: dict[str, object] = {
        "language": "pl",
        "kind": MessageKind.INVITATION,
        "title": "Szkoła w Holandii\n(dla rodziców)",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "venue": "De Regenboog",
        "address": "",
        "sender_name": "",
        "page_url": "https://parentinfo.test/r/k3Xb9QzP2m",
    }
    values.update(changes)
    return MessageContext(**values)  # type: ignore[arg-type]


def test_a_parents_text_reads_back_into_the_same_variables() -> None:
    ctx = _ctx()
    body = whatsapp_body(ctx, token="k3Xb9QzP2m")
    assert "Szkoła w Holandii (dla rodziców)" in body  # one line: Meta refuses newlines
    assert "Organizatorzy: -" in body  # never an empty variable
    values = values_from_body(MessageKind.INVITATION, "pl", body)
    assert values is not None
    assert render(MessageKind.INVITATION, "pl", {**values, TOKEN: "k3Xb9QzP2m"}) == body
    # text composed for another kind, language or channel does not fit
    assert values_from_body(MessageKind.NUDGE, "pl", body) is None
    assert values_from_body(MessageKind.INVITATION, "ro", body) is None
    assert values_from_body(MessageKind.INVITATION, "pl", body + "\nP.S.") is None


def test_the_cli_prints_content_api_requests_per_language_and_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["whatsapp", "templates", "--language", "bg", "--language", "pl"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == 2 * len(WHATSAPP_KINDS)
    assert {(t["language"], t["friendly_name"]) for t in printed} >= {
        ("bg", "parentinfo_invitation_bg"),
        ("pl", "parentinfo_cancellation_pl"),
    }
    invitation = next(t for t in printed if t["friendly_name"] == "parentinfo_invitation_pl")
    assert invitation == content_request(definition(MessageKind.INVITATION, "pl"))
    quick = invitation["types"]["twilio/quick-reply"]
    assert [a["title"] for a in quick["actions"]] == ["Tak", "Nie", "Może"]
    assert [a["id"] for a in quick["actions"]] == [
        "rsvp:{{6}}:yes",
        "rsvp:{{6}}:no",
        "rsvp:{{6}}:maybe",
    ]
    assert invitation["variables"]["6"] == SAMPLES[TOKEN]
    assert placement_problems(quick["body"]) == []
    reminder = next(t for t in printed if t["friendly_name"] == "parentinfo_reminder_bg")
    assert list(reminder["types"]) == ["twilio/text"]
    assert "actions" not in reminder["types"]["twilio/text"]


def test_the_cli_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["whatsapp", "templates", "--kind", "confirmation"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
