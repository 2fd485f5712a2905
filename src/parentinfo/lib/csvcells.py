"""CSV cells a spreadsheet shows as text, never runs as a formula (CSV injection)."""

from __future__ import annotations

import unicodedata

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
_FORMULA_START = frozenset("=+-@\t\r\n")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula.

    The first character is folded with NFKC first: spreadsheets fold the fullwidth and
    small compatibility forms (``＝``, ``﹦``, ``＋``, ``－``, ``＠``) to their ASCII
    letters when they parse a cell, so ``＝HYPERLINK(...)`` runs like ``=HYPERLINK(...)``.
    """
    if not text:
        return False
    folded = unicodedata.normalize("NFKC", text[0])
    return folded[:1] in _FORMULA_START


def safe_cell(text: str) -> str:
    """``text`` with a leading apostrophe when it could run as a formula."""
    return "'" + text if starts_like_formula(text) else text
