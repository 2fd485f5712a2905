"""How refusals look in the OpenAPI document, so integrators (and schemathesis) know them."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
from litestar.openapi.datastructures import ResponseSpec


class FieldErrorOut(msgspec.Struct):
    """What is wrong with one field, and what would be accepted."""

    field: str
    message: str


class ErrorOut(msgspec.Struct):
    """A refusal: the status, a message a person can act on, and the fields at fault."""

    status_code: int
    detail: str
    errors: list[FieldErrorOut] = msgspec.field(default_factory=list)


MEANINGS = {
    400: "The request cannot be read (not JSON, for instance)",
    401: "No valid API token",
    403: "Your role does not allow this, or you are not a member of X-Organisation",
    404: "No such organisation",
    409: "Clashes with what exists, or with the thing's state",
    422: "Bad input: each field at fault, and what is accepted",
}


def error_responses(
    *codes: int, meanings: Mapping[int, str] | None = None
) -> dict[int, ResponseSpec]:
    """The refusals a handler can give (400, 401, 403 and 422 always), for the OpenAPI."""
    described = {**MEANINGS, **(meanings or {})}
    return {
        code: ResponseSpec(ErrorOut, description=described[code])
        for code in sorted({400, 401, 403, 422, *codes})
    }
