"""Administration in a real browser: an admin invites a coordinator, who chooses a password
from the link in the mail (as a real mail server received it: the link exists only in the
mail as sent, never in the outbox) and logs in with it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import pytest
from playwright.async_api import Browser, expect

from tests.browser.helpers import SCHOOL, log_in, log_out, unlabelled_fields
from tests.browser.server import Server, running_server
from tests.fakes.smtp_server import MailBox, start_smtp

pytestmark = [pytest.mark.browser, pytest.mark.anyio]

NEW_EMAIL = "nieuwe.collega@demo-school.nl"
NEW_PASSWORD = "een-eigen-wachtwoord-7"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[MailBox]:
    """A real SMTP server the server under test sends its mail to."""
    box, controller = start_smtp()
    box.port = controller.port  # type: ignore[attr-defined]
    yield box
    controller.stop()


@pytest.fixture(scope="module")
def smtp_server(tmp_path_factory: pytest.TempPathFactory, mailbox: MailBox) -> Iterator[Server]:
    """The embedded SQLite mode with demo data, mailing through SMTP."""
    folder = tmp_path_factory.mktemp("browser-admin")
    port = str(mailbox.port)  # type: ignore[attr-defined]
    with running_server(
        f"sqlite://{folder}/parentinfo.sqlite3",
        folder,
        MAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
    ) as server:
        server.cli("demo")
        yield server


async def _mail_to(mailbox: MailBox, address: str) -> str:
    """The text of the first mail the SMTP server received for ``address`` (waits for it)."""
    for _ in range(100):
        if mails := mailbox.to(address):
            return str(mails[0].get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no mail to {address}")


async def test_an_admin_invites_a_coordinator_who_sets_a_password_and_logs_in(
    smtp_server: Server, mailbox: MailBox, browser: Browser
) -> None:
    context = await browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = await context.new_page()
    base = smtp_server.base_url
    await log_in(page, base, SCHOOL)
    await page.get_by_role("link", name="Beheer").click()
    await expect(page).to_have_url(re.compile(r"/admin/users$"))
    assert await unlabelled_fields(page) == []
    await page.fill("#f-email", NEW_EMAIL)
    await page.select_option("#f-role", "coordinator")
    await page.get_by_role("button", name="Uitnodiging versturen").click()
    await expect(page.locator(".flash")).to_be_visible()

    body = await _mail_to(mailbox, NEW_EMAIL)
    link = re.search(r"https?://\S+/invitation/\S+", body)
    assert link, body
    await log_out(page)

    await page.goto(link.group(0))
    assert await unlabelled_fields(page) == []
    await page.fill("#f-name", "Nieuwe Collega")
    await page.fill("#f-password", NEW_PASSWORD)
    await page.fill("#f-repeat", NEW_PASSWORD)
    await page.locator("form[action^='/invitation/'] button[type=submit]").click()
    await expect(page.locator("form.logout")).to_be_visible()
    await expect(page.get_by_role("link", name="Beheer")).to_have_count(0)  # a coordinator
    await log_out(page)

    await page.fill("#f-email", NEW_EMAIL)
    await page.fill("#f-password", NEW_PASSWORD)
    await page.locator("form[action='/login'] button[type=submit]").click()
    await expect(page.locator("form.logout")).to_be_visible()
    await context.close()
