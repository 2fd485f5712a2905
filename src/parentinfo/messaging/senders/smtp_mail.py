"""Email through any SMTP server with aiosmtplib; the server's reply decides about retrying.

4xx replies are temporary (greylisting, a full mailbox, a busy server): try again later.
5xx replies are permanent: a refused recipient (550, 551, 553) means a bad address, the
rest is a message the server will never take. Errors in our own set-up (login, sender
address, TLS) keep the messages waiting, since an operator can fix them.
"""

from __future__ import annotations

import asyncio
from email.message import EmailMessage

import aiosmtplib

from parentinfo.messaging.providers import (
    PermanentFailure,
    RecipientInvalid,
    SendError,
    TemporaryFailure,
)
from parentinfo.settings import MailSettings

SEND_TIMEOUT = 40.0  # seconds for a whole delivery: connect, greet, authenticate, send
COMMAND_TIMEOUT = 20.0  # seconds for each SMTP command
BAD_ADDRESS_CODES = frozenset({550, 551, 553})
_SETUP_ERRORS = (
    aiosmtplib.SMTPAuthenticationError,
    aiosmtplib.SMTPSenderRefused,
    aiosmtplib.SMTPHeloError,
    aiosmtplib.SMTPConnectResponseError,
    aiosmtplib.SMTPNotSupported,
)


class SmtpMail:
    """Sends each message over its own SMTP connection (mail volumes here are small)."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    async def send_mail(self, message: EmailMessage) -> None:
        """Deliver one message; raises a :class:`SendError` that says whether to retry."""
        mail = self.settings
        try:
            async with asyncio.timeout(SEND_TIMEOUT):
                await aiosmtplib.send(
                    message,
                    hostname=mail.host,
                    port=mail.port,
                    username=mail.user or None,
                    password=mail.password or None,
                    use_tls=mail.use_tls,
                    start_tls=mail.start_tls,
                    timeout=COMMAND_TIMEOUT,
                )
        except Exception as error:
            raise classify_smtp(error) from error


def classify_smtp(error: BaseException) -> SendError:
    """Sort an SMTP or network error into retry (temporary) or give up."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        return _by_code(min(codes) if codes else 550, "recipient refused")
    if isinstance(error, _SETUP_ERRORS):
        # Our own configuration is wrong: keep the messages until an operator fixes it.
        return TemporaryFailure(f"mail server set-up: {error}"[:300], code="setup")
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return _by_code(error.code, error.message)
    return TemporaryFailure(f"mail server unreachable: {type(error).__name__}", code="network")


def _by_code(code: int, text: str) -> SendError:
    summary = f"SMTP {code}: {text}"[:300]
    if 400 <= code < 500:
        return TemporaryFailure(summary, code=str(code))
    if code in BAD_ADDRESS_CODES:
        return RecipientInvalid(summary, code=str(code))
    return PermanentFailure(summary, code=str(code))
