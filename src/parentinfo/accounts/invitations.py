"""Inviting a person by email to join an organisation with a role: a one-time link (only its
hash kept), valid for a week, with which they choose their password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.models import AccountInvitation, Membership, User
from parentinfo.accounts.passwords import check_new_password, hash_password
from parentinfo.accounts.resets import (
    INVITE_PREFIX,
    LINK_PLACEHOLDER,
    dedupe_key,
    new_nonce,
    reset_token,
)
from parentinfo.errors import Conflict, Invalid, invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, Role
from parentinfo.lib.tokens import new_token, token_hash
from parentinfo.lib.urls import public_url
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import post_messages, sending
from parentinfo.organisations.models import Organisation
from parentinfo.runtime import runtime
from parentinfo.templating import render

INVITATION_VALID_FOR = timedelta(days=7)


def parse_role(raw: str) -> Role:
    """A role named in a form or request (422 naming the field otherwise)."""
    try:
        return Role(raw.strip())
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise invalid_field("role", _("must be one of {allowed}").format(allowed=allowed)) from None


def parse_email(raw: str) -> str:
    """An email address as stored: trimmed and lower case (422 when it is not one)."""
    email = raw.strip().lower()
    local, _at, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise invalid_field("email", _("Enter an email address, like name@school.nl."))
    return email


async def invite_user(*, actor: Actor, email: str, role: str, language: str = "nl") -> str:
    """Admins invite a person into their organisation; returns the link (also mailed)."""
    actor.require_admin()
    address = parse_email(email)
    role_value = parse_role(role)
    if await Membership.exists(organisation_id=actor.org_id, user__email=address):
        raise Conflict(_("{email} is already a member of this organisation.").format(email=address))
    return await create_invitation(
        org_id=actor.org_id,
        email=address,
        role=role_value,
        invited_by_id=actor.user_id,
        language=language,
    )


async def create_invitation(
    *, org_id: int, email: str, role: Role, invited_by_id: int | None, language: str
) -> str:
    """Store an invitation (its hash) and mail the link; returns the link.

    Like a reset link, the link is never stored: its token is derived from the row's id and
    a nonce, and the outbox row holds a placeholder that only the sent mail replaces.
    """
    nonce = new_nonce()
    secret = runtime().settings.secret_key
    organisation = await Organisation.get(id=org_id)
    async with sending():
        # The token depends on the row's id: store a throwaway hash, then the real one.
        invitation = await AccountInvitation.create(
            organisation_id=org_id,
            email=email,
            role=role,
            invited_by_id=invited_by_id,
            token_hash=token_hash(new_token(32)),
            expires_at=now() + INVITATION_VALID_FOR,
        )
        raw = reset_token(
            reset_id=invitation.id, nonce=nonce, secret_key=secret, prefix=INVITE_PREFIX
        )
        await AccountInvitation.filter(id=invitation.id).update(token_hash=token_hash(raw))
        await mail_invitation(
            org_id=org_id,
            to=email,
            org_name=organisation.name,
            language=language,
            dedupe=dedupe_key(reset_id=invitation.id, nonce=nonce, prefix=INVITE_PREFIX),
        )
    return public_url(f"/invitation/{raw}")


async def mail_invitation(
    *, org_id: int, to: str, org_name: str, language: str, dedupe: str
) -> None:
    """Post the invitation mail, its link left as the placeholder, through the front door."""
    with use_language(language):
        subject = _("You are invited to parentinfo")
        body = render("accounts/invitation_mail.txt", link=LINK_PLACEHOLDER, organisation=org_name)
    await post_messages(
        [
            Draft(
                organisation_id=org_id,
                channel=Channel.EMAIL,
                kind=MessageKind.ACCOUNT_INVITE,
                language=language,
                to_address=to,
                subject=subject,
                body=body,
                dedupe_key=dedupe,
            )
        ]
    )


@dataclass(frozen=True)
class OpenInvitation:
    """What the set-a-password page shows about a link that still works."""

    email: str
    organisation: str
    role: Role


async def _valid(raw: str) -> AccountInvitation | None:
    found = await AccountInvitation.get_or_none(token_hash=token_hash(raw), used_at=None)
    if found is None or found.expires_at <= now():
        return None
    return found


async def open_invitation(*, token: str) -> OpenInvitation | None:
    """The invitation behind a link while it can still be used, else None."""
    found = await _valid(token)
    if found is None:
        return None
    organisation = await Organisation.get(id=found.organisation_id)  # type: ignore[attr-defined]
    return OpenInvitation(found.email, organisation.name, found.role)


async def accept_invitation(
    *, token: str, password: str, repeat: str, name: str = "", language: str = "nl"
) -> tuple[User, int]:
    """Choose a password through the link: the account (made if new) joins the organisation.

    Returns the user and the organisation they joined.
    """
    check_new_password(password, repeat)
    found = await _valid(token)
    if found is None:
        raise Invalid(_("This invitation has expired or was used already. Ask for a new one."))
    # Spend it first, conditionally: of two clicks at once only one gets the row.
    spent = await AccountInvitation.filter(id=found.id, used_at=None).update(used_at=now())
    if not spent:
        raise Invalid(_("This invitation has expired or was used already. Ask for a new one."))
    user = await User.get_or_none(email=found.email)
    if user is None:
        user = await User.create(
            email=found.email,
            name=name.strip()[:200],
            password_hash=hash_password(password),
            language=language,
        )
    else:  # holding the mailbox is what a password reset asks too
        user.password_hash = hash_password(password)
        user.must_change_password = False
        user.is_active = True
        await user.save(update_fields=["password_hash", "must_change_password", "is_active"])
    org_id = found.organisation_id  # type: ignore[attr-defined]
    if not await Membership.exists(user=user, organisation_id=org_id):
        await Membership.create(user=user, organisation_id=org_id, role=found.role)
    return user, org_id
