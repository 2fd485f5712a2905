"""What the outreach pages read besides the services: the audience's languages, the progress,
the chosen send time and how to say when messages leave.

The counts are of the active organisation's own rows: no personal data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from babel.dates import format_date, format_time

from parentinfo.accounts.actor import Actor
from parentinfo.contacts.models import Contact
from parentinfo.errors import invalid_field
from parentinfo.i18n import current_language
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now
from parentinfo.lib.enums import AGE_GROUPS, MessageKind, MessageStatus
from parentinfo.outreach.audience import AudienceFilter
from parentinfo.outreach.departure import as_moment
from parentinfo.outreach.models import OutboundMessage
from parentinfo.runtime import runtime
from parentinfo.web.forms import Form

# A message is done when nothing more will happen to it without a person.
FINISHED = {
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.UNDELIVERED,
    MessageStatus.FAILED,
    MessageStatus.WITHHELD,
}


@dataclass
class Progress:
    """How far the invitations of one event are: per status, and done out of total."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Every invitation message."""
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        """Messages that went out, or that stopped (failed, withheld)."""
        return sum(n for status, n in self.counts.items() if status in FINISHED)


async def audience_languages(*, actor: Actor) -> list[tuple[str, int]]:
    """The languages of the organisation's contacts, with how many prefer each."""
    rows = await Contact.filter(organisation_id=actor.org_id).values_list("language", flat=True)
    return sorted(Counter(str(code) for code in rows).items())


async def sending_progress(*, actor: Actor, event_id: int) -> Progress:
    """The organisation's invitation messages for the event, counted per status."""
    rows = await OutboundMessage.filter(
        organisation_id=actor.org_id, event_id=event_id, kind=MessageKind.INVITATION
    ).values_list("status", flat=True)
    counts = Counter(str(getattr(s, "value", s)) for s in rows)
    return Progress(counts={status.value: counts.get(status.value, 0) for status in MessageStatus})


def audience_from(form: Form) -> AudienceFilter:
    """The audience chosen on the form (unknown values are left for the service to refuse)."""
    attended = form.value("attended")
    return AudienceFilter(
        languages=tuple(form.many("languages")),
        age_groups=tuple(g for g in form.many("age_groups") if g in AGE_GROUPS),
        attended_before={"yes": True, "no": False}.get(attended),
    )


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
