"""Inserting thousands of rows without building thousands of model objects.

Tortoise's ``bulk_create`` wants a model instance per row, and building one costs more than
inserting it. Queueing ten thousand invitations writes plain dicts instead, converted
field by field exactly as ``bulk_create`` converts them, in chunks, ignoring rows that
clash with a unique key (a concurrent send already wrote them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

from tortoise.models import Model

from parentinfo.lib.chunks import chunked
from parentinfo.lib.clock import now

_PLAIN = frozenset({str, int, bool, float})


async def insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """``INSERT … ON CONFLICT DO NOTHING`` of ``rows`` (field name → value) into ``model``.

    Fields a row leaves out get their model default; ``auto_now`` fields get this moment.
    """
    if not rows:
        return
    meta = model._meta
    db = meta.db
    fields = {
        name: meta.fields_map[name]
        for name in meta.fields_db_projection
        if not meta.fields_map[name].generated
    }
    defaults = _defaults(fields)
    names = list(fields)
    sqlite = db.capabilities.dialect == "sqlite"
    marks = ", ".join("?" if sqlite else f"${i}" for i in range(1, len(names) + 1))
    columns = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in names)
    # Table and column names come from the model, never from input: only values are bound.
    sql = f'INSERT INTO "{meta.db_table}" ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING'  # noqa: S608
    # The defaults are the same for every row: convert them once, then only what a row gives.
    template = [_db_value(fields[name], defaults[name], model) for name in names]
    position = {name: index for index, name in enumerate(names)}
    enums: dict[tuple[str, Enum], Any] = {}  # a few kinds and channels, over thousands of rows
    values = []
    for row in rows:
        bound = template.copy()
        for name, value in row.items():
            index = position.get(name)
            if index is None:
                continue  # not a column: ignored, as bulk_create ignores it
            if value is None or type(value) in _PLAIN:
                bound[index] = value
            elif isinstance(value, Enum):
                key = (name, value)
                if key not in enums:
                    enums[key] = _db_value(fields[name], value, model)
                bound[index] = enums[key]
            else:
                bound[index] = _db_value(fields[name], value, model)
        values.append(bound)
    for chunk in chunked(values):
        await db.execute_many(sql, list(chunk))


def _db_value(field: Any, value: Any, model: type[Model]) -> Any:
    """What ``bulk_create`` would bind; plain values need no conversion (the common case)."""
    if value is None or type(value) in _PLAIN:
        return value
    return field.to_db_value(value, model)


def _defaults(fields: Mapping[str, Any]) -> dict[str, Any]:
    stamp = now()
    defaults: dict[str, Any] = {}
    for name, field in fields.items():
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[name] = stamp
        elif callable(field.default):
            defaults[name] = field.default()
        else:
            defaults[name] = field.default
    return defaults
