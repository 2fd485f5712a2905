"""Staff pages for contacts: list, search, add and edit with consent (``contact``), and the
CSV import in three steps (``csv_upload``)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.contacts.pages import contact, csv_upload
from parentinfo.web.routing import page_router

routes: list[ControllerRouterHandler] = [*contact.routes, page_router(csv_upload.routes)]
