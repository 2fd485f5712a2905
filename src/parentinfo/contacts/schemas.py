"""What the contacts API reads and writes: msgspec structs, so a malformed body is a 422."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar.openapi.datastructures import ResponseSpec
from msgspec import UNSET, Meta, Struct, UnsetType

from parentinfo.contacts.csv_import import RowError
from parentinfo.contacts.models import Consent, Contact
from parentinfo.contacts.validation import CHANNELS, ContactDraft
from parentinfo.lib.enums import AGE_GROUPS, SUPPORTED_LANGUAGES, ConsentMethod

Name = Annotated[str, Meta(min_length=1, max_length=200, examples=["Anna Kowalska"])]
Mobile = Annotated[
    str,
    Meta(max_length=32, description="A mobile number; stored as E.164.", examples=["+31612345678"]),
]
Email = Annotated[str, Meta(max_length=254, examples=["anna@example.com"])]
Language = Annotated[
    str,
    Meta(max_length=16, description="One of: " + ", ".join(SUPPORTED_LANGUAGES), examples=["pl"]),
]
AgeGroups = Annotated[
    list[Annotated[str, Meta(max_length=16)]],
    Meta(max_length=len(AGE_GROUPS), description="Any of: " + ", ".join(AGE_GROUPS)),
]
Channels = Annotated[
    list[Annotated[str, Meta(max_length=16)]],
    Meta(
        min_length=1,
        max_length=len(CHANNELS),
        description=(
            "One or more of: " + ", ".join(CHANNELS) + ". whatsapp and voice (the parent asked "
            "to be called) go to the mobile and need its SMS consent too."
        ),
        examples=[["sms"], ["sms", "whatsapp"]],
    ),
]
Method = Annotated[
    str,
    Meta(max_length=32, description="One of: " + ", ".join(m.value for m in ConsentMethod)),
]
Note = Annotated[str, Meta(max_length=300)]
Notes = Annotated[str, Meta(max_length=2000)]


class ConsentIn(Struct, forbid_unknown_fields=True):
    """Consent given (or, with ``granted: false``, withdrawn) for channels."""

    channels: Channels
    method: Method
    note: Note = ""
    granted: bool = True


class ContactIn(Struct, forbid_unknown_fields=True):
    """A new contact; ``consent`` is required, and a mobile number or email (or both)."""

    name: Name
    language: Language
    consent: ConsentIn
    mobile: Mobile | None = None
    email: Email | None = None
    age_groups: AgeGroups = []
    notes: Notes = ""


class ContactPatch(Struct, forbid_unknown_fields=True):
    """Changes to a contact: only the fields sent are changed; ``null`` clears mobile or email."""

    name: Name | UnsetType = UNSET
    mobile: Mobile | UnsetType | None = UNSET
    email: Email | UnsetType | None = UNSET
    language: Language | UnsetType = UNSET
    age_groups: AgeGroups | UnsetType = UNSET
    notes: Notes | UnsetType = UNSET
    consent: ConsentIn | UnsetType = UNSET

    def changes(self) -> dict[str, object]:
        """The contact fields that were sent (consent apart)."""
        sent = {name: getattr(self, name) for name in self.__struct_fields__}
        return {k: v for k, v in sent.items() if v is not UNSET and k != "consent"}


class ContactOut(Struct):
    """A contact as the API shows it."""

    id: int
    name: str
    mobile: str | None
    email: str | None
    language: str
    age_groups: list[str]
    sms_opt_out: bool
    email_opt_out: bool
    opted_out_at: datetime | None
    mobile_invalid: bool
    notes: str
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime
    whatsapp: bool = False  # agreed to WhatsApp on the mobile
    whatsapp_invalid: bool = False  # the mobile has no WhatsApp account
    call_me: bool = False  # asked to be called (consent channel "voice")


class ContactPageOut(Struct):
    """One page of contacts."""

    items: list[ContactOut]
    total: int
    page: int
    per_page: int


class ConsentOut(Struct):
    """One entry in a contact's consent history."""

    id: int
    channels: list[str]
    granted: bool
    method: str
    note: str
    recorded_at: datetime
    recorded_by_id: int | None
    recorded_by_name: str | None


