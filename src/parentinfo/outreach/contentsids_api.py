"""``/api/v1/whatsapp/templates``: the ContentSid of each WhatsApp template (admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from litestar import get, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.types import ControllerRouterHandler
from msgspec import Meta

from parentinfo.accounts.auth import ApiActor
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.organisations.responses import error_responses
from parentinfo.outreach import contentsids
from parentinfo.outreach.whatsapp.templates import WHATSAPP_KINDS

_KINDS = [k.value for k in WHATSAPP_KINDS]
_MEANINGS = {
    403: "Only admins see and change the WhatsApp templates",
    409: "This ContentSid is already the template of another kind or language",
    422: "Not a ContentSid (HX and 32 hexadecimal digits), or an unknown kind or language",
}
Kind = Annotated[
    str, Parameter(description="one of " + ", ".join(_KINDS), schema_extra={"enum": _KINDS})
]
KindFilter = Annotated[
    str | None,
    Parameter(description="one of " + ", ".join(_KINDS), schema_extra={"enum": _KINDS}),
]
Language = Annotated[
    str,
    Parameter(
        description="one of " + ", ".join(SUPPORTED_LANGUAGES),
        schema_extra={"enum": list(SUPPORTED_LANGUAGES)},
    ),
]


class TemplateOut(msgspec.Struct):
    """One kind in one language: our text, its ContentSid ("" when none is approved)."""

    kind: str
    language: str
    text: str  # with Twilio's numbered variables, "{{1}}"
    variables: list[str]  # what each number holds: the first is "{{1}}"
    buttons: list[str]  # the quick-reply buttons' titles
    content_sid: str
    approved: bool
    updated_by: str
    updated_at: datetime | None


class ContentSidIn(msgspec.Struct, forbid_unknown_fields=True):
    """The ContentSid Twilio gave the approved template; "" takes the template out."""

    content_sid: Annotated[
        str,
        Meta(
            max_length=64,
            description="HX and 32 hexadecimal digits; empty: not sent by WhatsApp",
            examples=["HXb5b62575e6e4ff6129ad7c8efe1f983e"],
        ),
    ]


def template_out(row: contentsids.TemplateRow) -> TemplateOut:
    """Serialise one row of the table."""
    return TemplateOut(
        kind=row.kind.value,
        language=row.language,
        text=row.text,
        variables=list(row.variables),
        buttons=list(row.buttons),
        content_sid=row.content_sid,
        approved=row.approved,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


@get(
    "/whatsapp/templates",
    summary="The WhatsApp templates and their ContentSids",
    responses=error_responses(meanings=_MEANINGS),
)
async def list_templates(actor: ApiActor, kind: FromQuery[KindFilter] = None) -> list[TemplateOut]:
    """Every kind (or ``?kind=``) in every language; ``approved`` says WhatsApp may send it."""
    chosen = contentsids.clean_kind(kind) if kind else None
    return [template_out(r) for r in await contentsids.template_rows(actor=actor, kind=chosen)]


@put(
    "/whatsapp/templates/{kind:str}/{language:str}",
    summary="Set the ContentSid of one template",
    responses=error_responses(409, meanings=_MEANINGS),
)
async def set_template(
    actor: ApiActor,
    kind: FromPath[Kind],
    language: FromPath[Language],
    data: JSONBody[ContentSidIn],
) -> TemplateOut:
    """Store the ContentSid of an approved template; written to the audit log."""
    row = await contentsids.set_content_sid(
        actor=actor, kind=kind, language=language, content_sid=data.content_sid
    )
    return template_out(row)


routes: list[ControllerRouterHandler] = [list_templates, set_template]
