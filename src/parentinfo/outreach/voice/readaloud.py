"""What a volunteer reads aloud when recording a prompt, in the prompt's language.

The invitation is the event's SMS in that language (the same facts the call's script is
built from: who invites, what, when, where). The organisation's prompts have no text here
until the call's script provides one; the page then shows what the prompt is for.
"""

from __future__ import annotations

from parentinfo.events.models import Event
from parentinfo.lib.enums import MessageKind
from parentinfo.outreach.composing.compose import compose
from parentinfo.outreach.composing.context import event_facts, message_context, remember_sender
from parentinfo.outreach.preview import sample_invitation


async def invitation_texts(*, event: Event, org_id: int, languages: list[str]) -> dict[str, str]:
    """language → the invitation's text to read aloud (missing when the event has no text)."""
    facts = await event_facts(event)
    await remember_sender(facts, org_id)
    texts: dict[str, str] = {}
    for language in languages:
        sample = sample_invitation(facts, org_id=org_id, language=language)
        ctx = message_context(facts, kind=MessageKind.INVITATION, invitation=sample, contact=None)
        if ctx is not None:
            texts[language] = compose(ctx).sms
    return texts
