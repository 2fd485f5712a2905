"""Schemathesis against /schema/openapi.json with a valid token: no 5xx, no answer off its
schema, and no request the schema allows refused ("valid data rejected").

The server is a real process (both databases) with the demo loaded, so generated requests
hit real rows and real validation, not an empty database that answers 404 to everything.
The rules JSON Schema cannot state (an event ends after it starts, a contact has a mobile
or an email) are applied to the generated cases by the hooks in ``fuzz_rules.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.foundation.test_server_process import server, server_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


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
            "not_a_server_error,response_schema_conformance,status_code_conformance,"
            "positive_data_acceptance",
            "--max-examples",  # per operation: about a minute per database on two cores
            os.environ.get("PARENTINFO_FUZZ_EXAMPLES", "10"),
            "--workers",
            "1",
            "--no-shrink",
            "--wait-for-schema",
            "60",
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
        env={
            **server_env,
            "PYTHONPATH": str(ROOT),
            "SCHEMATHESIS_HOOKS": "tests.security.fuzz_rules",
        },
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert "passed" in result.stdout.lower() or "No issues found" in result.stdout, report
