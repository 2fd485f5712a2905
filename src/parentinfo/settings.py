"""The one settings object, read from ``PARENTINFO_*`` variables and an optional ``.env``.

A bad value stops start-up with a :class:`SettingsError` that names the variable, so an
operator never has to guess which of twenty settings is wrong.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

PREFIX = "PARENTINFO_"
_T = TypeVar("_T")
DEFAULT_DATABASE_URL = "sqlite://var/parentinfo.sqlite3"
MAX_TWILIO_TIMEOUT = 30.0  # seconds; recovery's SENDING_TIMEOUT (60 s) must be longer


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class TwilioSettings:
    """How SMS reaches Twilio."""

    account_sid: str = ""
    auth_token: str = ""
    from_number: str = ""
    messaging_service_sid: str = ""
    api_base: str = ""  # empty: the real API; tests point this at a local fake
    timeout: float = 10.0  # seconds for one API call; past it, the outcome is unknown
    # WhatsApp: our WhatsApp sender's number (E.164, without "whatsapp:"), or the Messaging
    # Service that holds the WhatsApp sender. Neither set: nothing is sent by WhatsApp.
    whatsapp_from: str = ""
    whatsapp_messaging_service_sid: str = ""


@dataclass(frozen=True)
class MailSettings:
    """How email leaves the service."""

    backend: str = "outbox"
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    mail_from: str = "parentinfo <noreply@parentinfo.local>"
    use_tls: bool = False
    start_tls: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything configurable, validated once at start-up."""

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    public_url: str = "http://127.0.0.1:8000"
    sms_backend: str = "simulator"
    sms_rate: float = 10.0
    sms_price_per_segment: float = 0.075  # euro; shown in the preview before sending
    whatsapp_price: float = 0.06  # euro per WhatsApp message (Meta's utility rate + Twilio's fee)
    voice_price_per_minute: float = 0.12  # euro per started minute of a call to a Dutch mobile
    call_rate: float = 1.0  # calls started per second (Twilio's default CPS for a number)
    call_start: time = time(10, 0)  # calls are placed only inside CALL_HOURS, local time
    call_end: time = time(20, 0)
    twilio: TwilioSettings = field(default_factory=TwilioSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    redis_url: str = ""
    # Peers whose X-Forwarded-For/-Proto uvicorn believes: the reverse proxy, nobody else.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)
    timezone: str = "Europe/Amsterdam"
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    reminder_hours: int = 24
    alarm_hours: int = 24
    retention_message_days: int = 90
    retention_contact_months: int = 12
    var_dir: Path = Path("var")
    embedded_worker: bool | None = None  # None: decided by the database (SQLite → yes)
    worker_poll_seconds: float = 0.5
    log_level: str = "INFO"
    log_json: bool = False
    demo_on_first_run: bool = False

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite database."""
        return self.database_url.startswith("sqlite")

    @property
    def is_postgres(self) -> bool:
        """True for PostgreSQL (asyncpg in Tortoise, psycopg in procrastinate)."""
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def runs_worker_in_server(self) -> bool:
        """The server runs the job worker itself in the embedded mode."""
        return self.is_sqlite if self.embedded_worker is None else self.embedded_worker

    @property
    def tz(self) -> ZoneInfo:
        """The service's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def secure_cookies(self) -> bool:
        """Cookies get ``Secure`` when parents and staff reach us over https."""
        return self.public_url.startswith("https://")


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
) -> Settings:
    """Build :class:`Settings` from the environment (which wins) and an optional ``.env``."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    env = {k[len(PREFIX) :]: v for k, v in values.items() if k.startswith(PREFIX)}
    return _build(env)


def _build(env: dict[str, str]) -> Settings:
    """Settings from the variables that are set; every default is the dataclass's own."""
    base, twilio, mail = Settings(), TwilioSettings(), MailSettings()

    def get(name: str, default: _T, parse: Callable[[str, str], _T] = _text) -> _T:  # type: ignore[assignment]
        return parse(name, env[name]) if name in env else default

    database_url = get("DATABASE_URL", base.database_url, _database_url)
    quiet_start, quiet_end = get("QUIET_HOURS", (base.quiet_start, base.quiet_end), _quiet_hours)
    call_start, call_end = get("CALL_HOURS", (base.call_start, base.call_end), _call_hours)
    settings = Settings(
        database_url=database_url,
        secret_key=get("SECRET_KEY", base.secret_key),
        public_url=get("PUBLIC_URL", base.public_url, _url),
        sms_backend=get("SMS_BACKEND", base.sms_backend, _one_of("simulator", "twilio")),
        sms_rate=get("SMS_RATE", base.sms_rate, _positive_float),
        sms_price_per_segment=get(
            "SMS_PRICE_PER_SEGMENT", base.sms_price_per_segment, _positive_float
        ),
        twilio=TwilioSettings(
            account_sid=get("TWILIO_ACCOUNT_SID", twilio.account_sid),
            auth_token=get("TWILIO_AUTH_TOKEN", twilio.auth_token),
            from_number=get("TWILIO_FROM", twilio.from_number),
            messaging_service_sid=get("TWILIO_MESSAGING_SERVICE_SID", twilio.messaging_service_sid),
            api_base=get("TWILIO_API_BASE", twilio.api_base),
            timeout=get("TWILIO_TIMEOUT", twilio.timeout, _positive_float),
            whatsapp_from=get("WHATSAPP_FROM", twilio.whatsapp_from, _whatsapp_number),
            whatsapp_messaging_service_sid=get(
                "WHATSAPP_MESSAGING_SERVICE_SID", twilio.whatsapp_messaging_service_sid
            ),
        ),
        whatsapp_price=get("WHATSAPP_PRICE", base.whatsapp_price, _positive_float),
        voice_price_per_minute=get(
            "VOICE_PRICE_PER_MINUTE", base.voice_price_per_minute, _positive_float
        ),
        call_rate=get("CALL_RATE", base.call_rate, _positive_float),
        call_start=call_start,
        call_end=call_end,
        mail=MailSettings(
            backend=get("MAIL_BACKEND", mail.backend, _one_of("outbox", "smtp")),
            host=get("SMTP_HOST", mail.host),
            port=get("SMTP_PORT", mail.port, _positive_int),
            user=get("SMTP_USER", mail.user),
            password=get("SMTP_PASSWORD", mail.password),
            mail_from=get("MAIL_FROM", mail.mail_from),
            use_tls=get("SMTP_TLS", mail.use_tls, _bool),
            start_tls=get("SMTP_STARTTLS", mail.start_tls, _bool),
        ),
        redis_url=get("REDIS_URL", base.redis_url),
        trusted_proxies=get("TRUSTED_PROXIES", base.trusted_proxies, _networks),
        timezone=get("TIMEZONE", base.timezone, _timezone),
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        reminder_hours=get("REMINDER_HOURS", base.reminder_hours, _positive_int),
        alarm_hours=get("ALARM_HOURS", base.alarm_hours, _positive_int),
        retention_message_days=get(
            "RETENTION_MESSAGE_DAYS", base.retention_message_days, _positive_int
        ),
        retention_contact_months=get(
            "RETENTION_CONTACT_MONTHS", base.retention_contact_months, _positive_int
        ),
        var_dir=get("VAR_DIR", base.var_dir, _path),
        embedded_worker=get("EMBEDDED_WORKER", base.embedded_worker, _bool),
        worker_poll_seconds=get("WORKER_POLL_SECONDS", base.worker_poll_seconds, _positive_float),
        log_level=get("LOG_LEVEL", base.log_level, _log_level),
        log_json=get("LOG_JSON", base.log_json, _bool),
        demo_on_first_run=get("DEMO", base.demo_on_first_run, _bool),
    )
    return _check_backends(_with_secret(settings))


