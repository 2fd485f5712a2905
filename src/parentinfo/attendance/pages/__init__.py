"""The door's pages (``door``) and the replay of a phone's queued taps (``replay``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.attendance.pages import door

routes: list[ControllerRouterHandler] = [*door.routes]
