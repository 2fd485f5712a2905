"""The rsvp catalog shares no message id with another domain: catalogs merge, the last wins."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def _ids(pot: Path) -> set[str]:
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_no_reply_text_shadows_another_features_text() -> None:
    ours = _ids(LOCALES / "rsvp.pot")
    assert ours
    for pot in sorted(LOCALES.glob("*.pot")):
        if pot.stem != "rsvp":
            assert ours & _ids(pot) == set(), pot.stem
