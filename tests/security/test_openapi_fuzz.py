"""Schemathesis against /schema/openapi.json with a valid token: no 5xx, no answer off its schema.

The server is a real process (both databases) with the demo loaded, so generated requests
hit real rows and real validation, not an empty database that answers 404 to everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.foundation.test_server_process import server, server_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def _cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "parentinfo", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_no_generated_request_gets_a_server_error_or_breaks_the_schema(
    server: str,  # noqa: F811 - the fixture
    server_env: dict[str, str],  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    _cli(server_env, "demo")
    token = (
        _cli(server_env, "token", "create", "--email", "coordinator@demo-school.nl")
        .strip()
        .splitlines()[-1]
    )
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{server}/schema/openapi.json",
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            "not_a_server_error,response_schema_conformance,status_code_conformance",
            "--max-examples",
            os.environ.get("PARENTINFO_FUZZ_EXAMPLES", "12"),
            "--seed",
            "20261127",
            "--request-timeout",
            "10",
            "--generation-database",
            "none",
            "--phases",
            "examples,coverage,fuzzing",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=tmp_path,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert "passed" in result.stdout.lower() or "No issues found" in result.stdout, report
