"""The send time on the outreach forms: read it, show it back, and say when messages leave."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_date, format_time

from parentinfo.errors import invalid_field
from parentinfo.i18n import current_language
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.outreach.departure import as_moment
from parentinfo.runtime import runtime
from parentinfo.web.forms import Form


def send_at_from(form: Form) -> datetime | None:
    """The time chosen on the form (``2027-03-28T09:00``, local), or None: right away.

    A value that is not a time is refused on its field, in the page's language.
    """
    raw = form.value("send_at").strip()
    if not raw:
        return None
    try:
        chosen = datetime.fromisoformat(raw)
    except ValueError:
        raise invalid_field(
            "send_at", _("Give a date and a time, such as 28-03-2027 09:00.")
        ) from None
    return as_moment(chosen, runtime().settings.tz)


def local_input(moment: datetime | None) -> str:
    """A moment as a ``datetime-local`` field shows it, in the organisation's time zone."""
    if moment is None:
        return ""
    return moment.astimezone(runtime().settings.tz).strftime("%Y-%m-%dT%H:%M")


def leaves_when(moment: datetime) -> str:
    """``tomorrow at 08:00``, ``on Friday 12 March at 09:00``: when messages leave.

    In the page's language (babel) and the organisation's time zone.
    """
    tz, language = runtime().settings.tz, current_language()
    local, today = moment.astimezone(tz), now().astimezone(tz).date()
    clock = format_time(local, "HH:mm", locale=language)
    if local.date() == today:
        return _("today at %(time)s") % {"time": clock}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": clock}
    day = format_date(local, "EEEE d MMMM", locale=language)
    return _("on %(day)s at %(time)s") % {"day": day, "time": clock}
