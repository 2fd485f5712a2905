"""A parent's question arriving through the signed webhook, and the event it is about."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
from twilio.request_validator import RequestValidator

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.organisations.models import Organisation
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.fakes.twilio_server import AUTH_TOKEN, FROM_NUMBER

PUBLIC_URL = "https://parentinfo.test"
WEBHOOK = "/webhooks/twilio/sms"
_sids = itertools.count(1)


async def text_us(client: httpx.AsyncClient, number: str, body: str) -> httpx.Response:
    """``body`` sent from ``number``, signed as Twilio signs it (the fake's auth token)."""
    params = {
        "MessageSid": f"SM{next(_sids):032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": number,
        "To": FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
    }
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + WEBHOOK, params)
    return await client.post(WEBHOOK, data=params, headers={"X-Twilio-Signature": signature})


async def asking_parent(
    organisation: Organisation, *, language: str = "pl", **event_values: Any
) -> tuple[Event, Contact]:
    """A published event (address, interpreters, childcare as given) and an invited parent."""
    event = await rsvp_event(organisation, titles={"nl": "Ouderavond", "pl": "Wywiadówka"})
    values: dict[str, Any] = {
        "address": "Schoolstraat 1, Zwolle",
        "interpreter_languages": ["pl", "ar"],
        "childcare": True,
        "timezone": "Europe/Amsterdam",
    }
    values.update(event_values)
    await Event.filter(id=event.id).update(**values)
    contact = await rsvp_contact(organisation, language=language, name="Ania Kowalska")
    await rsvp_invitation(event, contact)
    return await Event.get(id=event.id), contact
