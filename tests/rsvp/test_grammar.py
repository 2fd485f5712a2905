"""The parser's grammar rules, language by language, in replies written as parents type them:
negation around a yes-word, modal, future and past forms, number words in their case forms and
collectives, companions, questions that are no answer, and opt-outs that are no answer."""

from __future__ import annotations

import pytest

from parentinfo.rsvp.parser import Intent, Reading, parse_reply

Y, N, M = Intent.YES, Intent.NO, Intent.MAYBE
STOP, HOLD, UNK = Intent.STOP, Intent.POSSIBLE_STOP, Intent.UNKNOWN

# (language, text, intent, party, question)
GRAMMAR: list[tuple[str, str, Intent, int | None, bool]] = [
    # Greeklish opt-outs and opt-ins: the same verbs in Latin letters
    ("el", "min mou xanasteilete minimata", STOP, None, False),
    ("el", "oxi, kai mh mou steilete allo sms parakalw", HOLD, None, False),
    ("el", "thelw pali na pairnw minimata", Intent.START, None, False),
    # negation around a yes-word, future and past forms
    ("nl", "ja, maar ik kan niet", N, None, False),
    ("nl", "Ik kon vorige keer niet en nu ook niet", N, None, False),
    ("en", "Yes, but I can't make it", N, None, False),
    ("en", "we won't be able to come", N, None, False),
    ("pl", "Tak, ale niestety nie będę mogła", N, None, False),
    ("ro", "Da, dar nu o să pot veni", N, None, False),
    ("bg", "Да, ама няма да мога", N, None, False),
    ("de", "Ja, aber ich kann leider nicht kommen", N, None, False),
    ("fr", "Oui mais je ne pourrai pas venir", N, None, False),
    ("es", "Sí, pero no voy a poder ir", N, None, False),
    ("pt", "Sim, mas não vou conseguir ir", N, None, False),
    ("it", "Sì, ma non riesco", N, None, False),
    ("lt", "taip, bet negalėsiu", N, None, False),
    ("lv", "Jā, bet nevarēšu atnākt", N, None, False),
    ("hu", "Igen, de nem tudok menni", N, None, False),
    ("sk", "Áno, ale nemôžem prísť", N, None, False),
    ("cs", "Ano, ale nepřijdu", N, None, False),
    ("hr", "Da, ali neću moći doći", N, None, False),
    ("sl", "Ja, ampak ne bom mogla priti", N, None, False),
    ("el", "Ναι, αλλά δεν θα μπορέσω να έρθω", N, None, False),
    ("uk", "Так, але не зможу прийти", N, None, False),
    ("ru", "Да, но я не смогу прийти", N, None, False),
    ("tr", "Evet ama gelemeyeceğim", N, None, False),
    ("ar", "نعم بس مش هقدر", N, None, False),
    # idioms read by meaning
    ("cs", "proč ne", Y, None, False),
    ("en", "why not", Y, None, False),
    ("hu", "miért ne", Y, None, False),
    ("ru", "почему нет", Y, None, False),
    ("ru", "да нет, наверное", N, None, False),
    ("pl", "chyba tak", Y, None, False),
    ("tr", "gelmek istiyorum", Y, None, False),
    # numbers as words, case forms, collectives, duals; companions; sums; ages are no party
    ("pl", "Tak, będziemy w 4 osoby", Y, 4, False),
    ("pl", "przyjdę z mężem i dzieckiem", Y, 3, False),
    ("pl", "we dwoje", Y, 2, False),
    ("nl", "Ja, met z'n drieën", Y, 3, False),
    ("nl", "Ja, met mijn dochter van 7", Y, 2, False),
    ("en", "me and my 2 kids", Y, 3, False),
    ("en", "2 adults and 3 children", Y, 5, False),
    ("en", "I have 3 kids but only I will come", Y, 1, False),
    ("en", "yes, 10 minutes late", Y, None, False),
    ("bg", "трима", Y, 3, False),
    ("lt", "ateisime dviese", Y, 2, False),
    ("hu", "ketten jövünk", Y, 2, False),
    ("sl", "prideva", Y, 2, False),
    ("tr", "iki kişi geliyoruz", Y, 2, False),
    ("uk", "прийдемо вдвох", Y, 2, False),
    ("el", "ναι, δύο άτομα", Y, 2, False),
    ("es", "Sí, yo y 2 más", Y, 3, False),
    # a question is never an answer; an answer with a question is both
    ("hr", "Da li mogu doći s djetetom?", UNK, None, True),
    ("bg", "Има ли кой да гледа децата?", UNK, None, True),
    ("bg", "Да, ама колко е часа?", Y, None, True),
    ("tr", "Çocuğumla gelebilir miyim", UNK, None, True),
    ("uk", "Не знаю, чи встигну", M, None, False),
    # opt-outs are never answers
    ("pl", "nie chcę więcej wiadomości", STOP, None, False),
    ("es", "no quiero recibir más mensajes", STOP, None, False),
    ("uk", "не надсилайте мені більше повідомлень", STOP, None, False),
    ("nl", "nee, en stuur me niks meer", HOLD, None, False),
    ("de", "Nein, und bitte schreiben Sie mir nicht mehr", HOLD, None, False),
    ("ar", "la, w ma tb3atouli rasa2el ba3d", HOLD, None, False),
    ("tr", "abonelik iptali", STOP, None, False),
    ("el", "ΣΤΟΠ", STOP, None, False),
    # everyday words and transliterations
    ("ar", "na3am", Y, None, False),
    ("ar", "aywa", Y, None, False),
    ("ru", "mozhet byt", M, None, False),
    ("el", "entaxei", Y, None, False),
    ("lt", "gerai", Y, None, False),
    ("sl", "v redu", Y, None, False),
]


