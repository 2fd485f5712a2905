"""The TwiML answer is always a well-formed document, whatever the text holds."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from parentinfo.rsvp.inbound.twiml import EMPTY, twiml_message


def test_text_is_escaped() -> None:
    document = twiml_message('<b>Tom & "Jerry"</b>')
    assert "<b>" not in document
    message = ElementTree.fromstring(document).find("Message")  # noqa: S314 - our own TwiML
    assert message is not None
    assert message.text == '<b>Tom & "Jerry"</b>'


def test_an_empty_reply_answers_nothing() -> None:
    assert twiml_message("   ") == EMPTY
    assert ElementTree.fromstring(EMPTY).find("Message") is None  # noqa: S314 - our own TwiML


@given(st.text())
def test_any_text_gives_a_parsable_document(text: str) -> None:
    root = ElementTree.fromstring(twiml_message(text))  # noqa: S314 - our own TwiML
    assert root.tag == "Response"
