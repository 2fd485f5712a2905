"""The OpenAPI document states the limits the boundary and the services really enforce.

Litestar derives the document from the handlers' types, but some limits live elsewhere: the
request boundary's character rule, the closed lists the services check (languages, topics,
consent methods), the unknown fields msgspec refuses, the page range. :func:`state_limits`
writes them into the generated document, so an integrator (or schemathesis) that sends what
the document allows is never refused. Only request parts are changed: answers keep the
shapes litestar derived from what the code returns.
"""

from __future__ import annotations

import copy
import itertools
import zoneinfo
from typing import Any

from parentinfo.lib.enums import (
    AGE_GROUPS,
    SUPPORTED_LANGUAGES,
    Channel,
    ConsentMethod,
    EventStatus,
    MessageStatus,
    OrganisationKind,
    Role,
    Topic,
)
from parentinfo.lib.pagination import MAX_PAGE, MAX_PER_PAGE
from parentinfo.lib.textrules import allows_line_breaks

# The character rule of lib.textrules, as ECMA-262 patterns.
SINGLE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
MULTI_LINE = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"

_LANGUAGE = {"enum": list(SUPPORTED_LANGUAGES)}
_ORDERABLE = (Channel.WHATSAPP.value, Channel.SMS.value, Channel.EMAIL.value)
_CHANNEL_ORDERS = [
    ",".join(order) for size in range(4) for order in itertools.permutations(_ORDERABLE, size)
]
# What the services accept for fields of these names, wherever a request carries them.
NAMED_LIMITS: dict[str, dict[str, Any]] = {
    "language": _LANGUAGE,
    "topic": {"enum": [topic.value for topic in Topic]},
    "method": {"enum": [method.value for method in ConsentMethod]},
    "page": {"minimum": 1, "maximum": MAX_PAGE},
    "per_page": {"minimum": 1, "maximum": MAX_PER_PAGE},
    "capacity": {"minimum": 1},
    "party_size": {"minimum": 1, "maximum": 20},
    "age_group": {"enum": list(AGE_GROUPS)},
    "timezone": {"enum": sorted(zoneinfo.available_timezones())},
    "website": {"pattern": "^(https?://[^\\u0000-\\u0020\\u007f-\\u009f]*)?$"},
    "retention_message_days": {"minimum": 7, "maximum": 365},
    "retention_contact_months": {"minimum": 1, "maximum": 24},
    # Every order the organisations service stores: each orderable channel at most once.
    "channel_order": {"enum": _CHANNEL_ORDERS},
    "content_sid": {"pattern": "^(HX[0-9a-fA-F]{32})?$"},  # a WhatsApp template's SID
}
# Lists whose items are limited like a field of another name.
NAMED_ITEMS: dict[str, dict[str, Any]] = {
    "languages": _LANGUAGE,
    "session_languages": _LANGUAGE,
    "interpreter_languages": _LANGUAGE,
    "plain_sms_languages": _LANGUAGE,
    "age_groups": {"enum": list(AGE_GROUPS)},
    "channels": {"enum": [channel.value for channel in Channel]},
    "consent_channels": {"enum": ["sms", "email"]},
}
NAMED_LISTS: dict[str, dict[str, Any]] = {
    "session_languages": {"minItems": 1},
    "consent_channels": {"minItems": 1},
}
# Query parameters whose meaning depends on the list they filter.
PARAMETER_LIMITS: dict[tuple[str, str], dict[str, Any]] = {
    ("/api/v1/messages", "status"): {"enum": [status.value for status in MessageStatus]},
    ("/api/v1/messages", "channel"): {"enum": [channel.value for channel in Channel]},
    ("/api/v1/events", "status"): {"enum": [status.value for status in EventStatus]},
}
# Request structs whose defaults the service refuses: a walk-in needs a name and a channel.
_ADDRESS_CHAR = "[^@\\s\\u0000-\\u001f\\u007f-\\u009f]"
_EMAIL_OR_EMPTY = f"^({_ADDRESS_CHAR}+@{_ADDRESS_CHAR}+\\.{_ADDRESS_CHAR}+)?$"
_LINE_CHAR = "[^\\u0000-\\u001f\\u007f-\\u009f]"
# Some text that is not only spaces.
_SOME_TEXT = f"^{_LINE_CHAR}*[^\\s\\u0000-\\u001f\\u007f-\\u009f]{_LINE_CHAR}*$"
_ROLE = {"enum": [role.value for role in Role]}
COMPONENT_LIMITS: dict[str, dict[str, dict[str, Any]]] = {
    "WalkInIn": {"name": {"minLength": 1}, "consent_channels": {"minItems": 1}},
}
# Request structs whose fields take only some values (their defaults and required stay).
COMPONENT_VALUES: dict[str, dict[str, dict[str, Any]]] = {
    # A new organisation: a name, a kind we know, at least one language, an admin's address.
    "OrganisationIn": {
        "name": {"pattern": _SOME_TEXT},
        "kind": {"enum": [kind.value for kind in OrganisationKind]},
        "languages": {"minItems": 1},
        "admin_email": {"pattern": _EMAIL_OR_EMPTY},
    },
    "InvitationIn": {"role": _ROLE},
    "MemberPatch": {"role": _ROLE},
}
# Maps whose keys are limited: texts are keyed by language.
NAMED_KEYS: dict[str, dict[str, Any]] = {"texts": _LANGUAGE}

