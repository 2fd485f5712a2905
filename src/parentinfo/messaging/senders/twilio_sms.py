"""SMS through Twilio's official client, with every answer sorted into retry or give up.

Twilio has no base-URL setting, so a small HTTP client rewrites the scheme and host of each
request when ``TWILIO_API_BASE`` is set (tests point it at a local fake). Its aiohttp
session lives from :func:`open_twilio` to the end of the process.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from parentinfo.lib.clock import now
from parentinfo.messaging.providers import (
    TWILIO_NUMBER_CODES,
    TWILIO_WHATSAPP_CODES,
    PermanentFailure,
    SendError,
    SmsResult,
    TemporaryFailure,
    Throttled,
    twilio_permanent,
)
from parentinfo.settings import Settings, TwilioSettings

REQUEST_TIMEOUT = TwilioSettings.timeout  # seconds for one API call: TWILIO_TIMEOUT's default
LOOKBACK_MESSAGES = 20  # a parent gets a handful of messages per event, never twenty at once
CLOCK_SKEW = timedelta(minutes=2)  # our clock and Twilio's may disagree a little


class RebasedHttpClient(AsyncTwilioHttpClient):  # type: ignore[misc]
    """Twilio's async HTTP client, talking to ``api_base`` instead of api.twilio.com.

    The request itself is made here: the library's version builds ``aiohttp.BasicAuth``,
    which aiohttp deprecates, and logs every request's parameters (phone numbers).
    """

    def __init__(self, api_base: str, *, timeout: float = REQUEST_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.api_base = urlsplit(api_base) if api_base else None

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the name twilio's client passes
        allow_redirects: bool = False,
    ) -> Response:
        """Send one API request to the configured host, with a hard timeout."""
        if self.api_base is not None:
            parts = urlsplit(url)
            url = urlunsplit((self.api_base.scheme, self.api_base.netloc, *parts[2:]))
        headers = dict(headers or {})
        if auth is not None:
            pair = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            headers["Authorization"] = f"Basic {pair}"
        seconds = timeout or self.timeout or REQUEST_TIMEOUT
        async with self.session.request(
            method.upper(),
            url,
            params=params,
            data=data,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=seconds),
            allow_redirects=allow_redirects,
        ) as answer:
            text = await answer.text()
            if answer.status == 429:
                # Sorted here, while the headers are known: the library's error drops them.
                raise throttled(text, answer.headers.get("Retry-After"))
            return Response(answer.status, text, answer.headers)


class TwilioSms:
    """Sends SMS from a number or a Messaging Service, and asks Twilio what it already has."""

    def __init__(self, client: Client, *, from_number: str, messaging_service_sid: str) -> None:
        self.client = client
        self.sender: dict[str, str] = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": from_number}
        )

    async def send_sms(self, *, to: str, body: str, status_callback: str | None) -> SmsResult:
        """Create one message; raises a :class:`SendError` that says whether to retry."""
        extra = {"status_callback": status_callback} if status_callback else {}
        try:
            message = await self.client.messages.create_async(
                to=to, body=body, **self.sender, **extra
            )
        except Exception as error:
            raise classify(error) from error
        return SmsResult(provider_id=str(message.sid), status=str(message.status or "queued"))

    async def find_sent(self, *, to: str, body: str, since: datetime) -> SmsResult | None:
        """The message with this body Twilio sent to ``to`` since ``since`` (lost-send check)."""
        return await find_message(self.client, to=to, body=body, since=since)


async def find_message(client: Client, *, to: str, body: str, since: datetime) -> SmsResult | None:
    """The message with this body Twilio sent to ``to`` (as Twilio names it) since ``since``."""
    try:
        # Newest first; queued messages have no date_sent yet, so filter by creation here.
        found = await client.messages.list_async(to=to, limit=LOOKBACK_MESSAGES)
    except Exception as error:
        raise classify(error) from error
    earliest = since - CLOCK_SKEW
    for message in found:
        created = message.date_created
        if (message.body or "") == body and (created is None or created >= earliest):
            return SmsResult(provider_id=str(message.sid), status=str(message.status or "sent"))
    return None


def classify(error: BaseException) -> SendError:
    """Sort an error from Twilio or the network into retry (temporary) or give up."""
    if isinstance(error, SendError):
        return error  # already sorted (a 429, by the HTTP client)
    if isinstance(error, TwilioRestException | TwilioServiceException):
        return _twilio_answer(error)
    if isinstance(error, TimeoutError | aiohttp.ClientError | OSError):
        return TemporaryFailure(f"Twilio unreachable: {type(error).__name__}", code="network")
    return TemporaryFailure(f"unexpected error: {type(error).__name__}", code="unexpected")


def _twilio_answer(error: TwilioRestException | TwilioServiceException) -> SendError:
    code = int(error.code) if error.code else 0
    text = f"Twilio {error.status}" + (f" error {code}" if code else "")
    if str(code) in TWILIO_NUMBER_CODES | TWILIO_WHATSAPP_CODES:
        return twilio_permanent(str(code), text)  # what the code says of the number
    if error.status == 429:
        return Throttled(text, code=str(code or error.status))
    if error.status >= 500:
        return TemporaryFailure(text, code=str(code or error.status))
    return PermanentFailure(text, code=str(code or error.status))


def throttled(body: str, retry_after: str | None) -> Throttled:
    """Twilio's 429 answer as a :class:`Throttled`, with its error code and asked-for wait."""
    try:
        payload = json.loads(body)
        code = int(payload.get("code") or 0) if isinstance(payload, dict) else 0
    except (ValueError, TypeError):
        code = 0
    text = "Twilio 429" + (f" error {code}" if code else "")
    return Throttled(text, code=str(code or 429), retry_after=retry_after_seconds(retry_after))


def retry_after_seconds(value: str | None, *, at: datetime | None = None) -> float | None:
    """A ``Retry-After`` header in seconds from ``at``: delta-seconds or an HTTP date (RFC 9110).

    None when there is none or it cannot be read; a date already past is 0.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (ValueError, TypeError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - (at or now())).total_seconds(), 0.0)


@asynccontextmanager
async def open_twilio(settings: Settings) -> AsyncIterator[TwilioSms]:
    """A Twilio sender whose HTTP session is closed when the block ends."""
    twilio = settings.twilio
    http_client = RebasedHttpClient(twilio.api_base, timeout=twilio.timeout)
    client = Client(twilio.account_sid, twilio.auth_token, http_client=http_client)
    try:
        yield TwilioSms(
            client,
            from_number=twilio.from_number,
            messaging_service_sid=twilio.messaging_service_sid,
        )
    finally:
        await http_client.close()
