"""Settings: one typed object, and a bad value stops start-up naming the variable."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from parentinfo.settings import SettingsError, load_settings


def _load(tmp_path: Path, **values: str) -> object:
    environ = {f"PARENTINFO_{k}": v for k, v in values.items()}
    environ.setdefault("PARENTINFO_VAR_DIR", str(tmp_path))
    return load_settings(environ, env_file=None)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SMS_RATE", "0"),
        ("SMS_RATE", "-3"),
        ("SMS_RATE", "fast"),
        ("SMS_RATE", "nan"),
        ("SMTP_PORT", "abc"),
        ("QUIET_HOURS", "9pm-8am"),
        ("TIMEZONE", "Mars/Olympus"),
        ("SMS_BACKEND", "carrier-pigeon"),
        ("MAIL_BACKEND", "fax"),
        ("TRUSTED_PROXIES", "caddy"),
        ("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.1/8"),
        ("PUBLIC_URL", "parentinfo.nl"),
        ("DATABASE_URL", "mysql://x"),
        ("LOG_JSON", "maybe"),
        ("TWILIO_TIMEOUT", "0"),
        ("TWILIO_TIMEOUT", "45"),  # past it, a live send would look lost to the recovery
    ],
)
def test_a_bad_value_names_the_variable(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"PARENTINFO_{name}"):
        _load(tmp_path, **{name: value})


def test_postgres_without_secret_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="PARENTINFO_SECRET_KEY"):
        _load(tmp_path, DATABASE_URL="postgres://localhost/x")


def test_short_secret_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="at least 32"):
        _load(tmp_path, SECRET_KEY="short")


def test_twilio_backend_needs_credentials_and_a_sender(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="TWILIO_ACCOUNT_SID"):
        _load(tmp_path, SMS_BACKEND="twilio")
    with pytest.raises(SettingsError, match="TWILIO_FROM or"):
        _load(tmp_path, SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID="AC1", TWILIO_AUTH_TOKEN="t")


def test_embedded_mode_generates_and_keeps_a_secret_key(tmp_path: Path) -> None:
    first = load_settings({"PARENTINFO_VAR_DIR": str(tmp_path)}, env_file=None)
    second = load_settings({"PARENTINFO_VAR_DIR": str(tmp_path)}, env_file=None)
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PARENTINFO_SMS_RATE=25\nPARENTINFO_QUIET_HOURS=22:00-07:30\n")
    settings = load_settings(
        {"PARENTINFO_VAR_DIR": str(tmp_path), "PARENTINFO_SMS_RATE": "40"}, env_file=env_file
    )
    assert settings.sms_rate == 40
    assert (settings.quiet_start, settings.quiet_end) == (time(22, 0), time(7, 30))
    assert settings.is_sqlite
    assert settings.runs_worker_in_server


def test_defaults_match_the_contract(tmp_path: Path) -> None:
    settings = load_settings({"PARENTINFO_VAR_DIR": str(tmp_path)}, env_file=None)
    assert settings.database_url == "sqlite://var/parentinfo.sqlite3"
    assert settings.sms_backend == "simulator"
    assert settings.mail.backend == "outbox"
    assert settings.timezone == "Europe/Amsterdam"
    assert (settings.quiet_start, settings.quiet_end) == (time(21, 0), time(8, 0))


def test_trusted_proxies_are_a_list_of_addresses_and_networks(tmp_path: Path) -> None:
    assert _load(tmp_path).trusted_proxies == ("127.0.0.1",)  # type: ignore[attr-defined]
    settings = _load(tmp_path, TRUSTED_PROXIES=" 172.30.0.10, 10.0.0.0/8,::1 ")
    assert settings.trusted_proxies == ("172.30.0.10", "10.0.0.0/8", "::1")  # type: ignore[attr-defined]
