"""``make bench``: run every benchmark and write docs/performance.md."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from bench import checkin, dispatch, feed, queueing, report, webhook
from bench.report import Figure

INTRO = (
    "Every figure is measured on a shared, noisy machine, so each is reported beside a ceiling "
    "measured in the same run on the same server process (a bare `/ping` endpoint, or the "
    "configured rate). Run `make bench` to measure again; the goals come from the issues."
)

SUITES: dict[str, Callable[[], list[Figure]]] = {
    "webhook": webhook.run,
    "queueing": queueing.run,
    "dispatch": dispatch.run,
    "feed": feed.run,
    "checkin": checkin.run,
}


def main(selected: list[str]) -> int:
    """Run the chosen suites (all by default) and write the table."""
    figures: list[Figure] = []
    failed = []
    for name, suite in SUITES.items():
        if selected and name not in selected:
            continue
        print(f"bench: {name} …", flush=True)
        try:
            figures.extend(suite())
        except Exception:
            failed.append(name)
            traceback.print_exc()
    print(report.write(figures, intro=INTRO))
    if failed:
        print(f"bench: suites that failed to run: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
