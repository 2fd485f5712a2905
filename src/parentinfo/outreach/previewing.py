"""The preview before sending: per language, who gets what, by which channel, at what cost.

Every parent in one language gets the same text apart from their personal link, and all
links have one length, so one sample per language stands for all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from parentinfo.accounts.actor import Actor
from parentinfo.events.access import editable_event
from parentinfo.lib.enums import Answer, MessageKind
from parentinfo.lib.tokens import new_link_token
from parentinfo.outreach.audience import AudienceFilter, Route, route_for, select_audience
from parentinfo.outreach.context import event_facts, message_context, remember_sender
from parentinfo.outreach.preview import LanguagePreview, preview_language
from parentinfo.outreach.rows import ContactRow, InvitationRow
from parentinfo.outreach.service import already_invited, invitations_of, require_text
from parentinfo.runtime import runtime


@dataclass(frozen=True)
class LanguagePlan:
    """One language of the mailing: the message preview and how the parents are reached."""

    preview: LanguagePreview
    sms: int
    email: int
    to_call: int


@dataclass(frozen=True)
class OutreachPreview:
    """The whole mailing before it is sent."""

    event_id: int
    languages: list[LanguagePlan]
    already_invited: int

    @property
    def recipients(self) -> int:
        """Parents who would get a message or a call."""
        return sum(plan.sms + plan.email + plan.to_call for plan in self.languages)

    @property
    def cost(self) -> Decimal:
        """What the SMS would cost together, as they would be sent."""
        return sum((plan.preview.cost_to_send for plan in self.languages), Decimal("0.00"))

    @property
    def reachable(self) -> int:
        """Parents the mailing itself reaches, by SMS or email (not those left to phone)."""
        return sum(plan.sms + plan.email for plan in self.languages)

    @property
    def cost_per_parent(self) -> Decimal | None:
        """The SMS cost divided over the parents reachable (email is free); None without any."""
        if not self.reachable:
            return None
        return (self.cost / self.reachable).quantize(Decimal("0.0001"), ROUND_HALF_UP)


async def preview_invitations(
    *, actor: Actor, event_id: int, audience: AudienceFilter
) -> OutreachPreview:
    """What sending invitations to ``audience`` would send; drafts may be previewed too."""
    event = await editable_event(actor=actor, event_id=event_id)
    facts = await event_facts(event)
    contacts = await select_audience(org_id=actor.org_id, audience=audience)
    require_text(facts, contacts, audience)
    await remember_sender(facts, actor.org_id)
    done = await _already_invited_contacts(event.id, contacts)
    fresh = [contact for contact in contacts if contact.id not in done]
    routes = Counter((contact.language, route_for(contact)) for contact in fresh)
    price = Decimal(str(runtime().settings.sms_price_per_segment))
    plans = []
    for language in sorted({contact.language for contact in fresh}):
        sample = InvitationRow(
            id=0,
            event_id=event.id,
            organisation_id=actor.org_id,
            contact_id=None,
            language=language,
            token=new_link_token(),
            answer=Answer.NONE,
            party_size=1,
            waitlisted=False,
        )
        ctx = message_context(facts, kind=MessageKind.INVITATION, invitation=sample, contact=None)
        assert ctx is not None  # require_text made sure there is a text
        sms = routes[(language, Route.SMS)]
        plans.append(
            LanguagePlan(
                preview=preview_language(
                    ctx, recipients=sms, price_per_segment=price, offer_plain=True
                ),
                sms=sms,
                email=routes[(language, Route.EMAIL)],
                to_call=routes[(language, Route.CALL)],
            )
        )
    return OutreachPreview(event_id=event.id, languages=plans, already_invited=len(done))


async def _already_invited_contacts(event_id: int, contacts: list[ContactRow]) -> set[int]:
    """Contacts of ``contacts`` whose invitation to the event already went out."""
    existing = await invitations_of(event_id, [contact.id for contact in contacts])
    contact_of = {invitation.id: contact_id for contact_id, invitation in existing.items()}
    return {contact_of[i] for i in await already_invited(list(contact_of))}
