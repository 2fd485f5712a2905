"""The words parents answer with, per language, as they would type them.

Written with their diacritics and in their own scripts; the parser normalises both sides
the same way, so "MOŻE", "może" and "moze" meet. Each entry is a word or a short phrase.

- ``yes`` / ``no`` / ``maybe``: the answer words ("tak", "nee", "poate").
- ``sure_yes`` / ``sure_no``: phrases that say it outright ("ik kom", "nie mogę"); they
  outweigh a bare word, so "ja nie mogę" (Polish "ja" is "I") reads as no.
- ``lead_yes`` / ``lead_no``: words that mean yes or no only as the first word ("ok"; the
  Romanian "nu" is Dutch for "now"), so "ja, ik kom nu" stays a yes.

Bulgarian and Ukrainian words also appear in Latin letters (MOZHE, NI): that is how an
organisation that sends without diacritics prints them (``outreach.plain``).
- ``stop`` / ``start`` / ``help``: count only when they are the whole message (as Twilio's
  own keywords do), so "I can't stop by" never unsubscribes anyone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """One language's reply words."""

    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    sure_yes: tuple[str, ...] = ()
    sure_no: tuple[str, ...] = ()
    lead_yes: tuple[str, ...] = ()
    lead_no: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    help: tuple[str, ...] = ()


# Twilio's own keywords, understood whatever the parent's language.
TWILIO = Words(
    stop=("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"),
    start=("start", "unstop"),
    help=("help", "info"),
)