def _text(name: str, raw: str) -> str:
    del name
    return raw


def _path(name: str, raw: str) -> Path:
    del name
    return Path(raw)


def _database_url(name: str, raw: str) -> str:
    if not raw.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise SettingsError(
            f"{PREFIX}{name} must start with sqlite:// or postgres:// (got {raw!r})"
        )
    return raw


def _one_of(*allowed: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        return _choice(name, raw, *allowed)

    return parse


def _log_level(name: str, raw: str) -> str:
    return _choice(name, raw.upper(), "DEBUG", "INFO", "WARNING", "ERROR")


def _with_secret(settings: Settings) -> Settings:
    """The embedded mode keeps a generated key under ``var/``; PostgreSQL must be given one."""
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            raise SettingsError(f"{PREFIX}SECRET_KEY must be at least 32 characters long")
        return settings
    if not settings.is_sqlite:
        raise SettingsError(
            f"{PREFIX}SECRET_KEY is required with PostgreSQL (generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
        )
    key_file = settings.var_dir / "secret_key"
    if key_file.is_file():
        key = key_file.read_text().strip()
    else:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key)
        key_file.chmod(0o600)
    return _replace(settings, secret_key=key)


def _check_backends(settings: Settings) -> Settings:
    twilio = settings.twilio
    if settings.sms_backend == "twilio":
        for name, value in (
            ("TWILIO_ACCOUNT_SID", twilio.account_sid),
            ("TWILIO_AUTH_TOKEN", twilio.auth_token),
        ):
            if not value:
                raise SettingsError(f"{PREFIX}{name} is required when {PREFIX}SMS_BACKEND=twilio")
        if not (twilio.from_number or twilio.messaging_service_sid):
            raise SettingsError(
                f"{PREFIX}TWILIO_FROM or {PREFIX}TWILIO_MESSAGING_SERVICE_SID is required "
                f"when {PREFIX}SMS_BACKEND=twilio"
            )
    if twilio.api_base:
        _url("TWILIO_API_BASE", twilio.api_base)
    if twilio.timeout > MAX_TWILIO_TIMEOUT:
        # The outbox takes a row still "sending" after a minute for a lost send: stay well inside.
        raise SettingsError(
            f"{PREFIX}TWILIO_TIMEOUT must be at most {MAX_TWILIO_TIMEOUT:g} seconds"
        )
    return settings


