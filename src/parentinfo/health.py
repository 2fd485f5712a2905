"""``GET /health`` for load balancers: 200 when the database answers, 503 otherwise."""

from __future__ import annotations

from litestar import Response, get
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from parentinfo.db import database_answers


@get("/health", include_in_schema=False, cache=False)
async def health() -> Response[dict[str, str]]:
    """Report whether this process can reach its database."""
    if await database_answers():
        return Response({"status": "ok"}, status_code=HTTP_200_OK)
    return Response({"status": "unavailable"}, status_code=HTTP_503_SERVICE_UNAVAILABLE)


@get("/ping", include_in_schema=False, cache=False)
async def ping() -> dict[str, str]:
    """A bare endpoint with no I/O: the ceiling the benchmarks compare against."""
    return {"status": "ok"}
