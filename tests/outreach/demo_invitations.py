"""The demo's invitations as parents would get them: every event, host, language and date.

Built from ``demo_data`` the way ``outreach.context`` builds a real one (the title by the
fallback chain, the inviting organisation's name first), without a database, so the SMS
budget test and ``docs/performance.md``'s table measure the very texts the demo sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from parentinfo.demo_data import EVENTS, ORGANISATIONS, DemoEvent
from parentinfo.events.texts import choose_text
from parentinfo.lib.enums import MessageKind, Topic
from parentinfo.outreach.composing.compose import MessageContext

ZONE = ZoneInfo("Europe/Amsterdam")
# A production-like address: https, a real domain, and a short token of the real length.
PUBLIC_URL = "https://parentinfo.example.nl"
NAMES = {org["slug"]: org["name"] for org in ORGANISATIONS}


@dataclass(frozen=True)
class DemoInvitation:
    """One invitation SMS to measure: which event, who sends it, and its context."""

    event: str
    sender: str
    ctx: MessageContext


def session_days(spec: DemoEvent) -> Iterator[date]:
    """The event's weekday in every month of a year, on a two-digit day: the longest dates."""
    for month in range(1, 13):
        day = date(2027, month, 20)
        yield day + timedelta(days=(spec.weekday - day.weekday()) % 7)


def demo_invitations(
    language: str, *, plain: bool, token: str, kind: MessageKind = MessageKind.INVITATION
) -> Iterator[DemoInvitation]:
    """Every demo invitation in ``language``: each event, each host as sender, each month."""
    for spec in EVENTS:
        chosen = choose_text(spec.texts, language)
        assert chosen is not None
        values = spec.values
        guest = values.get("guest_organisation")
        for sender in (spec.owner, *spec.cohosts):
            for day in session_days(spec):
                yield DemoInvitation(
                    event=spec.key,
                    sender=sender,
                    ctx=MessageContext(
                        language=language,
                        kind=kind,
                        title=chosen.title,
                        description=chosen.description,
                        starts_at=datetime.combine(day, spec.starts, ZONE).astimezone(UTC),
                        ends_at=datetime.combine(day, spec.ends, ZONE).astimezone(UTC),
                        timezone="Europe/Amsterdam",
                        topic=Topic(values["topic"]),
                        venue=values["venue"],
                        address=values["address"],
                        childcare=values["childcare"],
                        session_languages=tuple(values["session_languages"]),
                        interpreter_languages=tuple(values["interpreter_languages"]),
                        host_names=tuple(NAMES[slug] for slug in (spec.owner, *spec.cohosts)),
                        guest_name=NAMES[guest] if guest else "",
                        sender_name=NAMES[sender],
                        reply_code="K7",
                        page_url=f"{PUBLIC_URL}/r/{token}",
                        plain=plain,
                    ),
                )
