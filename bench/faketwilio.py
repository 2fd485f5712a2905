"""The test suite's fake Twilio, served from a thread of the benchmark process."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

from tests.fakes.twilio_server import FakeTwilio, Scripted, start_fake_twilio

TOO_MANY = Scripted(429, 20429, "Too Many Requests")


class EveryTenth:
    """A script for the fake: a 429 to every tenth create, a normal answer to the others."""

    def __init__(self) -> None:
        self.calls = 0

    def __bool__(self) -> bool:
        return True

    def popleft(self) -> Scripted | None:
        self.calls += 1
        return TOO_MANY if self.calls % 10 == 0 else None


class FakeInThread:
    """A fake Twilio on its own event loop, answering after ``latency`` seconds."""

    def __init__(self, latency: float, *, refuse_every_tenth: bool = False) -> None:
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._latency = latency
        self._refuse = refuse_every_tenth
        self._fake: FakeTwilio | None = None
        threading.Thread(target=self._serve, daemon=True).start()
        if not self._ready.wait(10):
            raise RuntimeError("the fake Twilio did not start")

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._fake, _ = self._loop.run_until_complete(start_fake_twilio())
        self._fake.latency = self._latency
        if self._refuse:
            self._fake.script = EveryTenth()  # type: ignore[assignment]
        self._ready.set()
        self._loop.run_forever()

    @property
    def fake(self) -> FakeTwilio:
        assert self._fake is not None
        return self._fake

    def created(self) -> int:
        """Messages the fake accepted (a 429 creates none)."""
        return len(self.fake.created)

    def duplicates(self) -> int:
        """Messages accepted more than once for the same number and text."""
        counts = Counter((m["to"], m["body"]) for m in list(self.fake.created))
        return sum(n - 1 for n in counts.values() if n > 1)
