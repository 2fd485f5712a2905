"""The thread with a parent, and answering it: from the inbox or from the contact's page.

One form, two steps: "Preview" shows what the parent will receive and what it says in the
staff's language; "Send" writes it into the outbox. A ready answer the event cannot fill is
a form error that says what to fill in (422).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.answers import ready, service
from parentinfo.contacts.models import Contact
from parentinfo.errors import Invalid
from parentinfo.i18n import gettext, lazy
from parentinfo.rsvp.eventlines import event_lines
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form, read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

# What to fill in, said in the staff's language (the service says it in English for the API).
WHAT_TO_FILL = {
    "time": lazy("The event has no end time. Set one on the event first."),
    "address": lazy("The event has no address. Fill in the address on the event first."),
    "language": lazy(
        "The event has no interpreter for this parent's language. Add it to the event's "
        "interpreter languages first, or choose another answer."
    ),
    "childcare": lazy(
        "The event says there is no childcare. Change the event or choose another answer."
    ),
    "no_childcare": lazy(
        "The event says there is childcare. Change the event or choose another answer."
    ),
}


@get("/inbox/{item_id:int}")
async def item_thread(
    request: Request[Any, Any, Any], page_actor: PageActor, item_id: FromPath[int]
) -> Template:
    """The conversation with the parent who sent this inbox item, and the answer form."""
    item, contact = await service.item_contact(actor=page_actor, item_id=item_id)
    return await _thread_page(request, page_actor, contact, empty_form(), item=item)


@post("/inbox/{item_id:int}/answer", status_code=303)
async def answer_item(
    request: Request[Any, Any, Any], page_actor: PageActor, item_id: FromPath[int]
) -> Any:
    """Preview or send the answer to this item's parent."""
    item, contact = await service.item_contact(actor=page_actor, item_id=item_id)
    return await _answer(request, page_actor, contact, item=item)


@get("/contacts/{contact_id:int}/thread")
async def contact_thread(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Template:
    """The conversation with this parent, and the answer form."""
    contact = await service.answerable_contact(actor=page_actor, contact_id=contact_id)
    return await _thread_page(request, page_actor, contact, empty_form())


@post("/contacts/{contact_id:int}/thread/answer", status_code=303)
async def answer_contact(
    request: Request[Any, Any, Any], page_actor: PageActor, contact_id: FromPath[int]
) -> Any:
    """Preview or send an answer to this parent."""
    contact = await service.answerable_contact(actor=page_actor, contact_id=contact_id)
    return await _answer(request, page_actor, contact)


async def _answer(
    request: Request[Any, Any, Any],
    actor: Actor,
    contact: Contact,
    *,
    item: InboundMessage | None = None,
) -> Any:
    form = await read_form(request)
    chosen = _chosen(form)
    try:
        if form.value("step") == "send":
            await service.send_answer(actor=actor, contact=contact, request=chosen, item=item)
            flash(request, "answer_sent")
            back = f"/inbox/{item.id}" if item else f"/contacts/{contact.id}/thread"
            return Redirect(path=back, status_code=303)
        preview = await service.preview_answer(
            actor=actor, contact=contact, request=chosen, item=item
        )
    except Invalid as error:
        form.fail(error)
        if isinstance(error, service.UnfillableAnswer):
            form.errors["ready"] = gettext(WHAT_TO_FILL[error.fact])
        return await _thread_page(request, actor, contact, form, item=item, status=422)
    return await _thread_page(request, actor, contact, form, item=item, preview=preview)


def _chosen(form: Form) -> service.AnswerRequest:
    """The form's choice: a ready answer, or the staff's own text when "own" is chosen."""
    event_id = form.integer("event_id")
    if form.value("ready") == "own":
        return service.AnswerRequest(text=form.value("text"), event_id=event_id)
    return service.AnswerRequest(ready=form.value("ready") or None, event_id=event_id)


async def _thread_page(
    request: Request[Any, Any, Any],
    actor: Actor,
    contact: Contact,
    form: Form,
    *,
    item: InboundMessage | None = None,
    preview: service.Preview | None = None,
    status: int = 200,
) -> Template:
    _contact, entries = await service.contact_thread(actor=actor, contact_id=contact.id)
    invitations = await Invitation.filter(
        contact_id=contact.id, organisation_id=actor.org_id
    ).select_related("event")
    lines = await event_lines([i.event for i in invitations], actor.language)
    events = [(str(i.event.id), lines[i.event.id].title) for i in invitations]
    if item is not None and item.invitation_id and not form.value("event_id"):  # type: ignore[attr-defined]
        chosen = next((i for i in invitations if i.id == item.invitation_id), None)  # type: ignore[attr-defined]
        if chosen is not None:
            form.values["event_id"] = [str(chosen.event.id)]
    answers = [(a.key, gettext(a.text)) for a in ready.READY_ANSWERS]
    return await page(
        request,
        "web/answers/thread.html",
        actor=actor,
        section="home" if item else "contacts",
        contact=contact,
        entries=entries,
        item=item,
        form=form,
        preview=preview,
        events=events,
        answers=answers,
        action=f"/inbox/{item.id}/answer" if item else f"/contacts/{contact.id}/thread/answer",
        status_code=status,
    )


routes = [page_router([item_thread, answer_item, contact_thread, answer_contact])]
