"""Where every feature's routes are collected: one line per module, nothing lazy."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from parentinfo.accounts import api as accounts_api
from parentinfo.accounts import pages as accounts_pages
from parentinfo.answers import api as answers_api
from parentinfo.answers import pages as answers_pages
from parentinfo.attendance import api as attendance_api
from parentinfo.attendance import pages as attendance_pages
from parentinfo.calendar import pages as calendar_pages
from parentinfo.contacts import api as contacts_api
from parentinfo.contacts import pages as contacts_pages
from parentinfo.events import api as events_api
from parentinfo.events import pages as events_pages
from parentinfo.organisations import api as organisations_api
from parentinfo.organisations import pages as organisations_pages
from parentinfo.outreach import api as outreach_api
from parentinfo.outreach import contentsids_api as outreach_contentsids_api
from parentinfo.outreach import pages as outreach_pages
from parentinfo.outreach.delivery import webhook as outreach_webhook
from parentinfo.outreach.voice import webhook as voice_webhook
from parentinfo.privacy import api as privacy_api
from parentinfo.reports import api as reports_api
from parentinfo.reports import pages as reports_pages
from parentinfo.rsvp import api as rsvp_api
from parentinfo.rsvp.inbound import webhook as rsvp_webhook
from parentinfo.web.routing import static_router


def api_routes() -> list[ControllerRouterHandler]:
    """Routes under ``/api/v1``, each needing a Bearer token."""
    return [
        *organisations_api.routes,
        *accounts_api.routes,
        *events_api.routes,
        *contacts_api.routes,
        *outreach_api.routes,
        *outreach_contentsids_api.routes,
        *rsvp_api.routes,
        *answers_api.routes,
        *attendance_api.routes,
        *privacy_api.routes,
        *reports_api.routes,
    ]


def public_routes() -> list[ControllerRouterHandler]:
    """Pages, webhooks, feeds and the parents' pages."""
    return [
        *reports_pages.routes,
        *accounts_pages.routes,
        *organisations_pages.routes,
        *events_pages.routes,
        *contacts_pages.routes,
        *answers_pages.routes,
        *outreach_pages.routes,
        *attendance_pages.routes,
        *calendar_pages.routes,
        *rsvp_webhook.routes,
        *outreach_webhook.routes,
        *voice_webhook.routes,
        static_router(),
    ]
