"""Composing thousands of messages fast: render once per kind of parent, then fill in.

In one mailing the parents of one language get the same text apart from their personal
link and their name. So each distinct context is rendered once with markers in place of
the token and the name, and each parent's message is that sample with the markers
replaced. The first use of every sample is checked against a real rendering; a template
that transforms the name or the link (so that replacing would be wrong) is simply
rendered per parent instead.
"""

from __future__ import annotations

from dataclasses import fields, replace
from operator import attrgetter

from markupsafe import escape

from parentinfo.lib.urls import parent_page_url
from parentinfo.messaging.segments import SegmentInfo, count_segments, is_gsm7
from parentinfo.outreach.composing.compose import Composed, MessageContext, compose

# As long as a new token (``new_link_token()``: 10 characters), so SMS lengths stay true.
TOKEN_MARK = "PiTokenMk0"  # noqa: S105 - a marker, not a secret
NAME_MARK = "PiNameMarkPi"


_shared_fields = attrgetter(
    *(f.name for f in fields(MessageContext) if f.name not in ("page_url", "recipient_name"))
)


def _fill(sample: Composed, token: str, name: str) -> Composed:
    return Composed(
        subject=sample.subject.replace(TOKEN_MARK, token).replace(NAME_MARK, name),
        text=sample.text.replace(TOKEN_MARK, token).replace(NAME_MARK, name),
        html=sample.html.replace(TOKEN_MARK, token).replace(NAME_MARK, str(escape(name))),
        sms=sample.sms.replace(TOKEN_MARK, token).replace(NAME_MARK, name),
    )


class ComposeCache:
    """Samples by context (without token and name), for one mailing."""

    def __init__(self) -> None:
        self.samples: dict[tuple[bool, tuple[object, ...]], Composed | None] = {}
        self.segments: dict[str, SegmentInfo] = {}

    def sms_segments(self, sms: str, *, token: str) -> SegmentInfo:
        """:func:`count_segments` of an SMS; one count per sample when only the token differs.

        A token of the marker's length in GSM-7 characters costs what the marker costs, so
        every parent's SMS from one sample has the sample's length and encoding.
        """
        if len(token) != len(TOKEN_MARK) or not is_gsm7(token) or token not in sms:
            return count_segments(sms)
        shape = sms.replace(token, TOKEN_MARK)
        if shape not in self.segments:
            self.segments[shape] = count_segments(shape)
        return self.segments[shape]

    def compose(self, ctx: MessageContext, *, token: str) -> Composed:
        """What :func:`compose` would give for ``ctx``, whose page link carries ``token``."""
        if len(token) != len(TOKEN_MARK):
            return compose(ctx)  # an older, longer link: its length may change what fits
        name = ctx.recipient_name
        # The sample's identity: every field but the link and the name (only whether there
        # is one), read in one C call; a copy of the context per parent cost more.
        shape = (bool(name), _shared_fields(ctx))
        if shape not in self.samples:
            key = replace(
                ctx,
                page_url=parent_page_url(TOKEN_MARK),
                recipient_name=NAME_MARK if name else "",
            )
            real = compose(ctx)
            sample = compose(key)
            self.samples[shape] = sample if _fill(sample, token, name) == real else None
            return real
        kept = self.samples[shape]
        return _fill(kept, token, name) if kept is not None else compose(ctx)
