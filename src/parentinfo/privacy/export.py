"""Everything held about one parent, for their right of access (GDPR article 15).

Plain JSON: the contact, the consent history, invitations with answers, every message to
and from them with its text, and check-ins. Each export is written to the audit log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.models import CheckIn
from parentinfo.contacts.models import Consent, Contact
from parentinfo.errors import NotFound
from parentinfo.events.models import EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.privacy import audit
from parentinfo.privacy.holdings import inbound_of, outbound_of
from parentinfo.rsvp.models import Invitation

CONTACT_FIELDS = (
    "id", "name", "mobile", "email", "language", "age_groups", "sms_opt_out", "email_opt_out",
    "opted_out_at", "mobile_invalid", "notes", "created_at", "updated_at",
    "whatsapp", "whatsapp_invalid", "call_me",
)  # fmt: skip
CONSENT_FIELDS = ("channels", "granted", "method", "recorded_at", "note")
INVITATION_FIELDS = (
    "id", "event_id", "language", "answer", "party_size", "waitlisted", "answered_at",
    "answer_source", "walk_in", "to_call", "called_at", "created_at",
)  # fmt: skip
OUTBOUND_FIELDS = (
    "id", "event_id", "channel", "kind", "language", "to_address", "subject", "body", "status",
    "sent_at", "delivered_at", "created_at",
)  # fmt: skip
INBOUND_FIELDS = ("id", "from_number", "body", "received_at", "reading", "reply_body")
CHECKIN_FIELDS = ("event_id", "invitation_id", "party_size", "checked_in_at", "undone_at")


async def export_contact(*, actor: Actor, contact_id: int) -> dict[str, Any]:
    """All data about one contact of the actor's organisation (coordinator or admin)."""
    actor.require_coordinator()
    contact = await Contact.get_or_none(id=contact_id, organisation_id=actor.org_id).select_related(
        "organisation"
    )
    if contact is None:
        raise NotFound(_("No contact with id {id}.").format(id=contact_id))
    invitations = (
        await Invitation.filter(contact_id=contact.id).select_related("event").order_by("id")
    )
    export = {
        "exported_at": _plain(now()),
        "organisation": contact.organisation.name,
        "contact": _fields(contact, CONTACT_FIELDS),
        "consents": await _rows(Consent.filter(contact_id=contact.id), CONSENT_FIELDS),
        "invitations": await _with_titles(invitations, contact.language),
        "messages_sent": await _rows(outbound_of(contact).order_by("id"), OUTBOUND_FIELDS),
        "messages_received": await _rows(inbound_of(contact).order_by("id"), INBOUND_FIELDS),
        "check_ins": await _rows(
            CheckIn.filter(invitation_id__in=[i.id for i in invitations]).order_by("id"),
            CHECKIN_FIELDS,
        ),
    }
    await audit.record(
        actor=actor, action="contact.export", subject_type="contact", subject_id=contact.id
    )
    return export


async def _with_titles(invitations: list[Invitation], language: str) -> list[dict[str, Any]]:
    """Invitations with the event's title and time, so a parent recognises the session."""
    event_ids = {i.event_id for i in invitations}  # type: ignore[attr-defined]
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for event_id, code, title in await EventText.filter(event_id__in=event_ids).values_list(
        "event_id", "language", "title"
    ):
        texts.setdefault(int(event_id), {})[str(code)] = (str(title), "")
    rows = []
    for invitation in invitations:
        row = _fields(invitation, INVITATION_FIELDS)
        chosen = choose_text(texts.get(row["event_id"], {}), language)
        row["event_title"] = chosen.title if chosen else ""
        row["event_starts_at"] = _plain(invitation.event.starts_at)
        rows.append(row)
    return rows


async def _rows(query: Any, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [_fields(item, names) for item in await query]


def _fields(item: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(item, name)) for name in names}


def _plain(value: object) -> Any:
    """A JSON value: times as ISO 8601, enums as their value."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)
