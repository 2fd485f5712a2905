"""Load generators: wrk for the maximum rate, a paced open-loop client for latency at a set rate."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class WrkResult:
    """What wrk measured."""

    requests_per_second: float
    non_2xx: int
    p50_ms: float
    p99_ms: float


def wrk(
    url: str,
    *,
    seconds: int = 8,
    connections: int = 32,
    threads: int = 2,
    script: Path | None = None,
) -> WrkResult:
    """Drive ``url`` as hard as possible with wrk."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (make bench installs Debian's wrk)")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    non_2xx_match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return WrkResult(
        requests_per_second=rps,
        non_2xx=int(non_2xx_match.group(1)) if non_2xx_match else 0,
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
    )


def _latency(output: str, label: str) -> float:
    match = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)\b", output)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


Request = tuple[str, str, dict[str, str], bytes]  # method, url, headers, body


@dataclass(frozen=True)
class PacedResult:
    """Latency of requests sent at a fixed rate."""

    sent: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


async def paced(requests: list[Request], *, rate: float, in_flight: int = 200) -> PacedResult:
    """Send ``requests`` (method, url, headers, body) at ``rate`` per second, open loop.

    Each latency counts from when the request was due, so a server that falls behind is
    charged for the wait; at most ``in_flight`` are open at once (httpx's pool slows to a
    crawl with thousands waiting inside it).
    """
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    gate = asyncio.Semaphore(in_flight)

    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def one(
            due: float, method: str, url: str, headers: dict[str, str], body: bytes
        ) -> None:
            nonlocal errors
            async with gate:
                try:
                    response = await client.request(method, url, headers=headers, content=body)
                    if response.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
            latencies.append((time.perf_counter() - due) * 1000)

        tasks = []
        start = time.perf_counter()
        for index, request in enumerate(requests):
            due = start + index / rate
            if (delay := due - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(due, *request)))
        await asyncio.gather(*tasks)
    return PacedResult(
        sent=len(requests),
        errors=errors,
        p50_ms=percentile(latencies, 0.5),
        p95_ms=percentile(latencies, 0.95),
        p99_ms=percentile(latencies, 0.99),
    )


def wrk_script(requests: list[Request], folder: Path, name: str) -> Path:
    """A wrk Lua script replaying ``requests`` (paths, headers and bodies); threads interleave."""
    lines = ["local reqs = {"]
    for method, url, headers, body in requests:
        target = "/" + url.split("/", 3)[3]
        # Flat entries (method, path, body, then header names and values): wrk's LuaJIT
        # sends garbage when tens of thousands of nested table constructors are loaded.
        fields = [method, target, body.decode(), *(x for pair in headers.items() for x in pair)]
        lines.append("  {" + ", ".join(_lua(f) for f in fields) + "},")
    lines += [
        "}",
        "local counter = 0",
        "local threads = {}",
        "offset = 0  -- a global: setup() gives each thread its own value",
        "function setup(thread) table.insert(threads, thread); thread:set('offset', #threads - 1) end",
        "function request()",
        "  local r = reqs[((counter * 2 + offset) % #reqs) + 1]",
        "  counter = counter + 1",
        "  local headers = {}",
        "  for i = 4, #r, 2 do headers[r[i]] = r[i + 1] end",
        "  return wrk.format(r[1], r[2], headers, r[3])",
        "end",
    ]
    path = folder / f"{name}.lua"
    path.write_text("\n".join(lines))
    return path


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
