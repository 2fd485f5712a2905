"""Routing across four channels: a call for who asked, then the organisation's order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from parentinfo.lib.enums import Answer, Channel
from parentinfo.messaging.window import open_at
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.audience.selection import (
    ChannelPlan,
    Route,
    parse_order,
    route_for,
)
from parentinfo.rsvp.buttons import button_payload, read_payload


def parent(**changes: object) -> ContactRow:
    values: dict[str, object] = {
        "id": 1,
        "organisation_id": 1,
        "name": "Ana Popescu",
        "mobile": "+31612345678",
        "email": "ana@example.ro",
        "language": "ro",
        "age_groups": (),
        "sms_opt_out": False,
        "email_opt_out": False,
        "mobile_invalid": False,
        "whatsapp": True,
    }
    values.update(changes)
    return ContactRow(**values)  # type: ignore[arg-type]


WHATSAPP_RO = ChannelPlan(whatsapp_languages=frozenset({"ro"}))


def test_the_default_plan_is_sms_then_email_as_before() -> None:
    assert route_for(parent()) == Route.SMS
    assert route_for(parent(mobile=None)) == Route.EMAIL
    assert route_for(parent(mobile=None, email=None)) == Route.CALL
    assert route_for(parent(call_me=True)) == Route.SMS  # no language can be called yet


def test_whatsapp_needs_consent_a_template_in_the_language_and_a_working_number() -> None:
    assert route_for(parent(), plan=WHATSAPP_RO) == Route.WHATSAPP
    assert route_for(parent(whatsapp=False), plan=WHATSAPP_RO) == Route.SMS
    assert route_for(parent(language="bg"), plan=WHATSAPP_RO) == Route.SMS
    assert route_for(parent(whatsapp_invalid=True), plan=WHATSAPP_RO) == Route.SMS
    assert route_for(parent(sms_opt_out=True), plan=WHATSAPP_RO) == Route.EMAIL


def test_the_fallback_skips_every_channel_that_failed() -> None:
    tried = [Channel.WHATSAPP, Channel.SMS]
    assert route_for(parent(), plan=WHATSAPP_RO, avoid=Channel.WHATSAPP) == Route.SMS
    assert route_for(parent(), plan=WHATSAPP_RO, avoid=tried) == Route.EMAIL
    assert route_for(parent(), plan=WHATSAPP_RO, avoid=[*tried, Channel.EMAIL]) == Route.CALL


def test_an_organisation_order_is_kept_and_completed() -> None:
    assert parse_order("") == (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL)
    assert parse_order("email,sms") == (Channel.EMAIL, Channel.SMS, Channel.WHATSAPP)
    assert parse_order("sms,fax,sms") == (Channel.SMS, Channel.WHATSAPP, Channel.EMAIL)
    plan = ChannelPlan(order=parse_order("email"), whatsapp_languages=frozenset({"ro"}))
    assert route_for(parent(), plan=plan) == Route.EMAIL


def test_a_call_comes_first_for_who_asked_but_never_past_a_stop() -> None:
    plan = ChannelPlan(voice_languages=frozenset({"ro"}))
    assert route_for(parent(call_me=True), plan=plan) == Route.VOICE
    assert route_for(parent(call_me=True, language="pl"), plan=plan) == Route.SMS
    assert route_for(parent(call_me=True, sms_opt_out=True), plan=plan) == Route.EMAIL
    assert route_for(parent(call_me=True), plan=plan, avoid=Channel.VOICE) == Route.SMS


def test_the_window_is_24_hours_less_a_margin() -> None:
    wrote = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert not open_at(None, wrote)
    assert open_at(wrote, wrote + timedelta(hours=23))
    assert not open_at(wrote, wrote + timedelta(hours=23, minutes=58))
    assert not open_at(wrote, wrote - timedelta(minutes=1))


@pytest.mark.parametrize("answer", [Answer.YES, Answer.NO, Answer.MAYBE])
def test_a_button_payload_names_one_invitation_and_one_answer(answer: Answer) -> None:
    payload = button_payload("k3Xb9QzP2m", answer)
    assert read_payload(payload) == ("k3Xb9QzP2m", answer)


@pytest.mark.parametrize(
    "forged", ["", "rsvp:k3Xb9QzP2m:later", "rsvp:../../x:yes", "yes", "rsvp:k3Xb9QzP2m:yes;1"]
)
def test_anything_else_is_no_payload(forged: str) -> None:
    assert read_payload(forged) is None
