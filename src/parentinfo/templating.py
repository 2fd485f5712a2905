"""One Jinja environment for pages, emails and SMS, with gettext installed before any compile."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from parentinfo import i18n
from parentinfo.lib.folding import search_key
from parentinfo.paths import TEMPLATES_DIR


@cache
def environment() -> Environment:
    """The shared environment; the language comes from :func:`parentinfo.i18n.use_language`."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"], default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.globals.update(
        current_language=i18n.current_language,
        language_name=i18n.language_name,
        format_when=i18n.format_when,
        format_day=i18n.format_day,
        format_clock=i18n.format_clock,
    )
    # The door filters its list in the browser, offline too: each row carries its folded name.
    env.filters["search_key"] = search_key
    return env


def render(template_name: str, /, **context: Any) -> str:
    """Render a template in the current language."""
    return environment().get_template(template_name).render(**context)
