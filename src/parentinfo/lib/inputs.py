"""The pure checks of the request boundary: paths, query strings and bodies as people send them.

Each check returns what is wrong (or nothing), so the middleware in :mod:`parentinfo.lib.boundary`
only turns an answer into a refusal. Nothing here touches the network or the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from parentinfo.lib.textrules import allows_line_breaks, describe, refused_character

MAX_PATH_PARAMETER = 64  # tokens, slugs, language codes: none is longer
MAX_JSON_DEPTH = 32  # the deepest body the API reads is four levels


@dataclass(frozen=True)
class Problem:
    """Why a request is refused: a status code, a message, and the field when there is one."""

    status_code: int
    message: str
    field: str = ""


def path_problem(path: str, parameters: dict[str, Any]) -> Problem | None:
    """A control character anywhere in the path, or a path parameter too long to be real."""
    if refused_character(path, multi_line=False):
        return Problem(404, "Not found.")
    for value in parameters.values():
        if isinstance(value, str) and len(value) > MAX_PATH_PARAMETER:
            return Problem(404, "Not found.")
    return None


def query_problem(raw: bytes) -> Problem | None:
    """A query string that is not UTF-8 (400), or a parameter holding a control character (422)."""
    pairs = _pairs(raw)
    if pairs is None:
        return Problem(400, "The query string is not valid UTF-8.")
    return _texts_problem(pairs, status_code=422)


def form_problem(body: bytes) -> Problem | None:
    """A form body that is not UTF-8, or a field holding a character it may not hold."""
    pairs = _pairs(body)
    if pairs is None:
        return Problem(400, "The form is not valid UTF-8.")
    return _texts_problem(pairs, status_code=422)


def _pairs(raw: bytes) -> list[tuple[str, str]] | None:
    """The decoded name/value pairs of a query string or form, or None when not UTF-8."""
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return None


def json_problem(body: bytes) -> Problem | None:
    """A JSON body that is not UTF-8, nests too deeply, or holds a refused character."""
    if not body.strip():
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Problem(400, "The body is not valid UTF-8.")
    brackets = text.count("[") + text.count("{")  # fast: most bodies cannot nest that deep
    if brackets > MAX_JSON_DEPTH and _nesting(text) > MAX_JSON_DEPTH:
        return Problem(400, f"The body nests deeper than {MAX_JSON_DEPTH} levels.")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the framework answers malformed JSON with its own 400
    return _texts_problem(_strings(document, ""), status_code=422)


def _texts_problem(
    pairs: Iterator[tuple[str, str]] | list[tuple[str, str]], *, status_code: int
) -> Problem | None:
    """The first (field, text) pair with a refused character; a name is one line, always."""
    for field, value in pairs:
        name = field or "body"
        bad = refused_character(field, multi_line=False)
        multi_line = bad is None and allows_line_breaks(name)
        if bad is None:
            bad = refused_character(value, multi_line=multi_line)
        if bad is not None:
            how = "line breaks and tabs only" if multi_line else "no line breaks"
            message = f"may not contain the control character {describe(bad)} ({how})"
            return Problem(status_code, f"{name}: {message}", field=name)
    return None


def _nesting(text: str) -> int:
    """The deepest bracket nesting of a JSON text, counted without parsing it (no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a JSON document, keys included, with the dotted path that leads to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            # The key is checked as part of the field's name, by the caller, on its own.
            child = f"{path}.{key}" if path else str(key)
            yield child, ""
            yield from _strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
