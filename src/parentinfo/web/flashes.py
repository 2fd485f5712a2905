"""Short notices shown once on the next page ("The event is published."), kept in the session.

The session stores a key; the text is translated when the page is rendered, in the
language of that page.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from parentinfo.i18n import gettext, lazy

SESSION_FLASH = "flash"

TEXTS: dict[str, str] = {
    "logged_in": lazy("Welcome back."),
    "first_login": lazy("Welcome to parentinfo."),
    "password_changed": lazy("Your password is changed. Log in with the new one."),
    "reset_sent": lazy(
        "If that address belongs to an account, we have sent it a link to choose a new password."
    ),
    "org_switched": lazy("You now work for this organisation."),
    "saved": lazy("Saved."),
    "event_created": lazy("The event is created as a draft."),
    "event_published": lazy("The event is published."),
    "event_cancelled": lazy("The event is cancelled. The parents are being told."),
    "event_cancelled_not_told": lazy("The event is cancelled. No parent was told, as you chose."),
    "saved_not_told": lazy("Saved. No parent was told, as you chose; the event page says so."),
    "places_saved": lazy("The places are saved. Anyone who moved up is being told."),
    "moved_up": lazy("They moved up and are being told that a place is free."),
    "event_duplicated": lazy("A copy of the event is made. Check the date."),
    "series_created": lazy("The monthly series is created."),
    "cohost_invited": lazy("The organisation is invited to host together."),
    "cohost_accepted": lazy("You now host this event together."),
    "cohost_declined": lazy("You declined to host this event."),
    "guest_accepted": lazy("Your organisation is now the guest of this session."),
    "guest_declined": lazy("You declined to be the guest of this session."),
    "contact_saved": lazy("The contact is saved."),
    "contacts_imported": lazy("The contacts are imported."),
    "contacts_erased": lazy("The contacts are erased. The counts of their answers stay."),
    "sending_started": lazy("The messages are being sent."),
    "sending_scheduled": lazy("The messages are ready and leave at the time shown."),
    "send_called_off": lazy("Called off: these messages will not be sent."),
    "nothing_to_call_off": lazy("Nothing is waiting to be sent at that time any more."),
    "test_sent": lazy("The test is on its way to you, marked TEST."),
    "test_refused": lazy("The test was not sent: give your own mobile number, such as 0612345678."),
    "test_too_many": lazy("That was enough test sends for one hour. Try again later."),
    "nudge_queued": lazy("The nudge is ready for the parents who have not answered."),
    "reply_sent": lazy("The reply is sent, as if the parent texted it."),
    "whatsapp_sent": lazy("Sent in WhatsApp, as if the parent tapped or typed it."),
    "webhook_refused": lazy("The webhook refused the message, so nothing was recorded."),
    "inbox_resolved": lazy("Marked as handled."),
    "answer_sent": lazy("The answer is on its way to the parent."),
    "called": lazy("Marked as called."),
    "calls_placed": lazy(
        "The parents are being called in their own language. Who cannot be called stays on "
        "the list."
    ),
    "nobody_to_call": lazy(
        "Nobody on the list can be called automatically: no mobile, or no voice for their language."
    ),
    "user_invited": lazy("The invitation is sent."),
    "role_changed": lazy("The role is changed."),
    "member_deactivated": lazy("The person no longer has access to this organisation."),
    "own_password_changed": lazy("Your new password is saved."),
    "invitation_accepted": lazy("Your account is ready. Welcome!"),
    "organisation_created": lazy("The organisation is made."),
    "sharing_asked": lazy("The organisation is asked to share its figures."),
    "sharing_accepted": lazy("You now share your figures with the municipality."),
    "sharing_withdrawn": lazy("You no longer share your figures with the municipality."),
    "choose_password": lazy("Choose your own password before you go on."),
}


def flash(request: Request[Any, Any, Any], key: str, kind: str = "ok") -> None:
    """Show the notice ``key`` on the next page."""
    if key not in TEXTS:
        raise KeyError(key)
    queue = list(request.session.get(SESSION_FLASH, []))
    queue.append([kind, key])
    request.session[SESSION_FLASH] = queue


def take_flashes(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    """The pending notices, translated, removed from the session."""
    if "session" not in request.scope:
        return []
    queue = request.session.pop(SESSION_FLASH, [])
    return [(kind, gettext(TEXTS[key])) for kind, key in queue if key in TEXTS]
