"""``python -m parentinfo``."""

from parentinfo.cli import main

raise SystemExit(main())
