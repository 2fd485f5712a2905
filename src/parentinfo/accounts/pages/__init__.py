"""Staff pages for accounts: logging in and out, a new password by mail, the team, one's own
password, and the invitation link where a new colleague chooses a password."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.accounts.pages import login, team
from parentinfo.web.routing import page_router

routes: list[ControllerRouterHandler] = [page_router(login.routes), *team.routes]
