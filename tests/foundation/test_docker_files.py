"""docker/ cannot be built here (no Docker engine), so its promises are checked as text."""

from __future__ import annotations

from pathlib import Path

import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def test_compose_has_database_cache_two_apps_two_workers_and_a_proxy() -> None:
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    assert {
        "postgres",
        "redis",
        "migrate",
        "app-1",
        "app-2",
        "worker-1",
        "worker-2",
        "proxy",
    } <= set(services)
    for name in ("worker-1", "worker-2"):
        assert services[name]["command"] == ["parentinfo", "worker"]
    for name in ("app-1", "app-2"):
        assert services[name]["command"][:2] == ["parentinfo", "serve"]
        assert (
            services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        )
        assert services[name]["environment"]["PARENTINFO_DATABASE_URL"].startswith("postgres://")


def test_dockerfile_is_multi_stage_non_root_with_a_health_check_and_compiled_catalogs() -> None:
    text = (DOCKER / "Dockerfile").read_text()
    assert text.count("\nFROM ") + text.startswith("FROM ") >= 2
    assert "USER parentinfo" in text
    assert "HEALTHCHECK" in text
    assert "/health" in text
    assert "scripts/catalogs.py compile" in text
    assert "PARENTINFO_HOME=/app" in text


def test_every_env_example_variable_is_a_documented_setting() -> None:
    readme = (DOCKER.parent / "README.md").read_text()
    for line in (DOCKER / "parentinfo.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0].removeprefix("PARENTINFO_")
            assert f"`{name}`" in readme or name in readme, name


def test_the_apps_trust_forwarded_headers_from_the_proxy_and_nobody_else() -> None:
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    proxy_address = services["proxy"]["networks"]["default"]["ipv4_address"]
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert proxy_address.startswith(subnet.rsplit(".", 1)[0] + ".")
    for name in ("app-1", "app-2"):
        assert services[name]["environment"]["PARENTINFO_TRUSTED_PROXIES"] == proxy_address
