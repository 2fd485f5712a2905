"""Where the templates and catalogs are: next to ``src/`` in a checkout, or ``PARENTINFO_HOME``.

A wheel installed in a container has no checkout around it, so the image sets
``PARENTINFO_HOME`` to the folder holding ``templates/`` and ``locales/``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("PARENTINFO_HOME") or Path(__file__).resolve().parents[2])
TEMPLATES_DIR = PROJECT_ROOT / "templates"
LOCALES_DIR = PROJECT_ROOT / "locales"
