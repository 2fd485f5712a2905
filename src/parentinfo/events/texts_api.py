"""``/api/v1/events/{id}/texts``: the title and description per language."""

from __future__ import annotations

from litestar import Response, delete, get, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.events import service
from parentinfo.events.schemas import TextIn, TextOut, error_responses, text_out


@get(
    "/events/{event_id:int}/texts", summary="List an event's texts", responses=error_responses(404)
)
async def list_texts(actor: ApiActor, event_id: FromPath[int]) -> list[TextOut]:
    """Every language the event is written in."""
    return [text_out(t) for t in await service.list_texts(actor=actor, event_id=event_id)]


@put(
    "/events/{event_id:int}/texts/{language:str}",
    summary="Write the text in one language",
    responses={
        201: ResponseSpec(TextOut, description="The text in this language is new"),
        **error_responses(404, 409),
    },
)
async def put_text(
    actor: ApiActor, event_id: FromPath[int], language: FromPath[str], data: JSONBody[TextIn]
) -> Response[TextOut]:
    """Write or rewrite one language's title, description and notes (201 when new).

    ``accessibility_notes`` and ``directions`` reach parents of this language (others by the
    fallback chain); left out, they keep what this language had.
    """
    text, created = await service.set_text(
        actor=actor,
        event_id=event_id,
        language=language,
        title=data.title,
        description=data.description,
        accessibility_notes=data.accessibility_notes,
        directions=data.directions,
    )
    return Response(text_out(text), status_code=201 if created else 200)


@delete(
    "/events/{event_id:int}/texts/{language:str}",
    summary="Remove one language's text",
    responses=error_responses(404, 409),
)
async def delete_text(actor: ApiActor, event_id: FromPath[int], language: FromPath[str]) -> None:
    """Remove the text in ``language``; a published event keeps at least one."""
    await service.delete_text(actor=actor, event_id=event_id, language=language)


routes: list[ControllerRouterHandler] = [list_texts, put_text, delete_text]
