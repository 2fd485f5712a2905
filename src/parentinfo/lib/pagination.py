"""Page through lists the same way everywhere: ``?page=1&per_page=50``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from parentinfo.errors import invalid_field

T = TypeVar("T")
MAX_PER_PAGE = 200
MAX_PAGE = 100_000  # beyond this an OFFSET overflows the databases' integers: a 500, not a page


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list is asked for."""

    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        """Rows to skip."""
        return (self.page - 1) * self.per_page


def page_request(page: int = 1, per_page: int = 50) -> PageRequest:
    """A validated :class:`PageRequest`."""
    if not 1 <= page <= MAX_PAGE:
        raise invalid_field("page", f"must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise invalid_field("per_page", f"must be between 1 and {MAX_PER_PAGE}")
    return PageRequest(page=page, per_page=per_page)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of items and the total count."""

    items: list[T]
    total: int
    page: int
    per_page: int


B = TypeVar("B")


def page_body(
    body: Callable[..., B], found: Page[Any], items: Sequence[Any] | None = None, **more: Any
) -> B:
    """A service's page as the API's page struct ``body``; ``items`` already converted, if given."""
    return body(
        items=list(found.items if items is None else items),
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        **more,
    )
