"""The wired app of the outreach tests (fake Twilio over HTTP, real SMTP), for answers."""

from tests.outreach.conftest import api, smtp, twilio, wired, wired_app

__all__ = ["api", "smtp", "twilio", "wired", "wired_app"]
