"""WhatsApp fixtures: the wired app with a WhatsApp sender on the fake Twilio."""

from __future__ import annotations

from pathlib import Path

import pytest

from parentinfo.settings import Settings
from tests.factories.whatsapp import WHATSAPP_FROM
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """Settings for the wired app, with our WhatsApp sender's number set."""
    return wired_settings(database_url, var_dir, twilio, smtp, WHATSAPP_FROM=WHATSAPP_FROM)