# Bodies a handler reads itself (so litestar cannot see them), described here.
READ_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("/api/v1/contacts/import", "post"): {
        "required": True,
        "description": "The CSV itself (the columns of /contacts/import/template), or a "
        "multipart form with the field `file`; every row must be valid, or none is imported.",
        "content": {"text/csv": {"schema": {"type": "string", "minLength": 1}}},
    },
}


def state_limits(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` with the request limits written in."""
    document = copy.deepcopy(document)
    schemas = document.get("components", {}).get("schemas", {})
    for name in _request_components(document, schemas):
        _limit_object(schemas[name])
        for field, limits in COMPONENT_LIMITS.get(name, {}).items():
            schemas[name]["properties"][field].update(limits)
            schemas[name]["properties"][field].pop("default", None)
            schemas[name].setdefault("required", []).append(field)
        for field, limits in COMPONENT_VALUES.get(name, {}).items():
            schemas[name]["properties"][field].update(limits)
    for (path, method), body in READ_BODIES.items():
        operation = document.get("paths", {}).get(path, {}).get(method)
        if operation is not None:
            operation.setdefault("requestBody", copy.deepcopy(body))
    for path, operation in _operations(document):
        for parameter in operation.get("parameters", []):
            if "schema" in parameter:
                parameter["schema"].update(PARAMETER_LIMITS.get((path, parameter["name"]), {}))
                _limit_field(parameter["name"], parameter["schema"])
        for media in operation.get("requestBody", {}).get("content", {}).values():
            if "schema" in media:
                _limit_field("body", media["schema"])
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    methods = {"get", "put", "post", "patch", "delete", "head", "options"}
    return [
        (path, operation)
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method in methods
    ]


def _request_components(document: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    """The component schemas a request body can contain, directly or through references."""
    pending = [
        media.get("schema", {})
        for _, operation in _operations(document)
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]
    found: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            name = ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else ""
            if name and name not in found and name in schemas:
                found.add(name)
                pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def _limit_object(schema: dict[str, Any]) -> None:
    if schema.get("type") == "object" and "properties" in schema:
        # The API's structs refuse fields they do not know (msgspec forbid_unknown_fields).
        schema.setdefault("additionalProperties", False)
    for name, prop in schema.get("properties", {}).items():
        _limit_field(name, prop)


def _limit_field(name: str, schema: dict[str, Any]) -> None:
    """Write the limits of a field called ``name`` into its schema, and into what it holds."""
    if "$ref" in schema:
        return  # a component: limited once, where it is defined
    schema.update(NAMED_LIMITS.get(name, {}))  # the service's limit wins over a looser one
    schema.update({k: v for k, v in NAMED_LISTS.get(name, {}).items() if k not in schema})
    for variant in schema.get("oneOf", []) + schema.get("anyOf", []):
        if isinstance(variant, dict):
            _limit_field(name, variant)
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if "string" in kinds and not {"enum", "format", "pattern", "const"} & schema.keys():
        schema["pattern"] = MULTI_LINE if allows_line_breaks(name) else SINGLE_LINE
    items = schema.get("items")
    if isinstance(items, dict):
        items.update({k: v for k, v in NAMED_ITEMS.get(name, {}).items() if k not in items})
        _limit_field(name, items)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        schema.setdefault("propertyNames", NAMED_KEYS.get(name, {"pattern": SINGLE_LINE}))
        _limit_field(name, extra)
    if "properties" in schema:
        _limit_object(schema)
