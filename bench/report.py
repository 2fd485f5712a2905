"""The table in docs/performance.md: each figure beside its goal and the ceiling of the same run."""

from __future__ import annotations

import datetime as dt
import os
import platform
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


@dataclass(frozen=True)
class Figure:
    """One measured figure."""

    name: str
    value: float
    unit: str
    goal: str
    met: bool
    ceiling: str = ""
    note: str = ""


def machine() -> str:
    """A line that says what this ran on."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def write(figures: list[Figure], *, intro: str) -> str:
    """Write docs/performance.md and return the table."""
    rows = [
        "| figure | measured | goal | met | ceiling in the same run | note |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        rows.append(
            f"| {f.name} | {f.value:,.2f} {f.unit} | {f.goal} | {'yes' if f.met else '**no**'} | "
            f"{f.ceiling} | {f.note} |"
        )
    table = "\n".join(rows)
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(
        "# Performance\n\n"
        f"Measured by `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.\n\n"
        f"Machine: {machine()}.\n\n"
        f"{intro}\n\n{table}\n"
    )
    return table