class DraftOut(Struct):
    """A row of a file that would be imported (the dry-run preview)."""

    row: int
    name: str
    mobile: str | None
    email: str | None
    language: str
    age_groups: list[str]
    consent_channels: list[str]
    consent_method: str


class ImportedOut(Struct):
    """A file imported as a whole."""

    imported: int
    detail: str


class ImportPreviewOut(Struct):
    """What importing the file would do; nothing was saved."""

    dry_run: bool
    count: int
    detail: str
    rows: list[DraftOut]


class RowErrorOut(Struct):
    """What is wrong in one row (row 0: the file itself or the request, row 1: the header)."""

    field: str
    message: str
    row: int = 0


class FieldErrorOut(Struct):
    """What is wrong with one field, and what would be accepted."""

    field: str
    message: str


class ErrorOut(Struct):
    """Every refusal: the status, a sentence for a person, and the fields at fault."""

    status_code: int
    detail: str
    errors: list[FieldErrorOut] = []


class ImportRefusedOut(Struct):
    """A refused file: nothing was imported, and every row that needs fixing is listed."""

    status_code: int
    detail: str
    errors: list[RowErrorOut]


def contact_out(contact: Contact) -> ContactOut:
    """Serialise a contact."""
    return ContactOut(
        id=contact.id,
        name=contact.name,
        mobile=contact.mobile,
        email=contact.email,
        language=contact.language,
        age_groups=list(contact.age_groups or []),
        sms_opt_out=contact.sms_opt_out,
        email_opt_out=contact.email_opt_out,
        opted_out_at=contact.opted_out_at,
        mobile_invalid=contact.mobile_invalid,
        notes=contact.notes,
        created_by_id=contact.created_by_id,  # type: ignore[attr-defined]
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        whatsapp=contact.whatsapp,
        whatsapp_invalid=contact.whatsapp_invalid,
        call_me=contact.call_me,
    )


def consent_out(consent: Consent) -> ConsentOut:
    """Serialise a consent entry; ``recorded_by`` must have been fetched with it."""
    recorder = consent.recorded_by if consent.recorded_by_id else None  # type: ignore[attr-defined]
    return ConsentOut(
        id=consent.id,
        channels=list(consent.channels or []),
        granted=consent.granted,
        method=consent.method.value,
        note=consent.note,
        recorded_at=consent.recorded_at,
        recorded_by_id=consent.recorded_by_id,  # type: ignore[attr-defined]
        recorded_by_name=(recorder.name or recorder.email) if recorder else None,
    )


def draft_out(draft: ContactDraft) -> DraftOut:
    """Serialise a row of the preview."""
    return DraftOut(
        row=draft.row,
        name=draft.name,
        mobile=draft.mobile,
        email=draft.email,
        language=draft.language,
        age_groups=list(draft.age_groups),
        consent_channels=list(draft.consent_channels),
        consent_method=draft.consent_method.value,
    )


def row_errors_out(errors: list[RowError]) -> list[RowErrorOut]:
    """Serialise the per-row report."""
    return [RowErrorOut(row=e.row, field=e.field, message=e.message) for e in errors]


_MEANINGS = {
    400: "The request cannot be read",
    401: "No valid API token",
    403: "Not a member of the organisation named in X-Organisation",
    404: "No such contact in this organisation (or not one you added, as a volunteer)",
    409: "Another contact of the organisation has this mobile number",
    422: "Bad input: each field at fault, and what is accepted",
}


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """The OpenAPI answers for the refusals a handler can give."""
    return {
        code: ResponseSpec(ErrorOut, description=_MEANINGS[code])
        for code in (400, 401, 403, 422, *codes)
    }
