"""Subscribable feeds: an organisation's public sessions, and a parent's "yes" sessions.

Calendar programs poll feeds every few minutes to hours, and almost every poll finds
nothing new. So the version of a feed (its ETag and Last-Modified) comes from ONE aggregate
query, run before anything is loaded or built: a 304 costs that query and nothing else.
The ETag covers the number of events, their latest ``updated_at`` (which a text change
touches too, see :mod:`parentinfo.calendar.freshness`) and the highest SEQUENCE, so adding,
changing, cancelling or removing an event all change it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from parentinfo.calendar import feedrows
from parentinfo.calendar.builder import build_feed
from parentinfo.errors import NotFound
from parentinfo.i18n import gettext as _
from parentinfo.i18n import use_language
from parentinfo.lib.clock import now
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.runtime import runtime

FORMAT_VERSION = "1"  # raise when the feed's text changes, so caches let go of old copies
HISTORY = timedelta(days=365)  # past sessions stay in the organisation feed for a year
NOT_FOUND = "No such calendar."


@dataclass(frozen=True)
class FeedAnswer:
    """A feed's text, or None when the caller's copy is current (answer 304)."""

    ics: str | None
    etag: str
    last_modified: datetime


async def organisation_feed(
    slug: str,
    *,
    language: str | None = None,
    if_none_match: str | None = None,
    if_modified_since: str | None = None,
) -> FeedAnswer:
    """The public sessions an organisation hosts, co-hosts or guests (never who comes)."""
    since = now() - HISTORY
    version = await feedrows.organisation_version(slug, since=since)
    if version is None:
        raise NotFound(NOT_FOUND)
    lang = _language(language, version.default_language)
    answer = _answer_if_current(version, lang, if_none_match, if_modified_since)
    if answer is not None:
        return answer
    with use_language(lang):
        events = await feedrows.organisation_events(version.owner_id, since=since, language=lang)
        ics = build_feed(events, name=version.name)
    return FeedAnswer(ics=ics, etag=_etag(version, lang), last_modified=version.last_modified)


async def personal_feed(
    token: str,
    *,
    language: str | None = None,
    if_none_match: str | None = None,
    if_modified_since: str | None = None,
) -> FeedAnswer:
    """The sessions a parent said yes to, over all their invitations, with reminders."""
    version = await feedrows.personal_version(token)
    if version is None:
        raise NotFound(NOT_FOUND)
    lang = _language(language, version.default_language)
    answer = _answer_if_current(version, lang, if_none_match, if_modified_since)
    if answer is not None:
        return answer
    with use_language(lang):
        events = await feedrows.personal_events(version.owner_id, language=lang)
        name = _("My information sessions")
        ics = build_feed(events, name=name, alarm_hours=runtime().settings.alarm_hours)
    return FeedAnswer(ics=ics, etag=_etag(version, lang), last_modified=version.last_modified)


def _language(asked: str | None, default: str) -> str:
    if asked in SUPPORTED_LANGUAGES:
        return str(asked)
    return default if default in SUPPORTED_LANGUAGES else "nl"


def _etag(version: feedrows.FeedVersion, language: str) -> str:
    raw = f"{FORMAT_VERSION}|{version.fingerprint}|{language}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def _answer_if_current(
    version: feedrows.FeedVersion, language: str, if_none_match: str | None, ims: str | None
) -> FeedAnswer | None:
    """A 304 answer when the caller's copy is current (RFC 9110: If-None-Match wins)."""
    etag = _etag(version, language)
    if if_none_match is not None:
        current = etag in _etags(if_none_match) or if_none_match.strip() == "*"
    elif ims is not None:
        current = _not_modified_since(version.last_modified, ims)
    else:
        current = False
    return FeedAnswer(ics=None, etag=etag, last_modified=version.last_modified) if current else None


def _etags(header: str) -> set[str]:
    """The ETags of an If-None-Match header, weak ones compared by their opaque part."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _not_modified_since(last_modified: datetime, header: str) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


def http_date(moment: datetime) -> str:
    """``Sat, 27 Mar 2027 08:00:00 GMT``."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)
