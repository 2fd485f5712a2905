"""CSV import of contacts as pages: upload, a preview with every row's faults, then confirm.

Nothing is saved until the person confirms an error-free preview, or chooses, explicitly,
to import the rows that are fine and take the others back as a file. Between the steps
the file (and afterwards the refused rows) waits in the session store for half an hour
under a random key.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from litestar.stores.base import Store

from parentinfo.accounts.auth import PageActor
from parentinfo.contacts import service
from parentinfo.contacts.csv_import import MAX_BYTES
from parentinfo.errors import Conflict
from parentinfo.i18n import gettext as _
from parentinfo.lib.downloads import csv_download
from parentinfo.lib.tokens import new_token
from parentinfo.web.flashes import flash
from parentinfo.web.forms import Form, empty_form
from parentinfo.web.render import page

PENDING_SECONDS = 30 * 60
UPLOAD_LIMIT = MAX_BYTES + 64 * 1024


def _store(request: Request[Any, Any, Any]) -> Store:
    return request.app.stores.get("sessions")


def _pending_key(actor_user_id: int, key: str) -> str:
    return f"import:{actor_user_id}:{key}"


@get("/contacts/import")
async def import_form(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Choose a CSV file."""
    return await page(
        request, "web/contacts/import.html", actor=page_actor, section="contacts", form=empty_form()
    )


@post("/contacts/import", request_max_body_size=UPLOAD_LIMIT)
async def import_preview(request: Request[Any, Any, Any], page_actor: PageActor) -> Template:
    """Read the file and show what would be imported, or every row that needs fixing."""
    data = await request.form()
    upload = data.get("file")
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    if not raw:
        form = Form(errors={"file": _("Choose a CSV file to import.")})
        return await page(
            request,
            "web/contacts/import.html",
            actor=page_actor,
            section="contacts",
            form=form,
            status_code=422,
        )
    result = await service.import_contacts(actor=page_actor, data=raw, dry_run=True)
    key = ""
    if result.ok or result.splittable:
        key = new_token(16)
        await _store(request).set(
            _pending_key(page_actor.user_id, key), raw, expires_in=PENDING_SECONDS
        )
    return await page(
        request,
        "web/contacts/import_preview.html",
        actor=page_actor,
        section="contacts",
        result=result,
        key=key,
        filename=upload.filename if isinstance(upload, UploadFile) else "",
        status_code=200 if result.ok else 422,
    )


@post("/contacts/import/confirm", status_code=303)
async def import_confirm(request: Request[Any, Any, Any], page_actor: PageActor) -> Any:
    """Import the previewed file as a whole (or nothing, when something changed meanwhile)."""
    form = await request.form()
    key = str(form.get("key", ""))
    store = _store(request)
    raw = await store.get(_pending_key(page_actor.user_id, key)) if key else None
    if raw is None:
        form_state = Form(errors={"file": _("The preview has expired. Choose the file again.")})
        return await page(
            request,
            "web/contacts/import.html",
            actor=page_actor,
            section="contacts",
            form=form_state,
            status_code=422,
        )
    keep_going = form.get("mode") == "keep_going"
    try:
        result = await service.import_contacts(
            actor=page_actor, data=raw, dry_run=False, keep_going=keep_going
        )
    except Conflict as error:
        form_state = Form(errors={"file": error.message})
        return await page(
            request,
            "web/contacts/import.html",
            actor=page_actor,
            section="contacts",
            form=form_state,
            status_code=409,
        )
    await store.delete(_pending_key(page_actor.user_id, key))
    if result.rejected_csv:
        rejected_key = new_token(16)
        await store.set(
            _rejected_key(page_actor.user_id, rejected_key),
            result.rejected_csv.encode("utf-8"),
            expires_in=PENDING_SECONDS,
        )
        return await page(
            request,
            "web/contacts/import_done.html",
            actor=page_actor,
            section="contacts",
            result=result,
            key=rejected_key,
        )
    if not result.ok:
        return await page(
            request,
            "web/contacts/import_preview.html",
            actor=page_actor,
            section="contacts",
            result=result,
            key="",
            filename="",
            status_code=422,
        )
    flash(request, "contacts_imported")
    return Redirect(path="/contacts", status_code=303)


@get("/contacts/import/rejected", media_type="text/csv")
async def rejected_rows(
    request: Request[Any, Any, Any], page_actor: PageActor, key: FromQuery[str] = ""
) -> Response[Any] | Template:
    """The rows the last import left out, with what is wrong with each, as a CSV."""
    raw = await _store(request).get(_rejected_key(page_actor.user_id, key[:64])) if key else None
    if raw is None:
        form_state = Form(errors={"file": _("That file has expired. Choose the file again.")})
        return await page(
            request,
            "web/contacts/import.html",
            actor=page_actor,
            section="contacts",
            form=form_state,
            status_code=404,
        )
    return csv_download(raw.decode("utf-8"), filename="contacts-to-fix.csv")


def _rejected_key(actor_user_id: int, key: str) -> str:
    return f"import-rejected:{actor_user_id}:{key}"


routes = [import_form, import_preview, import_confirm, rejected_rows]
