"""Password reset by email link: a one-time token (only its hash kept), valid for one hour."""

from __future__ import annotations

from datetime import timedelta

from parentinfo.accounts.models import ApiToken, Membership, PasswordReset, User
from parentinfo.accounts.passwords import check_new_password, hash_password
from parentinfo.accounts.resets import LINK_PLACEHOLDER, dedupe_key, new_nonce, reset_token
from parentinfo.errors import Invalid
from parentinfo.i18n import gettext as _
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.lib.tokens import new_token, token_hash
from parentinfo.messaging.drafts import Draft
from parentinfo.messaging.post import post_messages, sending
from parentinfo.runtime import runtime
from parentinfo.templating import render

RESET_VALID_FOR = timedelta(hours=1)


async def request_password_reset(*, email: str) -> None:
    """Mail a reset link when ``email`` is an active account; silently nothing otherwise.

    The outbox row holds the body with a placeholder where the link goes: the link is
    built into the mail only when it is sent (``accounts.resets``).
    """
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    if user is None:
        return
    nonce = new_nonce()
    secret = runtime().settings.secret_key
    # The outbox row is the truth: if its job is lost after the commit, the sweeper sends it.
    async with sending():
        # The token depends on the row's id: store a throwaway hash, then the real one.
        reset = await PasswordReset.create(
            user=user, token_hash=token_hash(new_token(32)), expires_at=now() + RESET_VALID_FOR
        )
        raw = reset_token(reset_id=reset.id, nonce=nonce, secret_key=secret)
        await PasswordReset.filter(id=reset.id).update(token_hash=token_hash(raw))
        await _reset_mail(user, dedupe=dedupe_key(reset_id=reset.id, nonce=nonce))


async def _reset_mail(user: User, *, dedupe: str) -> None:
    """Post the reset mail, its link left as the placeholder."""
    membership = await Membership.filter(user=user).order_by("id").first()
    with use_language(user.language):
        subject = _("Choose a new password for parentinfo")
        body = render("web/auth/reset_mail.txt", link=LINK_PLACEHOLDER)
    await post_messages(
        [
            Draft(
                organisation_id=membership.organisation_id if membership else None,  # type: ignore[attr-defined]
                channel=Channel.EMAIL,
                kind=MessageKind.PASSWORD_RESET,
                language=user.language,
                to_address=user.email,
                subject=subject,
                body=body,
                dedupe_key=dedupe,
            )
        ]
    )


async def _valid_reset(raw: str) -> PasswordReset | None:
    reset = await PasswordReset.get_or_none(token_hash=token_hash(raw), used_at=None)
    if reset is None or reset.expires_at <= now():
        return None
    return reset


async def reset_link_is_valid(*, token: str) -> bool:
    """True while the link can still set a password."""
    return await _valid_reset(token) is not None


async def reset_password(*, token: str, password: str, repeat: str) -> User:
    """Set a new password through a reset link; spend every open link, revoke every API token.

    The user's sessions end too: each carries a stamp of the password hash it began with
    (``accounts.auth.session_stamp``), which no longer matches.
    """
    check_new_password(password, repeat)
    reset = await _valid_reset(token)
    if reset is None:
        raise Invalid(_("This link has expired or was used already. Ask for a new one."))
    user = await User.get(id=reset.user_id)  # type: ignore[attr-defined]
    user.password_hash = hash_password(password)
    user.must_change_password = False
    await user.save(update_fields=["password_hash", "must_change_password"])
    await PasswordReset.filter(user_id=user.id, used_at=None).update(used_at=now())
    await ApiToken.filter(user_id=user.id, revoked_at=None).update(revoked_at=now())
    return user
