"""``/api/v1/contacts``: the organisation's parents, their consent, and CSV import."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, delete, get, patch, post
from litestar.datastructures import UploadFile
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import ApiActor
from parentinfo.contacts import service
from parentinfo.contacts.access import MAX_ID
from parentinfo.contacts.csv_import import csv_template
from parentinfo.contacts.schemas import (
    ConsentIn,
    ConsentOut,
    ContactIn,
    ContactOut,
    ContactPageOut,
    ContactPatch,
    ImportedOut,
    ImportPreviewOut,
    ImportRefusedOut,
    consent_out,
    contact_out,
    draft_out,
    error_responses,
    row_errors_out,
)
from parentinfo.contacts.validation import CHANNELS
from parentinfo.errors import invalid_field
from parentinfo.i18n import gettext as _
from parentinfo.lib.downloads import csv_download
from parentinfo.lib.pagination import MAX_PER_PAGE, page_body, page_request

Page = Annotated[int, Parameter(ge=1, le=1_000_000)]
PerPage = Annotated[int, Parameter(ge=1, le=MAX_PER_PAGE)]
SearchText = Annotated[str | None, Parameter(max_length=100)]
ChannelQuery = Annotated[
    str | None,
    Parameter(
        description="reachable now on this channel: one of " + ", ".join(CHANNELS),
        schema_extra={"enum": list(CHANNELS)},
    ),
]
ContactId = Annotated[int, Parameter(ge=1, le=MAX_ID, examples=[Example(value=1)])]


@get("/contacts", summary="List and search contacts", responses=error_responses())
async def list_contacts(
    actor: ApiActor,
    *,
    q: FromQuery[SearchText] = None,
    language: FromQuery[str | None] = None,
    age_group: FromQuery[str | None] = None,
    opted_out: FromQuery[bool | None] = None,
    channel: FromQuery[ChannelQuery] = None,
    page: FromQuery[Page] = 1,
    per_page: FromQuery[PerPage] = 50,
) -> ContactPageOut:
    """Contacts by name; ``q`` matches name, email or mobile digits; ``opted_out``: no channel.

    ``channel``: those reachable on it now (WhatsApp: agreed to it, and the mobile works).
    """
    found = await service.search_contacts(
        actor=actor,
        page=page_request(page, per_page),
        q=q,
        language=language,
        age_group=age_group,
        opted_out=opted_out,
        channel=channel,
    )
    return page_body(ContactPageOut, found, [contact_out(c) for c in found.items])


@post("/contacts", summary="Create a contact (with consent)", responses=error_responses(409))
async def create_contact(actor: ApiActor, data: JSONBody[ContactIn]) -> ContactOut:
    """A new contact; 409 when the organisation already has the mobile number."""
    contact = await service.create_contact(
        actor=actor,
        name=data.name,
        mobile=data.mobile,
        email=data.email,
        language=data.language,
        age_groups=data.age_groups,
        consent_channels=data.consent.channels,
        consent_method=data.consent.method,
        consent_note=data.consent.note,
        notes=data.notes,
    )
    return contact_out(contact)


@get("/contacts/{contact_id:int}", summary="Get a contact", responses=error_responses(404))
async def get_contact(actor: ApiActor, contact_id: FromPath[ContactId]) -> ContactOut:
    """One contact of the organisation."""
    return contact_out(await service.get_contact(actor=actor, contact_id=contact_id))


@patch(
    "/contacts/{contact_id:int}", summary="Change a contact", responses=error_responses(404, 409)
)
async def update_contact(
    actor: ApiActor, contact_id: FromPath[ContactId], data: JSONBody[ContactPatch]
) -> ContactOut:
    """Change only the fields sent; ``consent`` appends to the history."""
    consent = None
    if isinstance(data.consent, ConsentIn):
        consent = {f: getattr(data.consent, f) for f in data.consent.__struct_fields__}
    contact = await service.update_contact(
        actor=actor, contact_id=contact_id, changes=data.changes(), consent=consent
    )
    return contact_out(contact)


@delete(
    "/contacts/{contact_id:int}",
    summary="Delete a contact",
    status_code=204,
    responses=error_responses(404),
)
async def delete_contact(actor: ApiActor, contact_id: FromPath[ContactId]) -> None:
    """Erase a contact as the privacy erasure does: its messages blanked, the counts kept."""
    await service.delete_contact(actor=actor, contact_id=contact_id)


@get(
    "/contacts/{contact_id:int}/consents",
    summary="A contact's consent history",
    responses=error_responses(404),
)
async def list_consents(actor: ApiActor, contact_id: FromPath[ContactId]) -> list[ConsentOut]:
    """Every consent given or withdrawn, oldest first."""
    history = await service.consent_history(actor=actor, contact_id=contact_id)
    return [consent_out(c) for c in history]


@post(
    "/contacts/{contact_id:int}/consents",
    summary="Record consent given or withdrawn",
    responses=error_responses(404),
)
async def add_consent(
    actor: ApiActor, contact_id: FromPath[ContactId], data: JSONBody[ConsentIn]
) -> ConsentOut:
    """Channels switched on (``granted``) or off, appended to the history."""
    consent = await service.add_consent(
        actor=actor,
        contact_id=contact_id,
        channels=data.channels,
        method=data.method,
        granted=data.granted,
        note=data.note,
    )
    return consent_out(consent)


@post(
    "/contacts/import",
    summary="Import contacts from CSV (all rows or none)",
    status_code=201,
    responses={
        **error_responses(409),
        200: ResponseSpec(ImportPreviewOut, description="dry_run=true: the preview"),
        422: ResponseSpec(ImportRefusedOut, description="Nothing imported: the faults by row"),
    },
)
async def import_contacts(
    actor: ApiActor, request: Request[Any, Any, Any], dry_run: FromQuery[bool] = False
) -> Response[Any]:
    """Body: the CSV itself (text/csv) or a multipart form with the field ``file``."""
    result = await service.import_contacts(
        actor=actor, data=await _uploaded_bytes(request), dry_run=dry_run
    )
    if not result.ok:
        refused = ImportRefusedOut(422, result.summary, row_errors_out(result.errors))
        return Response(refused, status_code=422)
    if dry_run:
        rows = [draft_out(d) for d in result.rows]
        return Response(ImportPreviewOut(True, len(rows), result.summary, rows), status_code=200)
    return Response(ImportedOut(result.imported, result.summary), status_code=201)


@get(
    "/contacts/import/template",
    summary="A CSV template to fill in",
    media_type="text/csv",
    responses=error_responses(),
)
async def import_template(actor: ApiActor) -> Response[str]:
    """The header row and two example contacts."""
    del actor  # any member may download the template
    return csv_download(csv_template(), filename="contacts-template.csv")


async def _uploaded_bytes(request: Request[Any, Any, Any]) -> bytes:
    """The file from a multipart form's ``file`` field, or the raw body."""
    if request.content_type[0] != "multipart/form-data":
        return await request.body()
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise invalid_field("file", _("send the CSV as the multipart form field 'file'"))
    return await upload.read()


routes: list[ControllerRouterHandler] = [
    list_contacts,
    create_contact,
    get_contact,
    update_contact,
    delete_contact,
    list_consents,
    add_consent,
    import_contacts,
    import_template,
]
