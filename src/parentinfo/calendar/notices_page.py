"""The pages a parent reaches by mistake: an unknown or expired link, a failed form, an error.

They never say why a link failed (a tampered or erased link looks like a mistyped one). The
text is in the language the parent asked for (``?lang=``, else the browser's first language
we speak), and always also in English and Dutch, for whoever helps them read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.response import Template

from parentinfo.i18n import _current, pgettext, use_language
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}
ALWAYS = ("en", "nl")
RTL = frozenset({"ar"})


@dataclass(frozen=True)
class Section:
    """The notice in one language."""

    language: str
    direction: str
    title: str
    body: str


def _not_found() -> tuple[str, str]:
    return _("Page not found"), _(
        "This link does not work. Please check that you copied the whole link "
        "from the message, or ask the person who invited you."
    )


def _expired_form() -> tuple[str, str]:
    return pgettext("parent", "The form has expired"), pgettext(
        "parent", "Please reload the page and try again."
    )


def _too_many() -> tuple[str, str]:
    return pgettext("parent", "Too many attempts"), pgettext(
        "parent", "Please wait a minute and try again."
    )


def _our_fault() -> tuple[str, str]:
    return pgettext("parent", "Something went wrong on our side"), pgettext(
        "parent", "Please try again in a moment."
    )


def _did_not_work() -> tuple[str, str]:
    return pgettext("parent", "That did not work"), pgettext(
        "parent", "Please open the link from our message again."
    )


def asked_language(request: Request[Any, Any, Any] | None, asked: str | None = None) -> str | None:
    """``asked`` (or ``?lang=``) when we speak it, else the browser's first language we speak."""
    if request is not None and asked is None:
        asked = request.query_params.get("lang")
    if asked in SUPPORTED_LANGUAGES:
        return asked
    header = request.headers.get("accept-language", "") if request is not None else ""
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in SUPPORTED_LANGUAGES:
            return code
    return None


def _sections(texts: Callable[[], tuple[str, str]], language: str | None) -> list[Section]:
    sections = []
    for code in dict.fromkeys([*([language] if language else []), *ALWAYS]):
        with use_language(code):
            title, body = texts()
        sections.append(Section(code, "rtl" if code in RTL else "ltr", title, body))
    return sections


def _page(
    texts: Callable[[], tuple[str, str]],
    language: str | None,
    status: int,
    headers: dict[str, str] | None = None,
) -> Template:
    sections = _sections(texts, language)
    _current.set(sections[0].language)  # the template renders after the handler returns
    return Template(
        template_name="calendar/notice.html",
        context={"sections": sections},
        status_code=status,
        headers={**PRIVATE, **(headers or {})},
    )


def not_found_page(language: str | None = None) -> Template:
    """The one 404 for parents' links, never saying why."""
    return _page(_not_found, language, 404)


def too_many_page(language: str | None, *, retry_after: int) -> Template:
    """The 429 for a client that failed too many links, with when to come back."""
    return _page(_too_many, language, 429, {"Retry-After": str(retry_after)})


def error_page(request: Request[Any, Any, Any], status: int, message: str) -> Template:
    """An error on a parent's page (a stale form, too many tries, our fault), in their language."""
    if status == 404:
        texts = _not_found
    elif status == 403 and "csrf" in message.lower():
        texts = _expired_form
    elif status == 429:
        texts = _too_many
    elif status >= 500:
        texts = _our_fault
    else:
        texts = _did_not_work
    return _page(texts, asked_language(request), status)
