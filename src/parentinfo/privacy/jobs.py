"""Background jobs of this feature."""

from __future__ import annotations

import procrastinate

blueprint = procrastinate.Blueprint()
