"""The contacts list as a list people work with: filters, CSV export, erasing one or many.

Erasing is the privacy erasure (:mod:`parentinfo.privacy.erasure`): a confirmation page
first says whom and what it removes; only coordinators and admins are offered it, and the
service refuses anyone else. Export is for them too, and is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.response import Redirect

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.contacts import service
from parentinfo.contacts.access import MAX_ID, contact_query_for
from parentinfo.contacts.export_csv import contacts_csv
from parentinfo.contacts.search import filtered_contacts
from parentinfo.contacts.validation import clean_age_groups
from parentinfo.events.models import Event, EventText
from parentinfo.events.texts import choose_text
from parentinfo.i18n import current_language
from parentinfo.lib.downloads import csv_download
from parentinfo.lib.enums import Role
from parentinfo.privacy import audit
from parentinfo.rsvp.models import Invitation
from parentinfo.web.flashes import flash
from parentinfo.web.forms import read_form
from parentinfo.web.render import page

EXPORT_LIMIT = 20_000
ERASE_LIMIT = 500  # one page of ticked boxes is 50; a confirmation lists every name


@dataclass(frozen=True)
class ListFilters:
    """What the contacts list is filtered by, as the query string gave it."""

    q: str = ""
    language: str = ""
    age_group: str = ""
    channel: str = ""
    opted_out: str = ""  # "yes", "no" or "" (everyone)
    event: int | None = None
    answer: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ListFilters:
        """The filters of a query string; an event id that is not a number is no filter."""
        event = params.get("event", "")
        return cls(
            q=params.get("q", "")[:100],
            language=params.get("language", "")[:20],
            age_group=params.get("age_group", "")[:20],
            channel=params.get("channel", "")[:20],
            opted_out=params.get("opted_out", "")[:3],
            event=int(event) if event.isdigit() and 1 <= int(event) <= MAX_ID else None,
            answer=params.get("answer", "")[:20],
        )

    @property
    def any(self) -> bool:
        """True when anything narrows the list."""
        return bool(
            self.q or self.language or self.age_group or self.channel or self.opted_out
        ) or bool(self.event)

    def query_string(self) -> str:
        """The filters for a link (the next page, the export)."""
        pairs = {k: v for k, v in asdict(self).items() if v not in ("", None)}
        return urlencode(pairs)

    def query_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`parentinfo.contacts.search.filtered_contacts`."""
        answered = (self.event, self.answer or "yes") if self.event else None
        return {
            "q": self.q or None,
            "language": self.language or None,
            "opted_out": {"yes": True, "no": False}.get(self.opted_out),
            "channel": self.channel or None,
            "answered": answered,
        }


def may_manage(actor: Actor) -> bool:
    """Erasing and exporting are for coordinators and admins."""
    return actor.role in (Role.ADMIN, Role.COORDINATOR)


async def event_choices(actor: Actor) -> list[tuple[int, str]]:
    """The organisation's events, newest first, with their title in the page's language."""
    events = await Event.filter(organisation_id=actor.org_id).order_by("-starts_at").limit(50)
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for text in await EventText.filter(event_id__in=[e.id for e in events]):
        texts.setdefault(text.event_id, {})[text.language] = (text.title, "")  # type: ignore[attr-defined]
    choices = []
    for event in events:
        chosen = choose_text(texts.get(event.id, {}), current_language())
        title = chosen.title if chosen else f"#{event.id}"
        choices.append((event.id, f"{title} ({event.starts_at:%d-%m-%Y})"))
    return choices


@get("/contacts/export.csv", media_type="text/csv")
async def export_contacts(request: Request[Any, Any, Any], page_actor: PageActor) -> Response[str]:
    """The contacts the list shows with these filters, as a CSV (coordinators and admins)."""
    page_actor.require_coordinator()
    filters = ListFilters.from_query(request.query_params)
    group = clean_age_groups([filters.age_group], field_name="age_group")
    query = filtered_contacts(actor=page_actor, **filters.query_kwargs())
    contacts = [c for c in await query.limit(EXPORT_LIMIT) if not group or group[0] in c.age_groups]
    await audit.record(
        actor=page_actor,
        action="contacts.exported",
        subject_type="contact",
        details={"rows": len(contacts)},
    )
    return csv_download(contacts_csv(contacts), filename="contacts.csv")


def _chosen_ids(values: list[str]) -> list[int]:
    ids = {int(v) for v in values if v.isdigit() and 1 <= int(v) <= MAX_ID}
    return sorted(ids)[:ERASE_LIMIT]


@post("/contacts/erase/confirm")
async def confirm_erase(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Say whom erasing removes and what stays, and ask to confirm."""
    page_actor.require_coordinator()
    form = await read_form(request)
    ids = _chosen_ids(form.many("ids"))
    contacts = list(await contact_query_for(page_actor).filter(id__in=ids).order_by("name"))
    if not contacts:
        return Redirect(path="/contacts", status_code=303)
    invitations = await Invitation.filter(contact_id__in=[c.id for c in contacts]).count()
    return await page(
        request,
        "web/contacts/erase_confirm.html",
        actor=page_actor,
        section="contacts",
        contacts=contacts,
        invitations=invitations,
    )


@post("/contacts/erase", status_code=303)
async def erase_chosen(request: Request[Any, Any, Any], page_actor: PageActor) -> Redirect:
    """Erase the confirmed contacts, each as the privacy erasure does."""
    form = await read_form(request)
    await service.erase_contacts(actor=page_actor, contact_ids=_chosen_ids(form.many("ids")))
    flash(request, "contacts_erased")
    return Redirect(path="/contacts", status_code=303)


@post("/contacts/invite", status_code=303)
async def invite_chosen(request: Request[Any, Any, Any], page_actor: PageActor) -> Redirect:
    """To the outreach audience step of the event, with the ticked contacts preselected.

    The invitation is then previewed and priced like any other: nothing is sent from here.
    """
    page_actor.require_coordinator()  # outreach is theirs; the audience page checks again
    form = await read_form(request)
    event = form.value("event")
    ids = _chosen_ids(form.many("ids"))
    if not event.isdigit() or not ids:
        return Redirect(path="/contacts", status_code=303)
    query = urlencode([("contacts", i) for i in ids])
    return Redirect(path=f"/events/{int(event)}/outreach?{query}", status_code=303)


routes = [export_contacts, confirm_erase, erase_chosen, invite_chosen]
