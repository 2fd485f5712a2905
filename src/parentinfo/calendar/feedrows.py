"""The feeds' SQL: one aggregate query for a feed's version, then plain rows to build it from.

Written as SQL rather than through the ORM for two reasons: the version must be a single
round trip (the organisation or parent, and the aggregate of their events, at once), and
a thousand events read as plain rows cost a fraction of as many model instances.
Only constants are ever put into the SQL text; every value is a bound parameter.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from parentinfo.calendar.builder import CANCELLED, CONFIRMED, CalendarEvent
from parentinfo.calendar.facts import SessionFacts, calendar_description
from parentinfo.events.texts import choose_text, fallback_order
from parentinfo.i18n import gettext as _
from parentinfo.lib.sql import fetch, moment
from parentinfo.lib.urls import parent_page_url
from parentinfo.runtime import runtime

# Events the public may see: published or held, and cancelled ones that had been published.
_PUBLIC = (
    "(e.status IN ('published', 'done') OR (e.status = 'cancelled' AND e.published_at IS NOT NULL))"
)
# An organisation's events: drafted by it, co-hosted (accepted), or guested (accepted).
# ``{hosts}`` names the organisation without referring to an outer row: a subquery that
# does is run again for every event (with another organisation's 900 events beside its
# 1,000, the version query took 0.9 s instead of 6 ms on PostgreSQL); this one runs once.
_HOSTED_BY = (
    "(e.organisation_id = {org} OR (e.guest_organisation_id = {org} "
    "AND e.guest_status = 'accepted') OR e.id IN "
    "(SELECT h.event_id FROM event_host h WHERE h.organisation_id IN ({hosts}) "
    "AND h.status = 'accepted'))"
)
_EVENT_COLUMNS = (
    "e.id, e.uid, e.sequence, e.starts_at, e.ends_at, e.timezone, e.venue, e.address, "
    "e.status, e.updated_at, e.session_languages, e.interpreter_languages, e.childcare, "
    "e.accessibility_notes, eo.name AS organizer_name, eo.contact_email AS organizer_email"
)

_HOSTED_BY_SLUG = _HOSTED_BY.format(
    org="o.id", hosts="SELECT s.id FROM organisation s WHERE s.slug = :slug"
)

ORG_VERSION = f"""
SELECT o.id AS owner_id, o.name AS name, o.languages AS languages, o.created_at AS created,
       COUNT(e.id) AS n, MAX(e.updated_at) AS changed, MAX(e.sequence) AS seq
FROM organisation o
LEFT JOIN event e ON e.ends_at >= :since AND {_PUBLIC} AND {_HOSTED_BY_SLUG}
WHERE o.slug = :slug
GROUP BY o.id, o.name, o.languages, o.created_at
"""  # noqa: S608 - constants only

ORG_SCOPE = (
    f"e.ends_at >= :since AND {_PUBLIC} AND {_HOSTED_BY.format(org=':owner', hosts=':owner')}"
)

PERSONAL_VERSION = """
SELECT c.id AS owner_id, i.language AS language, c.created_at AS created,
       COUNT(e.id) AS n, MAX(e.updated_at) AS changed, MAX(e.sequence) AS seq,
       MAX(mine.updated_at) AS answers_changed
FROM invitation i
JOIN contact c ON c.id = i.contact_id
LEFT JOIN invitation mine ON mine.contact_id = c.id AND mine.answer = 'yes'
LEFT JOIN event e ON e.id = mine.event_id AND e.status IN ('published', 'done', 'cancelled')
WHERE i.token = :token
GROUP BY c.id, i.language, c.created_at
"""

PERSONAL_SCOPE = (
    "e.status IN ('published', 'done', 'cancelled') AND e.id IN "
    "(SELECT mine.event_id FROM invitation mine WHERE mine.contact_id = :owner "
    "AND mine.answer = 'yes')"
)


@dataclass(frozen=True)
class FeedVersion:
    """Whose feed, and what its ETag and Last-Modified are computed from."""

    owner_id: int
    name: str
    default_language: str
    fingerprint: str
    last_modified: datetime


async def organisation_version(slug: str, *, since: datetime) -> FeedVersion | None:
    """The organisation's feed version, in one query; None for an unknown slug."""
    rows = await fetch(ORG_VERSION, {"slug": slug, "since": since})
    if not rows:
        return None
    row = rows[0]
    languages = _json(row["languages"]) or ("nl",)
    moments = [row["created"], row["changed"]]
    parts = [row["owner_id"], row["name"], row["n"], row["changed"], row["seq"]]
    return FeedVersion(
        owner_id=int(row["owner_id"]),
        name=str(row["name"]),
        default_language=str(languages[0]),
        fingerprint="|".join(str(p) for p in parts),
        last_modified=_latest(moments),
    )


async def personal_version(token: str) -> FeedVersion | None:
    """A parent's feed version, in one query; None for unknown links and erased parents."""
    rows = await fetch(PERSONAL_VERSION, {"token": token})
    if not rows:
        return None
    row = rows[0]
    moments = [row["created"], row["changed"], row["answers_changed"]]
    parts = [row["owner_id"], row["n"], row["changed"], row["seq"], row["answers_changed"]]
    return FeedVersion(
        owner_id=int(row["owner_id"]),
        name="",
        default_language=str(row["language"]),
        fingerprint="|".join(str(p) for p in parts),
        last_modified=_latest(moments),
    )


