"""A volunteer records the Croatian invitation (the demo school has Croatian parents) in a
real browser: chromium's fake microphone plays a WAV this test makes; record, record again,
listen, keep. The page turns the take into a WAV (Twilio plays no webm), and what the
server stored is a real, plausible WAV.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, async_playwright, expect

from tests.browser.helpers import SCHOOL, id_in, log_in
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, Server

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

TITLE_NL = "Ouderavond in het Kroatisch"


def spoken_tone(path: Path, seconds: int = 4, rate: int = 48000) -> Path:
    """What the fake microphone hears: a 440 Hz tone, 16-bit mono (chromium loops it)."""
    frames = b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(seconds * rate)
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return path


@pytest.fixture
async def microphone_browser(tmp_path: Path) -> AsyncIterator[Browser]:
    """Chromium with a fake microphone that plays the test's WAV, allowed without asking."""
    tone = spoken_tone(tmp_path / "tone.wav")
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={tone}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield launched
        finally:
            await launched.close()


async def _draft_event(page: Page, base_url: str) -> int:
    await page.goto(f"{base_url}/events/new")
    await page.select_option("#f-topic", "school_system")
    await page.fill("#f-date", "2031-09-10")
    await page.fill("#f-start_time", "19:00")
    await page.fill("#f-end_time", "20:30")
    await page.fill("#f-venue", "OBS De Regenboog, aula")
    await page.fill("#f-title_nl", TITLE_NL)
    await page.get_by_role("button", name="Opslaan als concept").click()
    await expect(page.locator("h1")).to_have_text(TITLE_NL)
    return id_in(page.url)


async def _record(box: Locator, page: Page) -> None:
    recorder = box.locator("[data-recorder]")
    await recorder.locator("[data-action=record]").click()
    await expect(recorder.locator("[data-action=stop]")).to_be_visible()
    await page.wait_for_timeout(2500)  # let the fake microphone speak for a while
    await recorder.locator("[data-action=stop]").click()
    await expect(recorder.locator("[data-action=keep]")).to_be_visible()


@pytest.fixture(params=["sqlite_server", "postgres_server"])
def voice_server(request: pytest.FixtureRequest) -> Server:
    """Each database in turn (set up before the test's event loop runs)."""
    server: Server = request.getfixturevalue(request.param)
    return server


async def test_a_volunteer_records_listens_and_keeps_the_invitation(
    microphone_browser: Browser, voice_server: Server
) -> None:
    server = voice_server
    base = server.base_url
    context = await microphone_browser.new_context(locale="nl-NL")
    page = await context.new_page()
    await log_in(page, base, SCHOOL)
    await _draft_event(page, base)
    await page.get_by_role("link", name="Stemmen voor oproepen").click()
    croatian = page.locator("#lang-hr")
    await expect(croatian).to_have_attribute("data-uses", "none")
    await expect(croatian.locator("[data-voice-status]")).to_contain_text("Nog geen oproepen")
    invitation = croatian.locator("[data-prompt=invitation]")
    # No Croatian text yet: the call (and the text to read) falls back to the Dutch title.
    await expect(invitation.locator("[data-read-aloud]")).to_contain_text(TITLE_NL)
    await expect(invitation).to_contain_text("geen tekst in deze taal")

    # Record, not happy, record again; listen; keep.
    await _record(invitation, page)
    await invitation.locator("[data-action=again]").click()
    await expect(invitation.locator("[data-action=stop]")).to_be_visible()
    await page.wait_for_timeout(2500)
    await invitation.locator("[data-action=stop]").click()
    await expect(invitation.locator("[data-action=listen]")).to_be_visible()
    await invitation.locator("[data-action=listen]").click()
    await expect(invitation.locator("[data-recorder]")).to_have_attribute("data-listened", "true")
    await invitation.locator("[data-action=keep]").click()

    # The page reloads with the kept recording and its player.
    stored = page.locator("#lang-hr [data-prompt=invitation] [data-stored]")
    await expect(stored).to_be_visible()
    await expect(page.locator("#voice-recorder [data-recorder-error]")).to_be_hidden()
    token = await stored.get_attribute("data-stored")
    assert token
    await expect(stored.locator("audio")).to_have_attribute("src", f"/recordings/{token}.wav")

    # What Twilio would fetch: a real WAV, 16 kHz 16-bit mono, about as long as recorded.
    async with httpx.AsyncClient() as http:
        served = await http.get(f"{base}/recordings/{token}.wav")
    assert served.status_code == 200
    assert served.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(served.content), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16000)
        seconds = wav.getnframes() / wav.getframerate()
        samples = struct.unpack(f"<{wav.getnframes()}h", wav.readframes(wav.getnframes()))
    assert 1.0 <= seconds <= 10.0, seconds
    loudest = max(abs(s) for s in samples)
    assert loudest > 1000, loudest  # the tone came through, not silence
    await context.close()