def _replace(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]


def _positive_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{name} must be a positive number (got {raw!r})") from None
    if not 0 < value < float("inf"):  # also refuses NaN
        raise SettingsError(f"{PREFIX}{name} must be a positive number (got {raw!r})")
    return value


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(
            f"{PREFIX}{name} must be a positive whole number (got {raw!r})"
        ) from None
    if value <= 0:
        raise SettingsError(f"{PREFIX}{name} must be a positive whole number (got {raw!r})")
    return value


def _bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{PREFIX}{name} must be true or false (got {raw!r})")


def _choice(name: str, raw: str, *allowed: str) -> str:
    if raw not in allowed:
        raise SettingsError(f"{PREFIX}{name} must be one of {', '.join(allowed)} (got {raw!r})")
    return raw


def _url(name: str, raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise SettingsError(f"{PREFIX}{name} must be an http:// or https:// address (got {raw!r})")
    return raw.rstrip("/")


def _networks(name: str, raw: str) -> tuple[str, ...]:
    """A comma list of IP addresses and CIDR networks (``*``: every peer, for tests only)."""
    items = tuple(item.strip() for item in raw.split(",") if item.strip())
    for item in items:
        if item == "*":
            continue
        try:
            ipaddress.ip_network(item)
        except ValueError:
            raise SettingsError(
                f"{PREFIX}{name} must be a comma list of IP addresses or networks such as "
                f"10.0.0.0/8 (got {item!r})"
            ) from None
    return items


def _timezone(name: str, raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{PREFIX}{name} is not a known time zone (got {raw!r})") from None
    return raw


def _whatsapp_number(name: str, raw: str) -> str:
    number = raw.strip().removeprefix("whatsapp:")
    if not (number.startswith("+") and number[1:].isdigit() and 8 <= len(number) <= 16):
        raise SettingsError(
            f"{PREFIX}{name} must be the WhatsApp sender's number in E.164 form, "
            f"like +31201234567 (got {raw!r})"
        )
    return number


def _call_hours(name: str, raw: str) -> tuple[time, time]:
    start, end = _quiet_hours(name, raw)
    if start >= end:
        raise SettingsError(
            f"{PREFIX}{name} must be a daytime window with the start first, like 10:00-20:00 "
            f"(got {raw!r})"
        )
    return start, end


def _quiet_hours(name: str, raw: str) -> tuple[time, time]:
    try:
        start_raw, end_raw = raw.split("-")
        return time.fromisoformat(start_raw.strip()), time.fromisoformat(end_raw.strip())
    except ValueError:
        raise SettingsError(f"{PREFIX}{name} must look like 21:00-08:00 (got {raw!r})") from None
