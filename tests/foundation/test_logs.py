"""Phone numbers and email addresses never reach a log line unmasked."""

from __future__ import annotations

import logging
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.logs import MaskedTextFormatter, MaskingFilter, mask_personal, mask_phone


def test_mask_phone_keeps_only_the_edges() -> None:
    assert mask_phone("+31612345678") == "+316•••••678"
    assert mask_phone("") == ""
    assert "12345" not in mask_phone("+31612345678")


@pytest.mark.parametrize(
    "text",
    [
        "sending to +31612345678 now",
        "sending to 0612345678 now",
        "sending to +48 600 123 456 now",
        "reply from 0031612345678",
    ],
)
def test_numbers_in_free_text_are_masked(text: str) -> None:
    masked = mask_personal(text)
    assert "12345" not in masked.replace(" ", "")
    assert "•" in masked


def test_email_addresses_are_masked() -> None:
    masked = mask_personal("mail to anna.kowalska@example.pl failed")
    assert "kowalska" not in masked
    assert "example.pl" in masked


def test_the_log_filter_masks_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("parentinfo.test.masking")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="parentinfo.test.masking"):
        logger.info("SMS to %s: %s", "+31612345678", "ok")
    assert "+31612345678" not in caplog.text
    assert "+316•••••678" in caplog.text


@given(st.from_regex(r"\+3[1-9]6[0-9]{8}", fullmatch=True))
def test_any_dutch_mobile_is_masked(number: str) -> None:
    assert number not in mask_personal(f"to {number}.")


def test_a_parents_link_never_reaches_the_log_even_in_a_traceback() -> None:
    token = "Zx9" * 15
    assert token not in mask_personal(f"unexpected error on GET /r/{token}/invite.ics")
    try:
        raise ValueError(f"bad https://parentinfo.test/r/{token}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "", 0, "boom", None, sys.exc_info())
    assert token not in MaskedTextFormatter("%(message)s").format(record)
