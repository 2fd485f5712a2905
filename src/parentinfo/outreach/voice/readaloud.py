"""What a volunteer reads aloud when recording a prompt, in the prompt's language.

The texts are the call's own lines (:mod:`parentinfo.outreach.voice.script`), so a
recording says what the computer voice would have said: the invitation with the event's
facts and the keys, and the organisation's prompts. One recording stands for a prompt in
every situation, so "confirmed" reads the thanks that fits a yes, a no and a maybe, and
"goodbye" the plain goodbye.
"""

from __future__ import annotations

from parentinfo.events.models import Event
from parentinfo.lib.enums import MessageKind
from parentinfo.outreach.composing.context import event_facts, message_context, remember_sender
from parentinfo.outreach.preview import sample_invitation
from parentinfo.outreach.voice import script


async def prompt_texts(
    *, event: Event, org_id: int, languages: list[str]
) -> dict[str, dict[str, str]]:
    """language → prompt → the text to read aloud (no language when the event has no text)."""
    facts = await event_facts(event)
    await remember_sender(facts, org_id)
    texts: dict[str, dict[str, str]] = {}
    for language in languages:
        sample = sample_invitation(facts, org_id=org_id, language=language)
        ctx = message_context(facts, kind=MessageKind.INVITATION, invitation=sample, contact=None)
        if ctx is None:
            continue
        lines = script.lines_for(ctx)
        texts[language] = {
            "invitation": lines.invitation,
            "party_size": lines.party_size,
            "confirmed": lines.no,  # "Thank you for letting us know.": right after any key
            "again": lines.again,
            "goodbye": lines.bye,
        }
    return texts