@pytest.mark.parametrize(
    ("language", "text", "intent", "party", "question"),
    GRAMMAR,
    ids=[f"{g[0]}:{g[1]!r}" for g in GRAMMAR],
)
def test_grammar(
    language: str, text: str, intent: Intent, party: int | None, question: bool
) -> None:
    reading = parse_reply(text, known_codes=["H7", "M3"])
    assert (reading.intent, reading.party_size, reading.question) == (intent, party, question)


def test_the_contact_language_breaks_a_tie() -> None:
    """ "može" is Croatian yes and Polish maybe: the contact's language decides."""
    assert parse_reply("može", language="hr") == Reading(Intent.YES)
    assert parse_reply("może", language="pl") == Reading(Intent.MAYBE)


@pytest.mark.parametrize(
    "text", ["😀😀😀", "   \t  ", "\x00\x01\x02", "ja да ναι نعم", "a" * 1600, "w 4 " * 400]
)
def test_bad_input_is_read_without_raising(text: str) -> None:
    reading = parse_reply(text, known_codes=["H7"])
    assert reading.intent in Intent
    assert reading.party_size is None or 1 <= reading.party_size <= 20


def test_the_opt_out_label_our_sms_prints_typed_back_is_stop() -> None:
    """ "STOP = darse de baja", "STOP = abonelik iptali": what the invitation says, sent back."""
    import re

    from parentinfo.paths import LOCALES_DIR

    labels = {}
    for po in sorted(LOCALES_DIR.glob("*/LC_MESSAGES/outreach.po")):
        found = re.search(r'msgid "%\(stop\)s = unsubscribe"\nmsgstr "(.+)"', po.read_text())
        if found:
            labels[po.parent.parent.name] = found.group(1).replace("%(stop)s", "STOP")
    assert len(labels) >= 17
    for language, label in labels.items():
        assert parse_reply(label).intent == Intent.STOP, (language, label)
        assert parse_reply(label.split("= ")[1]).intent == Intent.STOP, (language, label)


H = Intent.HELP
START = Intent.START

