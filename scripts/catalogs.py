"""Gettext catalogs, one domain per feature: extract, update, compile, and check staleness.

A domain is a feature folder: ``src/parentinfo/<domain>/`` and ``templates/<domain>/``
(domain ``web`` also owns the shared templates at the top of ``templates/``).

    python scripts/catalogs.py compile                 # .po -> .mo (build output, not committed)
    python scripts/catalogs.py extract [DOMAIN]        # write .pot, merge into each .po
    python scripts/catalogs.py init DOMAIN LANG...     # start .po files for a new domain
    python scripts/catalogs.py check                   # fail when a catalog lags the code

Parents must never read English by accident: every string of the parent-facing domains
(``PARENT_DOMAINS``) is translated in every language a contact may speak, and each
translation keeps the placeholders of its English source.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
SRC = ROOT / "src" / "parentinfo"
TEMPLATES = ROOT / "templates"
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2"), ("**.ics", "jinja2")]
OPTIONS = {
    "**.html": {"extensions": "jinja2.ext.i18n"},
    "**.txt": {"extensions": "jinja2.ext.i18n"},
}
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
# What a parent sees: every SMS and email (outreach), every SMS reply (rsvp), the personal
# page /r/{token}, its error and not-found pages and the calendar texts (calendar).
PARENT_DOMAINS: tuple[str, ...] = ("outreach", "rsvp", "calendar")
SOURCE_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "lazy": None}


def domains() -> list[str]:
    """Every domain that has a .pot file or a catalog."""
    return sorted({p.stem for p in LOCALES.glob("*.pot")})


def extract(domain: str) -> Catalog:
    """Every translatable string of one feature."""
    # A fixed date keeps the headers of every .po unchanged between extractions, so two
    # branches that each add a string do not conflict on the header line.
    catalog = Catalog(project="parentinfo", domain=domain, creation_date=_FIXED_DATE)
    sources = [SRC / domain, TEMPLATES / domain]
    for folder in sources:
        if not folder.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
            folder, METHODS, options_map=OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
        ):
            catalog.add(
                message,
                None,
                [(str(folder.relative_to(ROOT) / filename), lineno)],
                auto_comments=comments,
                context=context,
            )
    if domain == "web":
        for path in sorted(TEMPLATES.glob("*.html")):
            for lineno, message, comments, context in _extract_file(path):
                catalog.add(
                    message,
                    None,
                    [(str(path.relative_to(ROOT)), lineno)],
                    auto_comments=comments,
                    context=context,
                )
    return catalog


def _extract_file(path: Path):  # type: ignore[no-untyped-def]
    from babel.messages.extract import extract

    with path.open("rb") as handle:
        yield from extract(
            "jinja2", handle, keywords=KEYWORDS, options={"extensions": "jinja2.ext.i18n"}
        )


def _ids(catalog: Catalog) -> set[object]:
    return {m.id for m in catalog if m.id}


def run_extract(only: str | None = None) -> None:
    """Refresh each .pot (or just ``only``'s) and merge new strings into every .po."""
    for domain in [only] if only else domains():
        template = extract(domain)
        with (LOCALES / f"{domain}.pot").open("wb") as handle:
            write_po(
                handle,
                template,
                omit_header=False,
                sort_output=True,
                width=100,
                include_lineno=False,
            )
        for po_path in LOCALES.glob(f"*/LC_MESSAGES/{domain}.po"):
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=po_path.parts[-3])
            catalog.update(template, no_fuzzy_matching=True)
            with po_path.open("wb") as handle:
                write_po(
                    handle,
                    catalog,
                    sort_output=True,
                    width=100,
                    ignore_obsolete=True,
                    include_lineno=False,
                )


def run_init(domain: str, languages: list[str]) -> None:
    """Create the .pot and an empty .po per language for a new domain."""
    (LOCALES / f"{domain}.pot").touch()
    for language in languages:
        po_path = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
        if po_path.exists():
            continue
        po_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("wb") as handle:
            write_po(handle, Catalog(locale=language, domain=domain, project="parentinfo"))
    run_extract(domain)


def run_compile() -> None:
    """Compile every .po into the .mo the service loads (skipping a .mo newer than its .po)."""
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue  # a warm `make run` starts without reading 300 catalogs again
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parts[-3])
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo_path.write_bytes(buffer.getvalue())


def parent_gaps(locales: Path, languages: tuple[str, ...]) -> list[str]:
    """What would reach a parent in English or break: missing catalogs, untranslated strings,
    translations whose placeholders differ from the English source."""
    gaps: list[str] = []
    for domain in PARENT_DOMAINS:
        pot = locales / f"{domain}.pot"
        if not pot.is_file():
            gaps.append(f"{domain}.pot is missing")
            continue
        with pot.open("rb") as handle:
            wanted = {(m.id, m.context): m for m in read_po(handle) if m.id}
        for language in languages:
            if language == SOURCE_LANGUAGE:
                continue
            gaps.extend(_language_gaps(locales, domain, language, wanted))
    return gaps


def _language_gaps(
    locales: Path, domain: str, language: str, wanted: dict[object, object]
) -> list[str]:
    po_path = locales / language / "LC_MESSAGES" / f"{domain}.po"
    if not po_path.is_file():
        return [f"{language}/{domain}.po is missing: parents who read {language} get English"]
    with po_path.open("rb") as handle:
        have = {(m.id, m.context): m for m in read_po(handle, locale=language) if m.id}
    gaps: list[str] = []
    for key in wanted:
        message_id = key[0]
        message = have.get(key)
        strings = () if message is None else _strings(message.string)
        if message is None or message.fuzzy or not strings or not all(strings):
            gaps.append(f"{language}/{domain}.po: untranslated {_first(message_id)!r}")
            continue
        expected = set(_PLACEHOLDER.findall(" ".join(_strings(message_id))))
        for text in strings:
            if set(_PLACEHOLDER.findall(text)) != expected:
                gaps.append(f"{language}/{domain}.po: placeholders differ in {text!r}")
    return gaps


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value)
    return ()


def _first(message_id: object) -> str:
    return _strings(message_id)[0] if _strings(message_id) else ""


def _contact_languages() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT / "src"))
    from parentinfo.lib.enums import SUPPORTED_LANGUAGES

    return SUPPORTED_LANGUAGES


def run_check() -> int:
    """Non-zero when the code has strings a .pot lacks, or a .po lacks a translation."""
    problems: list[str] = []
    for domain in domains():
        wanted = _ids(extract(domain))
        with (LOCALES / f"{domain}.pot").open("rb") as handle:
            have = _ids(read_po(handle))
        if wanted != have:
            problems.append(f"{domain}.pot is stale: run `make catalogs-extract`")
        for po_path in sorted(LOCALES.glob(f"*/LC_MESSAGES/{domain}.po")):
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=po_path.parts[-3])
            missing = [
                m.id
                for m in catalog
                if m.id
                and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))
            ]
            lacking = wanted - _ids(catalog)
            if missing or lacking:
                problems.append(
                    f"{po_path.relative_to(ROOT)}: {len(missing) + len(lacking)} untranslated"
                )
    problems.extend(parent_gaps(LOCALES, _contact_languages()))
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if action == "extract":
        run_extract(sys.argv[2] if len(sys.argv) > 2 else None)
    elif action == "init":
        run_init(sys.argv[2], sys.argv[3:])
    elif action == "check":
        raise SystemExit(run_check())
    else:
        run_compile()
