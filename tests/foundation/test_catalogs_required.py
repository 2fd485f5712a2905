"""Without its compiled catalogs the service says so and refuses to start, never sends English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parentinfo import i18n
from parentinfo.app import create_app
from parentinfo.cli import main
from parentinfo.i18n import CatalogsMissing, missing_catalogs, require_catalogs
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.paths import LOCALES_DIR
from parentinfo.settings import Settings


@pytest.fixture
def sources_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of locales/ with its .po files but no compiled .mo, as in a fresh checkout."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALES_DIR", copy)
    return copy


def _contains(error: BaseException, kind: type[BaseException]) -> bool:
    if isinstance(error, kind):
        return True
    inner = getattr(error, "exceptions", ())
    return any(_contains(e, kind) for e in inner)


def test_the_real_catalogs_are_compiled() -> None:
    assert missing_catalogs(SUPPORTED_LANGUAGES) == []


def test_missing_mo_files_are_named(sources_only: Path) -> None:
    missing = missing_catalogs(SUPPORTED_LANGUAGES)
    assert "pl/LC_MESSAGES/outreach.mo" in missing
    assert "ar/LC_MESSAGES/calendar.mo" in missing
    assert not [path for path in missing if path.startswith("en/")]
    with pytest.raises(CatalogsMissing, match="make catalogs"):
        require_catalogs(SUPPORTED_LANGUAGES)


def test_a_language_without_any_catalog_is_missing(sources_only: Path) -> None:
    missing = set(missing_catalogs(("xx",)))
    assert missing >= {f"xx/LC_MESSAGES/{domain}.mo" for domain in i18n.PARENT_DOMAINS}


@pytest.mark.anyio
async def test_the_app_refuses_to_start(sources_only: Path, settings: Settings) -> None:
    app = create_app(settings)
    with pytest.raises(BaseException) as raised:  # noqa: PT011 - the lifespan wraps it in a group
        async with app.lifespan():
            pass  # pragma: no cover - never reached
    assert _contains(raised.value, CatalogsMissing)


def test_serve_and_worker_say_so_and_exit(
    sources_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", "1"]) == 2
    assert "compiled catalogs are missing" in capsys.readouterr().err
    assert main(["worker"]) == 2
    assert "make catalogs" in capsys.readouterr().err
