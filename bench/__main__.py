"""``make bench``: run every benchmark and write the table into docs/performance.md.

``python -m bench webhook feed`` runs only those suites; ``--quick`` shortens the burst.
"""

from __future__ import annotations

import subprocess
import sys
import traceback
from collections.abc import Callable

from bench import burst, checkin, dispatch, feed, queueing, report, webhook
from bench.report import Figure

INTRO = (
    "The machine is shared and noisy, so every figure is judged by its ratio to a floor measured "
    "in the same run: the same work done by the bare layer beneath (PostgreSQL through a bare "
    "asyncpg pool, a bulk insert, icalendar alone, `/ping`, the configured rate). Where the "
    "issue sets an absolute goal (the burst, memory) the figure stands alone."
)


def suites(quick: bool) -> dict[str, Callable[[], list[Figure]]]:
    """Every suite, by name, in the order they run."""
    return {
        "webhook": webhook.run,
        "queueing": queueing.run,
        "dispatch": dispatch.run,
        "feed": feed.run,
        "checkin": checkin.run,
        "burst": lambda: burst.run(quick=quick),
    }


def main(arguments: list[str]) -> int:
    """Run the chosen suites (all by default), print the table and write it into the doc."""
    quick = "--quick" in arguments
    selected = [a for a in arguments if not a.startswith("--")]
    load_before = subprocess.run(
        ["uptime"], check=False, capture_output=True, text=True
    ).stdout.strip()
    figures: list[Figure] = []
    failed = []
    table = ""
    for name, suite in suites(quick).items():
        if selected and name not in selected:
            continue
        print(f"bench: {name} …", flush=True)
        try:
            figures.extend(suite())
        except Exception:
            failed.append(name)
            traceback.print_exc()
        table = report.write(figures, intro=INTRO, load_before=load_before)  # after each suite
    print(table)
    if failed:
        print(f"bench: suites that failed to run: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
