"""Errors a service raises for a person to act on; the web layer turns them into answers.

Services never import the web framework: a :class:`ServiceError` carries the status code
and the message, and :mod:`parentinfo.app` renders it as JSON (API) or a page (HTML).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field, and what would be accepted."""

    field: str
    message: str


class ServiceError(Exception):
    """Base class: a refusal with a status code and a message a person can act on."""

    status_code = 400

    def __init__(self, message: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class Invalid(ServiceError):
    """The input is malformed: 422, naming each field."""

    status_code = 422


class Unauthorized(ServiceError):
    """No valid credentials: 401."""

    status_code = 401


class Forbidden(ServiceError):
    """Known user, not allowed: 403."""

    status_code = 403


class NotFound(ServiceError):
    """No such thing, or not yours to see (we do not say which): 404."""

    status_code = 404


class Conflict(ServiceError):
    """Clashes with what exists, or with the thing's state: 409."""

    status_code = 409


class TooManyRequests(ServiceError):
    """Too many attempts in a short time (failed logins): 429."""

    status_code = 429


def invalid_field(field: str, message: str) -> Invalid:
    """An :class:`Invalid` about a single field."""
    return Invalid(f"{field}: {message}", errors=[FieldError(field, message)])
