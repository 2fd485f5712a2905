"""The table in docs/performance.md: each figure beside its floor measured in the same run."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Figure:
    """One measured figure, the floor it is judged against, and the goal for their ratio."""

    name: str
    measured: str  # the value as measured, with its unit
    floor: str  # what the floor is and what it measured, in the same run
    ratio: float | None  # measured over floor (or floor over measured for rates), None if none
    goal: str
    met: bool
    note: str = ""


def machine() -> str:
    """A line that says what this ran on, and how busy it was when the table was written."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, "
        f"Python {platform.python_version()}; load average at the end {load}"
    )


def table(figures: list[Figure]) -> str:
    """The Markdown table of ``figures``."""
    rows = [
        "| figure | measured | floor in the same run | ratio | goal | met | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f} ×"
        met = "yes" if f.met else "**no**"
        rows.append(
            f"| {f.name} | {f.measured} | {f.floor} | {ratio} | {f.goal} | {met} | {f.note} |"
        )
    return "\n".join(rows)


def write(figures: list[Figure], *, intro: str, load_before: str) -> str:
    """Put the table between the markers in docs/performance.md (the analysis around it stays)."""
    text = table(figures)
    block = (
        f"{START}\n"
        f"Measured by `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.\n\n"
        f"Machine: {machine()}; `uptime` before the run: {load_before}.\n\n"
        f"{intro}\n\n{text}\n{END}"
    )
    old = DOC.read_text() if DOC.exists() else "# Performance\n\n"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    new = pattern.sub(lambda _: block, old) if pattern.search(old) else f"{old}\n{block}\n"
    DOC.write_text(new)
    return text