async def organisation_events(
    owner_id: int, *, since: datetime, language: str
) -> list[CalendarEvent]:
    """The organisation feed's events, texts through the fallback chain of ``language``."""
    params = {"owner": owner_id, "since": since}
    return await _events(ORG_SCOPE, params, language=language, with_link=False)


async def personal_events(owner_id: int, *, language: str) -> list[CalendarEvent]:
    """The parent's "yes" events, each with the link to its own page."""
    return await _events(PERSONAL_SCOPE, {"owner": owner_id}, language=language, with_link=True)


async def _events(
    scope: str, params: dict[str, Any], *, language: str, with_link: bool
) -> list[CalendarEvent]:
    token_column = ", mine.token AS token" if with_link else ""
    token_join = (
        " JOIN invitation mine ON mine.event_id = e.id AND mine.contact_id = :owner"
        " AND mine.answer = 'yes'"
        if with_link
        else ""
    )
    rows = await fetch(
        f"SELECT {_EVENT_COLUMNS}{token_column} FROM event e "  # noqa: S608 - constants only
        f"JOIN organisation eo ON eo.id = e.organisation_id{token_join} "
        f"WHERE {scope} ORDER BY e.starts_at, e.id",
        params,
    )
    texts = await _texts(scope, params, language, [int(row["id"]) for row in rows])
    fallback = _address(runtime().settings.mail.mail_from)
    return [_calendar_event(row, texts.get(row["id"], {}), language, fallback) for row in rows]


async def _texts(
    scope: str, params: dict[str, Any], language: str, event_ids: list[int]
) -> dict[int, dict[str, tuple[str, str]]]:
    """Texts in the fallback chain; every text only for events that have none of those."""
    chain = fallback_order(language)
    names = {f"lang{i}": code for i, code in enumerate(chain)}
    select = (
        "SELECT t.event_id, t.language, t.title, t.description FROM event_text t "  # noqa: S608
        f"WHERE t.event_id IN (SELECT e.id FROM event e WHERE {scope})"
    )
    in_chain = ", ".join(f":{name}" for name in names)
    rows = await fetch(f"{select} AND t.language IN ({in_chain})", {**params, **names})
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for row in rows:
        texts.setdefault(int(row["event_id"]), {})[str(row["language"])] = (
            str(row["title"]),
            str(row["description"]),
        )
    titled = all(any(t[0].strip() for t in texts.get(i, {}).values()) for i in event_ids)
    return texts if titled else await _all_texts(select, params, texts)


async def _all_texts(
    select: str, params: dict[str, Any], texts: dict[int, dict[str, tuple[str, str]]]
) -> dict[int, dict[str, tuple[str, str]]]:
    for row in await fetch(select, params):
        per = texts.setdefault(int(row["event_id"]), {})
        per.setdefault(str(row["language"]), (str(row["title"]), str(row["description"])))
    return texts


def _calendar_event(
    row: Mapping[str, Any], texts: Mapping[str, tuple[str, str]], language: str, fallback: str
) -> CalendarEvent:
    chosen = choose_text(texts, language)
    title = chosen.title if chosen else _("Information session")
    facts = SessionFacts(
        session_languages=_json(row["session_languages"]),
        interpreter_languages=_json(row["interpreter_languages"]),
        childcare=bool(row["childcare"]),
        accessibility_notes=str(row["accessibility_notes"] or ""),
    )
    url = parent_page_url(str(row["token"])) if "token" in row else ""
    description = calendar_description(
        description=chosen.description if chosen else "", facts=facts, page_url=url or None
    )
    return CalendarEvent(
        uid=str(row["uid"]),
        sequence=int(row["sequence"]),
        starts_at=moment(row["starts_at"]),
        ends_at=moment(row["ends_at"]),
        timezone=str(row["timezone"]),
        summary=title,
        description=description,
        location=", ".join(
            p for p in (str(row["venue"]).strip(), str(row["address"]).strip()) if p
        ),
        url=url,
        organizer_name=str(row["organizer_name"]),
        organizer_email=str(row["organizer_email"] or "") or fallback,
        status=CANCELLED if row["status"] == "cancelled" else CONFIRMED,
        last_modified=moment(row["updated_at"]),
    )


def _latest(values: Sequence[Any]) -> datetime:
    return max(moment(v) for v in values if v is not None)


def _json(value: Any) -> tuple[str, ...]:
    """A JSON list column (SQLite and asyncpg hand back its text)."""
    if isinstance(value, str):
        return _json_text(value)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


@lru_cache(maxsize=256)
def _json_text(value: str) -> tuple[str, ...]:
    loaded = json.loads(value)
    return tuple(str(v) for v in loaded) if isinstance(loaded, list) else ()


def _address(mail_from: str) -> str:
    return parseaddr(mail_from)[1] or "noreply@parentinfo.local"
