"""What one language's lexicon holds: the words, and the grammar the parser applies to them.

Every entry is written as a parent would type it, with diacritics and in its own script;
the parser normalises both sides the same way. A single word ending in ``*`` is a stem: it
matches every word that starts with it (conjugations, cases, future and past forms).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """One language: answer words, grammar words, number words, opt-outs, question markers."""

    code: str
    # Answer words and phrases. ``sure_*`` say it outright and outweigh a bare word;
    # ``lead_*`` count only as the first word of a sentence (Bulgarian "да" is also "to").
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    sure_yes: tuple[str, ...] = ()
    sure_no: tuple[str, ...] = ()
    lead_yes: tuple[str, ...] = ()
    lead_no: tuple[str, ...] = ()
    # "probably": maybe when alone, but it leaves "chyba tak" a yes and "да нет, наверное" a no.
    hedge: tuple[str, ...] = ()
    # Grammar: a verb of coming/being able (stems) is a yes, negated it is a no.
    verbs: tuple[str, ...] = ()
    weak_verbs: tuple[str, ...] = ()  # "be": "būsim" alone is a yes, but "ne, būsim ..." a no
    try_verbs: tuple[str, ...] = ()  # "try": "Provo a venire" is a maybe
    negators: tuple[str, ...] = ()  # before the verb, up to three words: "nie mogę", "δεν θα έρθω"
    neg_after: tuple[str, ...] = ()  # after the verb: "kan niet", "komme leider nicht"
    neg_prefix: str = ""  # glued to the verb: Lithuanian "negalėsiu", Czech "nepřijdu"
    neg_suffixes: tuple[str, ...] = ()  # after the stem: Turkish "gel-emem", "gel-miyorum"
    # Party size.
    numbers: dict[str, int] = field(default_factory=dict)  # incl. case forms and collectives
    people: tuple[str, ...] = ()  # "osoby", "people": a number before it is the whole party
    adults: tuple[str, ...] = ()  # "adults": counted
    children: tuple[str, ...] = ()  # "kids": counted, and the parent comes too
    companions: tuple[str, ...] = ()  # "husband", "mężem", "dzieckiem": one more each
    # A companion counts only after a with-word ("met mijn man"; Turkish "eşim-le" glued on)
    # or coordinated with the sender ("mein Mann und ich", "я и муж"): alone, a family noun
    # names the sender ("mama van Daan", "Mother of Mia"), not someone who comes.
    with_words: tuple[str, ...] = ()
    with_suffixes: tuple[str, ...] = ()
    and_words: tuple[str, ...] = ()
    self_words: tuple[str, ...] = ()
    solo: tuple[str, ...] = ()  # "only me", "alone": a party of one whatever else is said
    # Opt-out: ``opt_out`` are sentences, read anywhere; ``stop`` keywords only alone.
    opt_out: tuple[str, ...] = ()
    # And the grammar of an opt-out: a word for our messages (or the list, the number) with a
    # negated "want" or "send" ("nie chcę więcej wiadomości") or a "stop"/"delete" verb.
    messages: tuple[str, ...] = ()
    send_verbs: tuple[str, ...] = ()
    stop_verbs: tuple[str, ...] = ()
    anymore: tuple[str, ...] = ()  # "meer", Greek "ξανα-": "stuur me niks meer" needs no noun
    again: tuple[str, ...] = ()  # "ik wil weer berichten ontvangen": START
    stop: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    # A question about how to answer ("What should I reply?", stems of reply/answer) or, in
    # a short question, about how the service works ("Hoe werkt dit?"): HELP, not staff.
    help_verbs: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    # Questions: ``question_words`` open a sentence ("when", "Има ли");
    # ``question_particles`` mark one anywhere (Turkish "mi").
    # ``question_words`` are matched as the first word only.
    question_words: tuple[str, ...] = ()
    question_particles: tuple[str, ...] = ()
    early_particles: tuple[str, ...] = ()  # second or third word only: "Da li", "Има ли"
    fillers: tuple[str, ...] = ()  # politeness and greetings
    # Letters only this language (or its neighbours) types: typed, they tip a tie between
    # languages that read the same once accents go (Croatian "može" yes, Polish "może" maybe).
    letters: str = ""
    # "I no longer have a child there": beside an opt-out a reason for it, not a "no".
    reasons: tuple[str, ...] = ()
    late: tuple[str, ...] = ()  # "might be 10 mins late": lateness is no doubt about coming
    grades: tuple[str, ...] = ()  # "groep 4", "3 класс": a class next to a number, not people
    time_before: tuple[str, ...] = ()  # "om 7": a time, not people
    time_after: tuple[str, ...] = ()  # "7 uur", "10 minutes": not people