# (language, text, intent, party, question): the rules the blind hold-out taught us.
HOLDOUT_RULES: list[tuple[str, str, Intent, int | None, bool]] = [
    # 1. a family noun in a signature names the sender; class, grade and age are no party
    ("nl", "Ja dat lukt. Groetjes, papa van Sem uit groep 6", Y, None, False),
    ("en", "Yes we'll be there. Tom's dad, year 2", Y, None, False),
    ("de", "Ja, ich komme. Viele Grüße, Papa von Jonas, Klasse 4a", Y, None, False),
    ("ro", "Da, vin. Tatal lui Mihai, clasa 2", Y, None, False),
    ("pl", "Tak, będę. Tata Kuby z 3a", Y, None, False),
    ("ru", "Да, буду. Папа Артёма, 4 класс", Y, None, False),
    ("el", "Ναι, θα έρθω. Ο μπαμπάς της Ελένης", Y, None, False),
    ("nl", "Ja ik kom met mijn man", Y, 2, False),
    ("ru", "Придём: я и муж", Y, 2, False),
    ("tr", "Evet, kızımla geleceğim", Y, 2, False),
    # 2. an explicit total wins; a number after its unit is no party
    ("de", "Ja, wir sind zu dritt, ich und meine zwei Kinder", Y, 3, False),
    ("nl", "Ja, ik neem mijn dochter van 6 mee", Y, 2, False),
    ("ru", "Буду, задержусь минут на 15", Y, None, False),
    ("uk", "tak, budemo vtrokh", Y, 3, False),
    # 3. how does this work / what should I reply: help
    ("en", "How does this work? What do I answer?", H, None, False),
    ("de", "Was muss ich antworten?", H, None, False),
    ("es", "¿Qué respondo?", H, None, False),
    ("it", "Come funziona?", H, None, False),
    ("pl", "Co mam odpowiedzieć?", H, None, False),
    ("tr", "Nasıl cevap veriyorum?", H, None, False),
    ("ru", "Что отвечать?", H, None, False),
    # 4. asking permission is no answer
    ("de", "Kann ich meine Tochter mitbringen? Sie ist 5", UNK, None, True),
    ("pl", "Czy mogę przyjść z córką? Ma 4 latka", UNK, None, True),
    ("it", "Mia figlia ha 5 anni, può venire?", UNK, None, True),
    # 5. negated verbs of coming, a reason after them
    ("cs", "Nepřijdu, jsem nemocná", N, None, False),
    ("sk", "Nemôžeme prísť, sme chorí", N, None, False),
    ("lv", "Nenākšu, esmu komandējumā", N, None, False),
    ("pl", "Nie dam rady, jestem w pracy", N, None, False),
    ("fr", "Oui mais je ne pourrai pas être là ce jour-là", N, None, False),
    # 6. trying is a maybe; lateness is no doubt; inşallah beside a definite verb is a yes
    ("it", "Cercherò di esserci", M, None, False),
    ("hu", "Megpróbálok eljönni", M, None, False),
    ("en", "Yes, might be a bit late though", Y, None, False),
    ("nl", "Ja! misschien iets te laat", Y, None, False),
    ("tr", "Evet, geleceğiz inşallah", Y, None, False),
    # 7. thanks with a folded-hands emoji is gratitude
    ("pl", "Dzięki za wiadomość 🙏", UNK, None, False),
    ("fr", "Merci beaucoup pour l'info 🙏", UNK, None, False),
    # 8. opt-outs: a reason is no answer; a negated "send" is the opt-out; remove my number
    ("en", "STOP. My son no longer goes to this school", STOP, None, False),
    ("hr", "Ne šaljite mi više poruke", STOP, None, False),
    ("pl", "Nie wysyłajcie mi więcej wiadomości", STOP, None, False),
    ("pt", "Não, retirem-me da lista", HOLD, None, False),
    ("es", "No, retiren mi número de la lista", HOLD, None, False),
    # 10. again, glued on
    ("el", "Θέλω να ξαναπαίρνω τα μηνύματα", START, None, False),
]


@pytest.mark.parametrize(("language", "text", "intent", "party", "question"), HOLDOUT_RULES)
def test_holdout_rules(
    language: str, text: str, intent: Intent, party: int | None, question: bool
) -> None:
    reading = parse_reply(text)
    assert (reading.intent, reading.party_size, reading.question) == (intent, party, question)


def test_typed_diacritics_tell_croatian_from_polish() -> None:
    """ "Može" is Croatian yes, "Może" Polish maybe; unaccented "moze" reads as the cautious
    maybe unless the contact's language says Croatian."""
    assert parse_reply("Može").intent == Intent.YES
    assert parse_reply("Może").intent == Intent.MAYBE
    assert parse_reply("moze").intent == Intent.MAYBE
    assert parse_reply("moze", language="hr").intent == Intent.YES
