"""Where one parent's personal data sits, beyond the contact row itself.

Export and erasure ask the same question, so they share these queries: the messages sent
to the contact and received from them, including those that never got linked to a contact
but carry their number or address (within their organisation, or with no organisation).
"""

from __future__ import annotations

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from parentinfo.contacts.models import Contact
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage

# What erasure and retention blank in each message table.
OUTBOUND_BLANK: dict[str, object] = {
    "to_address": None,
    "subject": "",
    "body": "",
    "html_body": "",
    "calendar": "",
    "error_message": "",  # a provider's error can quote the number
}
INBOUND_BLANK: dict[str, object] = {"from_number": None, "body": "", "reply_body": ""}


def outbound_of(contact: Contact) -> QuerySet[OutboundMessage]:
    """Messages to this contact, or to their number or address from their organisation."""
    addresses = [a for a in (contact.mobile, contact.email) if a]
    condition = Q(contact_id=contact.id)
    if addresses:
        condition |= Q(
            contact_id=None,
            to_address__in=addresses,
            organisation_id=contact.organisation_id,  # type: ignore[attr-defined]
        )
    return OutboundMessage.filter(condition)


def inbound_of(contact: Contact) -> QuerySet[InboundMessage]:
    """SMS from this contact, or from their number and linked to no other organisation."""
    condition = Q(contact_id=contact.id)
    if contact.mobile:
        org_id = contact.organisation_id  # type: ignore[attr-defined]
        condition |= Q(contact_id=None, from_number=contact.mobile) & (
            Q(organisation_id=None) | Q(organisation_id=org_id)
        )
    return InboundMessage.filter(condition)