# fmt: off
LEXICON: dict[str, Words] = {
    "en": Words(
        yes=("yes", "yeah", "yea", "yep", "yup", "yes please", "sure", "of course", "definitely",
             "absolutely", "certainly", "count me in", "count us in"),
        no=("no", "nope", "nah", "no thanks", "no thank you", "sorry no", "unfortunately"),
        maybe=("maybe", "perhaps", "possibly", "not sure", "dont know", "i dont know", "idk",
               "might come", "might make it", "unsure", "dunno", "not yet sure"),
        sure_yes=("i will come", "ill come", "we will come", "well come", "i ll come", "coming",
                  "we are coming", "im coming", "ill be there", "well be there", "will be there",
                  "see you there", "no problem", "attending", "i will attend", "cant wait"),
        sure_no=("cant", "cannot", "can not", "cant come", "cant make it", "cannot come",
                 "not coming", "wont come", "wont make it", "will not", "wont be there", "unable",
                 "not able", "have to cancel", "maybe next time", "not this time"),
        lead_yes=("ok", "okay", "oke", "okey", "k", "fine"),
        stop=("opt out", "stop all", "stop sms", "unsubscribe me", "remove me"),
        start=("opt in", "subscribe", "resubscribe"),
    ),
    "nl": Words(
        yes=("ja", "jazeker", "jawel", "jaja", "jep", "zeker", "natuurlijk", "ja hoor", "ja graag",
             "graag", "tuurlijk", "prima"),
        no=("nee", "neen", "nee hoor", "nee bedankt", "helaas", "liever niet"),
        maybe=("misschien", "wellicht", "mogelijk", "weet niet", "weet ik niet", "weet het niet",
               "ik weet het niet", "weet ik nog niet", "weet nog niet", "niet zeker",
               "nog niet zeker", "twijfel", "ik twijfel", "misschien wel"),
        sure_yes=("ik kom", "wij komen", "we komen", "ik ben er", "we zijn er", "ik ben erbij",
                  "we zijn erbij", "kom graag", "komen graag", "aanwezig", "geen probleem",
                  "ik kom zeker", "ik kom ook"),
        sure_no=("ik kom niet", "kom niet", "komen niet", "we komen niet", "kan niet",
                 "ik kan niet", "kunnen niet", "we kunnen niet", "lukt niet", "lukt me niet",
                 "lukt ons niet", "toch niet", "helaas niet", "nee helaas", "niet aanwezig",
                 "misschien volgende keer", "ben er niet", "zijn er niet"),
        lead_yes=("oke", "ok", "okee", "goed", "prima"),
        stop=("stoppen", "afmelden", "uitschrijven", "meld me af", "geen sms", "geen sms meer",
              "afmelden graag"),
        start=("aanmelden", "opnieuw aanmelden"),
        help=("hulp", "informatie"),
    ),
    "pl": Words(
        yes=("tak", "jasne", "pewnie", "oczywiście", "tak jest", "ja też", "chętnie", "tak tak"),
        no=("nie", "niestety", "nie dziękuję"),
        maybe=("może", "nie wiem", "nie jestem pewna", "nie jestem pewien", "nie jestem pewny",
               "chyba", "możliwe", "być może", "jeszcze nie wiem", "zobaczymy"),
        sure_yes=("będę", "będziemy", "przyjdę", "przyjdziemy", "będę obecna", "będę obecny",
                  "chyba tak", "nie ma problemu", "przyjdę na pewno", "na pewno"),
        sure_no=("nie mogę", "nie możemy", "nie będę", "nie będziemy", "nie przyjdę",
                 "nie przyjdziemy", "nie dam rady", "nie damy rady", "niestety nie", "chyba nie",
                 "ja też nie", "też nie", "może następnym razem", "na pewno nie"),
        lead_yes=("dobrze", "ok", "okej", "spoko"),
        stop=("wypisz", "wypisz mnie", "rezygnuję", "nie wysyłaj", "wypisanie"),
        help=("pomoc", "pomocy"),
    ),
    "ro": Words(
        yes=("da", "sigur", "desigur", "da sigur", "bineînțeles", "cu plăcere", "da da"),
        no=("nu mulțumesc", "din păcate", "nu nu"),
        maybe=("poate", "nu știu", "nu sunt sigur", "nu sunt sigură", "posibil", "probabil",
               "încă nu știu", "vedem"),
        sure_yes=("venim", "vin", "voi veni", "vom veni", "vin sigur", "vin și eu", "vom fi acolo",
                  "voi fi acolo", "particip", "participăm", "nicio problemă"),
        sure_no=("nu pot", "nu putem", "nu vin", "nu venim", "nu voi veni", "nu vom veni",
                 "din păcate nu", "nu particip", "nu participăm", "poate data viitoare",
                 "nu voi putea", "nu vom putea"),
        lead_yes=("bine", "ok", "bn"),
        lead_no=("nu",),
        stop=("dezabonare", "dezabonează", "dezabonați mă", "dezabonez", "renunț"),
        help=("ajutor",),
    ),
    "bg": Words(
        yes=("да", "разбира се", "да разбира се", "със сигурност", "дадено", "да да"),
        no=("не", "за съжаление", "не благодаря", "не не"),
        maybe=("може", "може би", "не знам", "не съм сигурен", "не съм сигурна", "евентуално",
               "вероятно", "ще видим", "mozhe", "mozhe bi", "ne znam"),
        sure_yes=("идвам", "идваме", "ще дойда", "ще дойдем", "ще бъда", "ще бъдем",
                  "ще присъствам", "ще присъстваме", "няма проблем"),
        sure_no=("не мога", "не можем", "не може", "няма да дойда", "няма да дойдем", "не идвам",
                 "не идваме", "за съжаление не", "няма да мога", "може би следващия път"),
        lead_yes=("добре", "ок", "ok"),
        stop=("стоп", "отписване", "отпиши ме", "спри"),
        start=("старт",),
        help=("помощ", "инфо"),
    ),
    "de": Words(
        yes=("ja", "jawohl", "klar", "gerne", "gern", "na klar", "sicher", "ja gerne"),
        no=("nein", "leider", "nein danke"),
        maybe=("vielleicht", "eventuell", "weiß nicht", "weiß ich nicht", "nicht sicher",
               "ich weiß nicht", "weiß ich noch nicht", "weiß noch nicht", "mal sehen"),
        sure_yes=("ich komme", "wir kommen", "komme gerne", "kommen gerne", "bin dabei",
                  "sind dabei", "kein problem"),
        sure_no=("kann nicht", "ich kann nicht", "komme nicht", "ich komme nicht",
                 "wir kommen nicht", "leider nicht", "leider nein", "können nicht"),
        stop=("stopp", "abmelden", "abbestellen"),
        start=("anmelden",),
        help=("hilfe",),
    ),
    "fr": Words(
        yes=("oui", "ouais", "d'accord", "bien sûr", "oui merci", "volontiers", "avec plaisir"),
        no=("non", "non merci"),
        maybe=("peut-être", "peut être", "je ne sais pas", "sais pas", "pas sûr", "pas sûre",
               "je sais pas"),
        sure_yes=("je viens", "je viendrai", "nous viendrons", "on vient", "je serai là",
                  "nous serons là", "présent", "présente", "pas de problème"),
        sure_no=("je ne peux pas", "ne peux pas", "peux pas", "pas possible", "je ne viens pas",
                 "je ne viendrai pas", "nous ne viendrons pas"),
        stop=("arrêt", "arrêter", "désabonner", "désabonnement", "désinscrire", "désinscription"),
        help=("aide",),
    ),
    "es": Words(
        yes=("sí", "si", "claro", "vale", "por supuesto", "claro que sí", "sí gracias"),
        no=("no", "no gracias"),
        maybe=("quizás", "quizá", "tal vez", "a lo mejor", "no sé", "no lo sé", "no estoy segura",
               "no estoy seguro", "vamos a ver", "ya veremos", "si puedo"),
        sure_yes=("voy", "vamos", "ahí estaré", "asistiré", "iremos", "iré", "sin problema"),
        sure_no=("no puedo", "no podemos", "no voy", "no vamos", "no iremos", "no asistiré"),
        stop=("baja", "darme de baja", "dar de baja", "parar"),
        start=("alta",),
        help=("ayuda",),
    ),
    "pt": Words(
        yes=("sim", "claro", "com certeza", "sim obrigado", "sim obrigada"),
        no=("não", "não obrigado", "não obrigada"),
        maybe=("talvez", "pode ser", "não sei", "não tenho certeza", "se calhar"),
        sure_yes=("vou", "vamos", "estarei lá", "vou sim", "sem problema"),
        sure_no=("não posso", "não podemos", "não vou", "não vamos"),
        stop=("parar", "sair", "cancelar"),
        help=("ajuda",),
    ),
    "it": Words(
        yes=("sì", "si", "certo", "certamente", "va bene", "volentieri"),
        no=("no", "no grazie"),
        maybe=("forse", "non so", "non lo so", "non sono sicuro", "non sono sicura"),
        sure_yes=("vengo", "veniamo", "ci sarò", "ci saremo", "nessun problema"),
        sure_no=("non posso", "non possiamo", "non vengo", "non veniamo"),
        stop=("disiscrivimi", "cancellami", "disiscrizione"),
        help=("aiuto",),
    ),
    "lt": Words(
        yes=("taip", "žinoma", "aišku"),
        no=("ne", "ne ačiū", "deja"),
        maybe=("galbūt", "gal", "nežinau", "nesu tikra", "nesu tikras"),
        sure_yes=("būsiu", "būsime", "ateisiu", "ateisime", "dalyvausiu", "dalyvausime"),
        sure_no=("negaliu", "negalime", "neateisiu", "neateisime", "nebūsiu", "deja ne"),
        stop=("atsisakyti",),
        help=("pagalba",),
    ),
    "lv": Words(
        yes=("jā", "protams", "jā protams"),
        no=("nē", "diemžēl"),
        maybe=("varbūt", "nezinu", "neesmu pārliecināts", "neesmu pārliecināta"),
        sure_yes=("nākšu", "nāksim", "būšu", "būsim", "piedalīšos"),
        sure_no=("nevaru", "nevaram", "nenākšu", "nenāksim", "diemžēl nē"),
        stop=("atteikties",),
        help=("palīdzība",),
    ),
    "hu": Words(
        yes=("igen", "persze", "naná", "természetesen", "szívesen"),
        no=("nem", "sajnos", "nem köszönöm"),
        maybe=("talán", "lehet", "nem tudom", "nem biztos", "még nem tudom", "esetleg"),
        sure_yes=("megyek", "jövök", "eljövök", "ott leszek", "ott leszünk", "jövünk", "megyünk"),
        sure_no=("nem tudok", "nem tudunk", "nem megyek", "nem jövök", "sajnos nem",
                 "nem tudok menni", "nem jövünk"),
        stop=("leiratkozás", "leiratkozom"),
        help=("segítség",),
    ),
    "sk": Words(
        yes=("áno", "jasné", "určite", "samozrejme"),
        no=("nie", "bohužiaľ"),
        maybe=("možno", "neviem", "asi", "nie som si istá", "nie som si istý"),
        sure_yes=("prídem", "prídeme", "budem tam", "budeme tam"),
        sure_no=("nemôžem", "nemôžeme", "neprídem", "neprídeme", "bohužiaľ nie"),
        stop=("odhlásiť", "odhlásiť sa", "odhlásenie"),
        help=("pomoc",),
    ),
    "cs": Words(
        yes=("ano", "jo", "jasně", "určitě", "samozřejmě"),
        no=("ne", "bohužel"),
        maybe=("možná", "nevím", "asi", "nejsem si jistá", "nejsem si jistý"),
        sure_yes=("přijdu", "přijdeme", "budu tam", "budeme tam"),
        sure_no=("nemůžu", "nemůžeme", "nemohu", "nepřijdu", "nepřijdeme", "bohužel ne"),
        stop=("odhlásit", "odhlásit se", "odhlášení"),
        help=("pomoc",),
    ),
    "hr": Words(
        yes=("da", "naravno", "svakako"),
        no=("ne", "nažalost", "ne hvala"),
        maybe=("možda", "ne znam", "nisam siguran", "nisam sigurna"),
        sure_yes=("dolazim", "dolazimo", "doći ću", "doći ćemo", "bit ću tamo"),
        sure_no=("ne mogu", "ne možemo", "ne dolazim", "ne dolazimo", "nažalost ne"),
        stop=("odjava", "odjavi me"),
        help=("pomoć",),
    ),
    "sl": Words(
        yes=("da", "seveda", "ja"),
        no=("ne", "žal", "ne hvala"),
        maybe=("mogoče", "morda", "ne vem", "nisem prepričan", "nisem prepričana"),
        sure_yes=("pridem", "pridemo", "bom prišla", "bom prišel", "bomo prišli"),
        sure_no=("ne morem", "ne moremo", "ne pridem", "ne pridemo", "ne bom prišla",
                 "ne bom prišel", "žal ne"),
        stop=("odjava",),
        help=("pomoč",),
    ),
    "el": Words(
        yes=("ναι", "βεβαίως", "βέβαια", "φυσικά", "nai"),
        no=("όχι", "oxi", "ohi", "όχι ευχαριστώ"),
        maybe=("ίσως", "πιθανόν", "δεν ξέρω", "δεν είμαι σίγουρος", "δεν είμαι σίγουρη", "isws",
               "isos"),
        sure_yes=("θα έρθω", "θα έρθουμε", "έρχομαι", "ερχόμαστε", "tha erthw", "tha ertho"),
        sure_no=("δεν μπορώ", "δεν μπορούμε", "δεν θα έρθω", "δε θα έρθω", "δεν θα έρθουμε",
                 "den mporw", "den mporo"),
        lead_yes=("εντάξει", "οκ"),
        stop=("διακοπή", "σταμάτα"),
        help=("βοήθεια",),
    ),
    "uk": Words(
        yes=("так", "звичайно", "авжеж", "так звичайно"),
        no=("ні", "на жаль", "ні дякую"),
        maybe=("можливо", "може", "не знаю", "не впевнений", "не впевнена", "мабуть",
               "mozhlyvo"),
        sure_yes=("прийду", "прийдемо", "буду", "будемо", "ми прийдемо"),
        sure_no=("не можу", "не можемо", "не прийду", "не прийдемо", "не буду", "не будемо",
                 "на жаль ні"),
        lead_no=("ni",),
        stop=("стоп", "відписатися", "відписка"),
        start=("старт",),
        help=("допомога",),
    ),
    "ru": Words(
        yes=("да", "конечно", "ага", "да конечно"),
        no=("нет", "к сожалению", "нет спасибо"),
        maybe=("может", "может быть", "возможно", "не знаю", "не уверен", "не уверена",
               "наверное"),
        sure_yes=("приду", "придём", "придем", "буду", "будем"),
        sure_no=("не могу", "не можем", "не приду", "не придём", "не буду", "не будем",
                 "к сожалению нет"),
        lead_yes=("хорошо", "ладно"),
        stop=("стоп", "отписаться", "отписка"),
        help=("помощь",),
    ),
    "tr": Words(
        yes=("evet", "tabii", "tabi", "olur", "tabii ki", "elbette", "memnuniyetle"),
        no=("hayır", "olmaz", "maalesef"),
        maybe=("belki", "bilmiyorum", "emin değilim", "belki de"),
        sure_yes=("geliyorum", "geleceğim", "geleceğiz", "gelirim", "geliriz", "katılacağım",
                  "katılacağız"),
        sure_no=("gelemem", "gelemeyiz", "gelemiyorum", "katılamam", "katılamayız",
                 "maalesef gelemem"),
        lead_yes=("tamam",),
        stop=("iptal", "abonelikten çık"),
        help=("yardım",),
    ),
    "ar": Words(
        yes=("نعم", "أجل", "أكيد", "ايوه", "إيه", "بالتأكيد", "نعم شكرا"),
        no=("لا", "لا شكرا", "للأسف"),
        maybe=("ربما", "ممكن", "لا أعرف", "لا اعرف", "غير متأكد", "غير متأكدة", "يمكن"),
        sure_yes=("سأحضر", "سوف أحضر", "سنحضر", "سآتي", "سنأتي"),
        sure_no=("لا أستطيع", "لا يمكنني", "لن أحضر", "لن آتي", "لن نحضر", "للأسف لا"),
        stop=("توقف", "إيقاف", "إلغاء الاشتراك"),
        help=("مساعدة",),
    ),
}
# fmt: on

