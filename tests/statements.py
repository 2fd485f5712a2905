"""Count the SQL statements a piece of code sends: a budget for the hot paths.

Tortoise logs every statement it sends on ``tortoise.db_client`` at DEBUG; a test collects
them around the call it measures. A count is not a timing: it is exact on any machine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class _Statements(logging.Handler):
    """Collects every statement Tortoise sends."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.sent: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.sent.append(record.getMessage())


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """The statements sent while the test runs (clear it before the part you measure)."""
    logger = logging.getLogger("tortoise.db_client")
    handler, level = _Statements(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.sent
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
