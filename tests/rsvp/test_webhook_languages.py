"""A signed reply in each of the 22 languages, on both databases: a yes with its party is
recorded and confirmed in the parent's own language, and an opt-out written as a sentence
switches the SMS off and is never recorded as an answer."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Answer
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import Phone
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio

# A yes for three people, as a parent types it in each language.
YES_FOR_THREE = {
    "nl": "Ja, we komen met z'n drieën",
    "en": "yes we'll be there, 3 of us",
    "pl": "Tak, będziemy w 3 osoby",
    "ro": "Da, venim 3 persoane",
    "bg": "Да, ще дойдем трима",
    "de": "Ja, wir kommen zu dritt",
    "fr": "Oui, on sera 3",
    "es": "Sí, vamos 3",
    "pt": "Sim, vamos 3 pessoas",
    "it": "Sì, veniamo in 3",
    "lt": "Taip, ateisime trise",
    "lv": "Jā, nāksim trijatā",
    "hu": "Igen, hárman jövünk",
    "sk": "Áno, prídeme traja",
    "cs": "Ano, přijdeme ve třech",
    "hr": "Da, dolazimo nas troje",
    "sl": "Ja, pridemo trije",
    "el": "Ναι, θα έρθουμε τρεις",
    "uk": "Так, прийдемо втрьох",
    "ru": "Да, придём втроём",
    "tr": "Evet, 3 kişi geliyoruz",
    "ar": "نعم، سنأتي 3 أشخاص",
}
# An opt-out written as a sentence, not the keyword.
NO_MORE_MESSAGES = {
    "nl": "stuur me geen berichten meer",
    "en": "please stop texting me",
    "pl": "nie chcę więcej wiadomości",
    "ro": "nu mai vreau mesaje",
    "bg": "не ми пращайте повече съобщения",
    "de": "bitte keine SMS mehr schicken",
    "fr": "ne m'envoyez plus de messages",
    "es": "no quiero recibir más mensajes",
    "pt": "não quero receber mais mensagens",
    "it": "basta messaggi",
    "lt": "nebesiųskite man žinučių",
    "lv": "lūdzu, nesūtiet man vairs ziņas",
    "hu": "ne küldjenek több üzenetet",
    "sk": "neposielajte mi už správy",
    "cs": "nechci další zprávy",
    "hr": "ne šaljite mi više poruke",
    "sl": "ne pošiljajte mi več sporočil",
    "el": "μη μου στέλνετε άλλα μηνύματα",
    "uk": "не надсилайте мені більше повідомлень",
    "ru": "больше не присылайте мне сообщения",
    "tr": "artık mesaj göndermeyin",
    "ar": "من فضلك توقفوا عن إرسال الرسائل",
}


def test_every_language_has_a_sample() -> None:
    assert set(YES_FOR_THREE) == set(NO_MORE_MESSAGES) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
async def test_a_yes_for_three_is_recorded_and_confirmed_in_the_parents_language(
    twilio_client: httpx.AsyncClient, language: str
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, titles={"en": "School evening", language: "School evening"})
    parent = await rsvp_contact(org, language=language, mobile="+31612345001")
    english = await rsvp_contact(org, language="en", mobile="+31612345002")
    invitation = await rsvp_invitation(event, parent)
    await rsvp_invitation(event, english)

    reply = reply_of(await Phone(twilio_client, str(parent.mobile)).send(YES_FOR_THREE[language]))
    in_english = reply_of(await Phone(twilio_client, str(english.mobile)).send("yes 3"))

    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 3)
    assert "School evening" in reply
    if language != "en":
        assert reply != in_english  # their own language, never the English fallback


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
async def test_an_opt_out_sentence_stops_the_sms_and_is_no_answer(
    twilio_client: httpx.AsyncClient, language: str
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, titles={language: "School evening"})
    parent = await rsvp_contact(org, language=language)
    invitation = await rsvp_invitation(event, parent)

    await Phone(twilio_client, str(parent.mobile)).send(NO_MORE_MESSAGES[language])

    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE
    assert (await Contact.get(id=parent.id)).sms_opt_out