# Emoji and symbols read the same in every language.
EMOJI: dict[str, str] = {
    "👍": "yes",
    "👌": "yes",
    "✅": "yes",
    "✔": "yes",
    "🙋": "yes",
    "👎": "no",
    "❌": "no",
    "✖": "no",
    "🚫": "no",
    "🤔": "maybe",
    "🤷": "maybe",
}

# Politeness and greetings around a keyword ("STOP please", "AFMELDEN graag"): ignored.
FILLERS: tuple[str, ...] = (
    "please", "pls", "plz", "thanks", "thank you", "thx", "hi", "hello", "hey", "sms",
    "alsjeblieft", "alstublieft", "aub", "graag", "bedankt", "dank je", "dank u", "dankjewel",
    "hoi", "hallo", "goedemiddag", "goedemorgen", "goedenavond",
    "proszę", "dziękuję", "dzięki", "dzień dobry", "cześć", "witam",
    "vă rog", "te rog", "mulțumesc", "mersi", "bună", "bună ziua", "salut",
    "моля", "благодаря", "мерси", "здравейте", "здрасти",
    "bitte", "danke", "hallo", "s'il vous plaît", "svp", "merci", "bonjour",
    "por favor", "gracias", "hola", "obrigado", "obrigada", "olá", "per favore", "grazie",
    "ciao", "ačiū", "prašau", "labas", "paldies", "lūdzu", "sveiki", "köszönöm", "kérem",
    "szia", "ďakujem", "prosím", "děkuji", "díky", "ahoj", "hvala", "molim", "bok",
    "zdravo", "ευχαριστώ", "παρακαλώ", "γεια", "дякую", "будь ласка", "привіт", "спасибо",
    "пожалуйста", "привет", "здравствуйте", "teşekkürler", "teşekkür ederim", "lütfen",
    "merhaba", "شكرا", "من فضلك", "مرحبا", "السلام عليكم",
)  # fmt: skip

