"""What a mailing costs before it is sent: per language, the SMS, its encoding, segments and price.

A pure core. When the organisation may send a language without diacritics, the preview
shows that version next to the full one, with the saving, so staff can choose knowingly.
The SMS of every parent in one language has the same length (only the page token differs,
and tokens have one length), so one composed sample stands for all recipients.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from parentinfo.messaging.segments import SegmentInfo, count_segments
from parentinfo.outreach.compose import MessageContext, compose
from parentinfo.outreach.plain import can_be_plain

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LanguagePreview:
    """One language of a mailing: the texts, and what the SMS costs sent to ``recipients``.

    ``sms_text``/``info``/``cost`` are the message with its diacritics; ``plain_*`` the
    version without (None when not offered, or when it would be the same text);
    ``sends_plain`` says which of the two will go out.
    """

    language: str
    recipients: int
    sms_text: str
    info: SegmentInfo
    cost: Decimal
    plain_text: str | None
    plain_info: SegmentInfo | None
    plain_cost: Decimal | None
    saving: Decimal | None
    sends_plain: bool
    email_subject: str
    email_text: str
    email_html: str

    @property
    def cost_to_send(self) -> Decimal:
        """The cost of the version that will actually be sent."""
        if self.sends_plain and self.plain_cost is not None:
            return self.plain_cost
        return self.cost


def sms_cost(info: SegmentInfo, *, recipients: int, price_per_segment: Decimal) -> Decimal:
    """Segments × recipients × price, rounded to cents (half up, as invoices do)."""
    return (Decimal(info.segments * recipients) * price_per_segment).quantize(CENT, ROUND_HALF_UP)


def preview_language(
    ctx: MessageContext, *, recipients: int, price_per_segment: Decimal, offer_plain: bool
) -> LanguagePreview:
    """Compose ``ctx`` as it is and, when offered, without diacritics, and price both."""
    full = compose(replace(ctx, plain=False))
    info = count_segments(full.sms)
    cost = sms_cost(info, recipients=recipients, price_per_segment=price_per_segment)
    plain_sms: str | None = None
    if (offer_plain or ctx.plain) and can_be_plain(ctx.language):
        candidate = compose(replace(ctx, plain=True)).sms
        plain_sms = candidate if candidate != full.sms else None
    plain_info = count_segments(plain_sms) if plain_sms is not None else None
    plain_cost = (
        sms_cost(plain_info, recipients=recipients, price_per_segment=price_per_segment)
        if plain_info is not None
        else None
    )
    return LanguagePreview(
        language=ctx.language,
        recipients=recipients,
        sms_text=full.sms,
        info=info,
        cost=cost,
        plain_text=plain_sms,
        plain_info=plain_info,
        plain_cost=plain_cost,
        saving=cost - plain_cost if plain_cost is not None else None,
        sends_plain=ctx.plain and plain_sms is not None,
        email_subject=full.subject,
        email_text=full.text,
        email_html=full.html,
    )
