"""Structured logging with phone numbers and email addresses masked wherever they appear."""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

# International numbers (+31612345678) and Dutch mobiles written locally (0612345678).
_PHONE = re.compile(r"(?<![\w])(\+|00)?\d[\d \-]{7,16}\d(?![\w])")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# A parent's personal page: whoever reads the log must not be able to open it.
_PARENT_LINK = re.compile(r"/r/[^/\s?#\"']+")


def mask_phone(number: str | None) -> str:
    """``+31612345678`` → ``+316•••••678``: enough to tell numbers apart, not to call one."""
    if not number:
        return ""
    digits = number.strip()
    if len(digits) <= 6:
        return "•" * len(digits)
    return digits[:4] + "•" * (len(digits) - 7) + digits[-3:]


def mask_personal(text: str) -> str:
    """Mask every phone number, email address and parent's ``/r/`` link in free text."""
    text = _PARENT_LINK.sub("/r/•••", text)
    text = _PHONE.sub(lambda m: mask_phone(re.sub(r"[ \-]", "", m.group(0))), text)
    return _EMAIL.sub(lambda m: f"{m.group(1)}•••@{m.group(2)}", text)


class MaskingFilter(logging.Filter):
    """Rewrites each record's message so no number or address reaches a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal(record.getMessage())
        record.args = None
        return True


class MaskedTextFormatter(logging.Formatter):
    """The plain text format, with tracebacks masked like messages (errors quote their input)."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - the logging API's name
        """The traceback, masked."""
        return mask_personal(super().formatException(ei))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            payload["exc"] = mask_personal(self.formatException(record.exc_info))
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(*, level: str = "INFO", as_json: bool = False) -> None:
    """Install one masked handler on the root logger (idempotent)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_parentinfo", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._parentinfo = True  # type: ignore[attr-defined]
    handler.addFilter(MaskingFilter())
    handler.setFormatter(
        JsonFormatter()
        if as_json
        else MaskedTextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries that narrate routine work at INFO; their warnings still come through.
    for chatty in ("procrastinate", "tortoise", "httpx", "aiosqlite", "asyncio"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))
