"""The resources the lifespan (or a worker) opened, for handlers and jobs to use.

:func:`parentinfo.process.open_runtime` opens them (for the server's lifespan, the worker
and the command line); this module only lets code that is not handed them (a job, a
template helper) find them. Exactly one :class:`Runtime` is current per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the runtime stands on the lowest floor
    import procrastinate

    from parentinfo.messaging.providers import (
        MailSender,
        PacedSmsSender,
        PacedVoiceSender,
        WhatsAppSender,
    )

from parentinfo.settings import Settings


@dataclass
class Runtime:
    """Settings, job queue and providers of one running process."""

    settings: Settings
    jobs: procrastinate.App
    sms: PacedSmsSender
    mail: MailSender
    whatsapp: WhatsAppSender
    voice: PacedVoiceSender
    extras: dict[str, Any] = field(default_factory=dict)


_current: Runtime | None = None


def set_runtime(runtime: Runtime | None) -> None:
    """Install (or clear) the process's runtime."""
    global _current  # noqa: PLW0603 - one runtime per process is the design
    _current = runtime


def runtime() -> Runtime:
    """The current runtime; raises if nothing opened one."""
    if _current is None:
        raise RuntimeError("parentinfo's runtime is not open (no lifespan or worker started)")
    return _current


def current_settings() -> Settings:
    """The running process's settings: handlers take them as a dependency (``Provide``)."""
    return runtime().settings
