"""Schemathesis hooks: the rules of the API that JSON Schema cannot state, applied to its cases.

The OpenAPI document states every limit of a single field. Some rules join two fields or
a field and the database: an event ends after it starts, a report's start is on or before
its end, a contact has a mobile number or an email address (and WhatsApp or a call rides
on the mobile's SMS consent), a co-host is an organisation
that exists, a phone number is one the numbering plan has, a test SMS has a mobile, a send
time lies before the event. Generated cases are brought
within these rules (and only these), so "valid data rejected" means what it says.
Loaded by schemathesis through ``SCHEMATHESIS_HOOKS``.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import schemathesis

STARTS_AT = "2031-03-11T19:00:00+01:00"
ENDS_AT = "2031-03-11T21:00:00+01:00"
# Values the numbering plan and the address rule accept; any other shape is checked per field.
REAL_VALUES = {
    "mobile": "+31612345678",
    "email": "anna@example.nl",
    "contact_phone": "+31381234567",
    "contact_email": "info@school.nl",
}
EXISTING_ORGANISATION = "polska-zwolle"  # in the demo data
# A CSV whose every row is valid: the import refuses a file with one bad row, by design.
# Each with its own number: a second contact with the same mobile is refused (a duplicate).
VALID_CSV = "name,mobile,language,consent_channels,consent_method\r\nIon,{number},ro,sms,verbal\r\n"
_NUMBERS = (f"+3162{n:07d}" for n in itertools.count(random.randrange(9_000_000)))


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    """Bring one generated case within the API's cross-field rules."""
    del context
    if case.operation.path.endswith("/contacts/import") and isinstance(case.body, str):
        case.body = VALID_CSV.format(number=next(_NUMBERS))
    if isinstance(case.body, dict):
        _event_times(case.body)
        _addresses(case.body)
        _send_times(case.body, case.operation.path)
        if case.path.endswith("/hosts") and "organisation" in case.body:
            case.body["organisation"] = EXISTING_ORGANISATION
        if isinstance(case.body.get("guest_organisation"), str):
            case.body["guest_organisation"] = EXISTING_ORGANISATION
    if isinstance(case.query, dict):
        _dates_in_range(case.query)
        if isinstance(case.query.get("start"), str) and "end" not in case.query:
            case.query["end"] = case.query["start"]  # the end defaults to today
        start, end = case.query.get("start"), case.query.get("end")
        if isinstance(start, str) and isinstance(end, str) and start > end:
            case.query["start"], case.query["end"] = end, start
    return case


def _dates_in_range(query: dict[str, Any]) -> None:
    """Date filters name a year between 2000 and 2100."""
    for key in ("from", "to", "start", "end"):
        value = query.get(key)
        if isinstance(value, str) and len(value) >= 4 and not "2000" <= value[:4] < "2100":
            query[key] = "2030" + value[4:]


def _event_times(body: dict[str, Any]) -> None:
    """An event ends after it starts, between the years 2000 and 2100."""
    if any(isinstance(body.get(key), str) for key in ("starts_at", "ends_at")):
        body["starts_at"], body["ends_at"] = STARTS_AT, ENDS_AT


def _send_times(body: dict[str, Any], path: str) -> None:
    """A chosen send time lies between now and the start of the stored event: right away.

    And a test by SMS goes to the staff member's own mobile, so it needs one.
    """
    if "/outreach/" in path and "send_at" in body:
        body["send_at"] = None
    if path.endswith("/outreach/test") and body.get("channel") == "sms":
        body["mobile"] = REAL_VALUES["mobile"]


def _addresses(body: dict[str, Any]) -> None:
    """Phone numbers and addresses the numbering plan and the address rule accept."""
    for key, value in REAL_VALUES.items():
        if isinstance(body.get(key), str):
            body[key] = value
    consent = body.get("consent")
    is_person = isinstance(consent, dict) or "consent_channels" in body
    clears = any(key in body and body[key] is None for key in ("mobile", "email"))
    if (is_person or clears) and not (body.get("mobile") or body.get("email")):
        body["mobile"] = REAL_VALUES["mobile"]  # a contact keeps one way to reach them
    if isinstance(consent, dict) and consent.get("channels") == []:
        consent["channels"] = ["sms"]
    if isinstance(consent, dict) and _mobile_channels_with_sms(consent):
        body["mobile"] = REAL_VALUES["mobile"]
    if "method" in body:  # a consent posted on its own
        _mobile_channels_with_sms(body)


def _mobile_channels_with_sms(consent: dict[str, Any]) -> bool:
    """WhatsApp and calls go to the mobile and ride on its SMS consent: given with it."""
    channels = consent.get("channels")
    if not isinstance(channels, list) or not any(c in ("whatsapp", "voice") for c in channels):
        return False  # (the coverage phase also sends lists of other things: left alone)
    # Given (or withdrawn) together; each channel once, so the list stays within its limit.
    if all(isinstance(c, str) for c in channels):
        channels[:] = list(dict.fromkeys([*channels, "sms"]))
    return True


# Refusals about the stored event, not the request: publishing or inviting for an event that
# has no text yet (the fuzzer's own events have none). Named by operation and error field.
STATE_REFUSALS = {
    "POST /api/v1/events/{event_id}/publish": "texts",
    "POST /api/v1/events/{event_id}/outreach/preview": "texts",
    "POST /api/v1/events/{event_id}/outreach/send": "texts",
    "POST /api/v1/events/{event_id}/outreach/nudge/preview": "texts",
    "POST /api/v1/events/{event_id}/outreach/nudge": "texts",
    "POST /api/v1/events/{event_id}/outreach/test": "texts",
    # The current password is checked against the account, which no schema can state.
    "POST /api/v1/users/me/password": "current",
}
# Refusals about the stored contact: one with no address we may write to gets no answer.
# And a staff answer is either a ready answer or a text (a rule JSON Schema cannot state
# without oneOf), about an event of the organisation (which ids those are is stored).
# The ready keys are the list GET /api/v1/answers/ready answers with, not a schema enum.
_ANSWER_REFUSALS = (
    "no mobile number or email address",
    "Choose a ready answer",
    "is not an event of your organisation",
    "ready: must be one of",
    "is empty: write the answer",
)
STATE_DETAILS = {
    f"POST /api/v1/{owner}/answer{step}": _ANSWER_REFUSALS
    for owner in ("contacts/{contact_id}", "inbox/{item_id}")
    for step in ("", "/preview")
}
# WhatsApp or a call for a stored contact without a mobile number: a fact about the contact.
STATE_DETAILS["POST /api/v1/contacts/{contact_id}/consents"] = ("need a mobile number",)


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep every failure but a 422 about what is stored (an event's texts, a password)."""
    del context, failure
    operation = f"{case.method.upper()} {case.operation.path}"
    field = STATE_REFUSALS.get(operation)
    detail = STATE_DETAILS.get(operation)
    if (field is None and detail is None) or response.status_code != 422:
        return True
    try:
        body = response.json()
    except ValueError:
        return True
    if detail is not None:
        return not any(reason in str(body.get("detail", "")) for reason in detail)
    errors = body.get("errors", [])
    fields = [str(error.get("field", "")) for error in errors]
    return not fields or not all(f == field or f.startswith(field + ".") for f in fields)
