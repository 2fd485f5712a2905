"""Who a parent sees as the sender of an email: the organisation's sender name (or its name)
in front of the installation's address, since only that address may send for the domain."""

from __future__ import annotations

from email.headerregistry import Address
from email.utils import parseaddr

from parentinfo.organisations.models import Organisation


def sender_for(mail_from: str, display_name: str) -> str:
    """``MAIL_FROM`` with ``display_name`` as its name ("De Regenboog <noreply@…>")."""
    _name, address = parseaddr(mail_from)
    if not display_name.strip() or not address:
        return mail_from
    # Unencoded: the mail's header policy encodes non-ASCII names (Szkoła) when it is sent.
    return str(Address(display_name=display_name.strip(), addr_spec=address))


async def mail_sender(org_id: int | None, mail_from: str) -> str:
    """The From of a mail sent for ``org_id`` (staff mail without one keeps ``MAIL_FROM``)."""
    if org_id is None:
        return mail_from
    row = await Organisation.filter(id=org_id).values_list("sender_name", "name")
    if not row:
        return mail_from
    sender_name, name = row[0]
    return sender_for(mail_from, str(sender_name or name))
