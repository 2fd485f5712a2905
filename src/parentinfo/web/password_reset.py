"""Password reset by email link: a one-time token (only its hash kept), valid for one hour."""

from __future__ import annotations

from datetime import timedelta

from parentinfo.accounts.models import Membership, PasswordReset, User
from parentinfo.accounts.passwords import check_new_password, hash_password
from parentinfo.errors import Invalid
from parentinfo.i18n import gettext as _
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.lib.tokens import new_token, token_hash
from parentinfo.lib.urls import public_url
from parentinfo.outreach.jobs import defer_sends
from parentinfo.outreach.models import OutboundMessage
from parentinfo.templating import render

RESET_VALID_FOR = timedelta(hours=1)


async def request_password_reset(*, email: str) -> None:
    """Mail a reset link when ``email`` is an active account; silently nothing otherwise."""
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    if user is None:
        return
    raw = new_token(32)
    await PasswordReset.create(
        user=user, token_hash=token_hash(raw), expires_at=now() + RESET_VALID_FOR
    )
    membership = await Membership.filter(user=user).order_by("id").first()
    with use_language(user.language):
        subject = _("Choose a new password for parentinfo")
        body = render("web/auth/reset_mail.txt", link=public_url(f"/password-reset/{raw}"))
    message = await OutboundMessage.create(
        organisation_id=membership.organisation_id if membership else None,  # type: ignore[attr-defined]
        channel=Channel.EMAIL,
        kind=MessageKind.PASSWORD_RESET,
        language=user.language,
        to_address=user.email,
        subject=subject,
        body=body,
        status=MessageStatus.PENDING,
    )
    # The outbox row is the truth: if this defer is lost, the outbox sweeper sends it.
    await defer_sends([message.id])


async def _valid_reset(raw: str) -> PasswordReset | None:
    reset = await PasswordReset.get_or_none(token_hash=token_hash(raw), used_at=None)
    if reset is None or reset.expires_at <= now():
        return None
    return reset


async def reset_link_is_valid(*, token: str) -> bool:
    """True while the link can still set a password."""
    return await _valid_reset(token) is not None


async def reset_password(*, token: str, password: str, repeat: str) -> User:
    """Set a new password through a reset link, and spend every open link of that user."""
    check_new_password(password, repeat)
    reset = await _valid_reset(token)
    if reset is None:
        raise Invalid(_("This link has expired or was used already. Ask for a new one."))
    user = await User.get(id=reset.user_id)  # type: ignore[attr-defined]
    user.password_hash = hash_password(password)
    user.must_change_password = False
    await user.save(update_fields=["password_hash", "must_change_password"])
    await PasswordReset.filter(user_id=user.id, used_at=None).update(used_at=now())
    return user