# Number words after a yes ("yes, we are two"); one is left out, it doubles as "a" ("een").
NUMBER_WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "met zn tweeen": 2,
    "met zn drieen": 3, "met zn vieren": 4,
    "dwa": 2, "dwie": 2, "dwoje": 2, "trzy": 3, "troje": 3, "cztery": 4, "czworo": 4, "pięć": 5,
    "doi": 2, "două": 2, "trei": 3, "patru": 4, "cinci": 5,
    "двама": 2, "две": 2, "двете": 2, "трима": 3, "три": 3, "четирима": 4, "четири": 4,
    "петима": 5,
    "zwei": 2, "drei": 3, "zu zweit": 2, "zu dritt": 3, "zu viert": 4,
}  # fmt: skip

# A number right after one of these is a time of day ("om 7", "at 6"), not a party size.
TIME_BEFORE: tuple[str, ...] = ("om", "at", "o", "la", "um", "à", "a las", "в", "к", "godz")

# A number right before one of these is a time of day ("7 uur", "6pm"), not a party size.
TIME_AFTER: tuple[str, ...] = (
    "uur", "u", "h", "am", "pm", "oclock", "godz", "godzina", "ora", "часа", "ч", "uhr",
    "heures", "heure", "horas", "ore", "saat",
)  # fmt: skip
