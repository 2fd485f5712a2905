"""No parent reads English by accident: the parent-facing catalogs are whole in all 22 languages."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.paths import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]


def _catalogs_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "catalogs_script", ROOT / "scripts" / "catalogs.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_every_parent_facing_string_is_translated_in_every_contact_language() -> None:
    script = _catalogs_script()
    assert set(script.PARENT_DOMAINS) == {"outreach", "rsvp", "calendar"}
    assert script.parent_gaps(LOCALES_DIR, SUPPORTED_LANGUAGES) == []


def test_the_check_names_missing_untranslated_and_broken_strings(tmp_path: Path) -> None:
    script = _catalogs_script()
    for domain in script.PARENT_DOMAINS:
        template = Catalog(domain=domain)
        template.add("Hello %(name)s", context="outreach")
        template.add("Bye")
        _write(tmp_path / f"{domain}.pot", template)
        polish = Catalog(locale="pl", domain=domain)
        polish.add("Hello %(name)s", "Cześć %(imie)s", context="outreach")
        polish.add("Bye", "")
        _write(tmp_path / "pl" / "LC_MESSAGES" / f"{domain}.po", polish)
    gaps = script.parent_gaps(tmp_path, ("en", "pl", "de"))
    assert "pl/rsvp.po: untranslated 'Bye'" in gaps
    assert "pl/calendar.po: placeholders differ in 'Cześć %(imie)s'" in gaps
    assert "de/outreach.po is missing: parents who read de get English" in gaps
    assert not [gap for gap in gaps if gap.startswith("en/")]  # English is the source
    assert len(gaps) == 9


# Informal Romanian ("tu"): the pronouns and verb forms a formal text ("dumneavoastră") never has.
_INFORMAL_ROMANIAN = re.compile(
    r"\b(vii|tău|tale|ta|tine|te|ai|poți|ești|vrei|știi|abonează-te|bifează|adaugă)\b",
    re.IGNORECASE,
)


def test_romanian_parents_are_addressed_formally_everywhere() -> None:
    script = _catalogs_script()
    for domain in script.PARENT_DOMAINS:
        with (LOCALES_DIR / "ro" / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
            catalog = read_po(handle, locale="ro")
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                assert not _INFORMAL_ROMANIAN.search(text or ""), (domain, text)
