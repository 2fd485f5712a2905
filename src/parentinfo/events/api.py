"""``/api/v1/events``: draft, change, publish, cancel and copy events, and monthly series."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.events import hosts_api, service, texts_api
from parentinfo.events.schemas import (
    CancelIn,
    DuplicateIn,
    EventIn,
    EventOut,
    EventPageOut,
    EventPatch,
    SeriesIn,
    SeriesOut,
    error_responses,
    event_out,
    new_event_values,
    reading_language,
    set_fields,
)
from parentinfo.lib.pagination import page_body, page_request

LanguageQuery = Annotated[
    str | None, QueryParameter(description="the language to read the texts in (fallback: en, nl)")
]
FromDate = Annotated[datetime | None, QueryParameter(name="from", description="starts at or after")]
ToDate = Annotated[datetime | None, QueryParameter(name="to", description="starts before")]
# Far past any real list, and small enough that the row offset fits every database.
PageNumber = Annotated[int, QueryParameter(ge=1, le=1_000_000)]


@get("/events", summary="List events", responses=error_responses())
async def list_events(
    *,
    actor: ApiActor,
    status: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    starts_from: FromDate = None,
    starts_before: ToDate = None,
    language: LanguageQuery = None,
    page: PageNumber = 1,
    per_page: FromQuery[int] = 50,
) -> EventPageOut:
    """Events your organisation hosts, co-hosts or is invited to co-host, soonest first."""
    reading = reading_language(language, actor)
    result = await service.list_events(
        actor=actor,
        page=page_request(page, per_page),
        status=status,
        topic=topic,
        starts_from=starts_from,
        starts_before=starts_before,
    )
    items = [event_out(e, actor=actor, language=reading) for e in result.items]
    return page_body(EventPageOut, result, items)


@post("/events", summary="Draft an event", responses=error_responses(404))
async def create_event(actor: ApiActor, data: JSONBody[EventIn]) -> EventOut:
    """Draft an event owned by your organisation, optionally with texts per language."""
    values, texts = new_event_values(data)
    event = await service.create_event(actor=actor, values=values, texts=texts)
    return event_out(event, actor=actor, language=reading_language(None, actor))


@get("/events/{event_id:int}", summary="Get an event", responses=error_responses(404))
async def get_event(
    actor: ApiActor, event_id: FromPath[int], language: LanguageQuery = None
) -> EventOut:
    """One event; ``?language=ro`` picks the text (Romanian, else English, else Dutch)."""
    reading = reading_language(language, actor)
    event = await service.get_event(actor=actor, event_id=event_id)
    return event_out(event, actor=actor, language=reading)


@patch("/events/{event_id:int}", summary="Change an event", responses=error_responses(404, 409))
async def update_event(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[EventPatch]
) -> EventOut:
    """Change the fields sent; moving a published event notifies the invited parents.

    ``"notify": false`` saves a move without telling them (recorded). Only the organisation
    that drafted a published event moves it or changes its places (403 otherwise).
    """
    event = await service.update_event(
        actor=actor, event_id=event_id, changes=set_fields(data), notify=data.notify
    )
    return event_out(event, actor=actor, language=reading_language(None, actor))


@post(
    "/events/{event_id:int}/publish",
    status_code=200,
    summary="Publish an event",
    responses=error_responses(404, 409),
)
async def publish_event(actor: ApiActor, event_id: FromPath[int]) -> EventOut:
    """Publish a draft that has a text in at least one language."""
    event = await service.publish_event(actor=actor, event_id=event_id)
    return event_out(event, actor=actor, language=reading_language(None, actor))


@post(
    "/events/{event_id:int}/cancel",
    status_code=200,
    summary="Cancel an event",
    responses=error_responses(404, 409),
)
async def cancel_event(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[CancelIn | None] = None
) -> EventOut:
    """Cancel the event (its owner only); everyone invited gets a cancellation, unless
    ``{"notify": false}`` (recorded)."""
    how = data or CancelIn()
    event = await service.cancel_event(actor=actor, event_id=event_id, notify=how.notify)
    return event_out(event, actor=actor, language=reading_language(None, actor))


@post(
    "/events/{event_id:int}/duplicate",
    summary="Copy an event as a new draft",
    responses=error_responses(404),
)
async def duplicate_event(
    actor: ApiActor, event_id: FromPath[int], data: JSONBody[DuplicateIn | None] = None
) -> EventOut:
    """A new draft with the same fields and texts (not the co-hosts), at new times if given."""
    moved = data or DuplicateIn()
    event = await service.duplicate_event(
        actor=actor, event_id=event_id, starts_at=moved.starts_at, ends_at=moved.ends_at
    )
    return event_out(event, actor=actor, language=reading_language(None, actor))


@post("/series", summary="Draft a monthly series", responses=error_responses())
async def create_series(actor: ApiActor, data: JSONBody[SeriesIn]) -> SeriesOut:
    """Drafts on the same weekday of each month as the first (e.g. the second Tuesday)."""
    values, texts = new_event_values(data)
    series, events = await service.create_monthly_series(
        actor=actor, name=data.name, count=data.count, values=values, texts=texts
    )
    reading = reading_language(None, actor)
    return SeriesOut(
        id=series.id,
        name=series.name,
        rule=series.rule,
        events=[event_out(e, actor=actor, language=reading) for e in events],
    )


routes: list[ControllerRouterHandler] = [
    list_events,
    create_event,
    get_event,
    update_event,
    publish_event,
    cancel_event,
    duplicate_event,
    create_series,
    *hosts_api.routes,
    *texts_api.routes,
]
