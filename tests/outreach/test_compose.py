"""Composing messages: every kind in the core languages, local reply words, local times, lengths.

These tests read the compiled catalogs (``make catalogs`` / ``scripts/catalogs.py compile``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from parentinfo.lib.enums import SUPPORTED_LANGUAGES, Answer, MessageKind, Topic
from parentinfo.messaging.segments import GSM7, UCS2, count_segments
from parentinfo.outreach.composing.compose import KINDS, MessageContext, compose, followup_links
from parentinfo.outreach.composing.keywords import REPLY_WORDS, reply_words, stop_label
from parentinfo.outreach.composing.plain import can_be_plain
from parentinfo.paths import LOCALES_DIR

CORE = ("nl", "en", "pl", "ro", "bg")
# A page URL as long as a real one: the test PUBLIC_URL and a 10-character token.
PAGE = "https://parentinfo.test/r/" + "t" * 10
# English words of the fixed SMS texts; none may survive in another language's SMS.
ENGLISH = (
    "Invitation",
    "Reminder",
    "Changed",
    "Cancelled",
    "Your answer",
    "Waiting list",
    "Reply",
    "Childcare",
    "unsubscribe",
    "Thank",
    "session",
    "More information",
    "New time",
    "New place",
    "Registered",
    "Add it",
    "Language",
    "Interpreter",
)
# Where the English word is also the right word in the language.
SAME_WORD = {"fr": {"Invitation"}}
VARIANTS: list[dict[str, Any]] = [
    {},
    {"answer": Answer.YES, "party_size": 3, "time_changed": True},
    {"answer": Answer.NO, "place_changed": True},
    {"answer": Answer.MAYBE, "attended": False},
    {"answer": Answer.YES, "waitlisted": True},
]


def make_ctx(**overrides: Any) -> MessageContext:
    """An invitation to a session on Sunday 28 March 2027, 10:00–12:00 in Amsterdam (CEST)."""
    values: dict[str, Any] = {
        "language": "nl",
        "kind": MessageKind.INVITATION,
        "title": "Ouderavond",
        "description": "Alles over de basisschool.\n\nNeem gerust vragen mee.",
        "starts_at": datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
        "ends_at": datetime(2027, 3, 28, 10, 0, tzinfo=UTC),
        "topic": Topic.SCHOOL_SYSTEM,
        "venue": "Bibliotheek Centrum",
        "address": "Stationsplein 1, Utrecht",
        "sender_name": "OBS De Klimop",
        "host_names": ("OBS De Klimop", "Stichting Razem"),
        "reply_code": "K7",
        "page_url": PAGE,
    }
    values.update(overrides)
    return MessageContext(**values)


@pytest.mark.parametrize("language", CORE)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_every_kind_renders_in_every_core_language(
    language: str, kind: MessageKind, variant: int
) -> None:
    ctx = make_ctx(
        language=language,
        kind=kind,
        childcare=True,
        session_languages=("nl", "en"),
        interpreter_languages=("pl", "ro", "bg"),
        **VARIANTS[variant],
    )
    composed = compose(ctx)
    assert composed.sms.strip()
    assert "Ouderavond" in composed.sms
    assert "Ouderavond" in composed.subject
    assert "Ouderavond" in composed.text
    assert f'<html lang="{language}"' in composed.html
    if language != "en":
        for word in ENGLISH:
            assert word not in composed.sms, f"{word!r} untranslated in {language} {kind}"
            assert word not in composed.subject


@pytest.mark.parametrize("language", [code for code in SUPPORTED_LANGUAGES if code != "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_translated_in_every_supported_language(
    language: str, kind: MessageKind
) -> None:
    assert (LOCALES_DIR / language / "LC_MESSAGES" / "outreach.po").is_file()
    for variant in VARIANTS:
        ctx = make_ctx(language=language, kind=kind, childcare=True, **variant)
        composed = compose(replace(ctx, session_languages=("nl",)))
        for word in set(ENGLISH) - SAME_WORD.get(language, set()):
            assert word not in composed.sms, f"{word!r} untranslated in {language} {kind}"
            assert word not in composed.text, f"{word!r} untranslated in {language} {kind}"
        if can_be_plain(language):
            plain = compose(replace(ctx, plain=True)).sms
            assert count_segments(plain).encoding == GSM7


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_invitation_prints_the_local_reply_words_and_stop(language: str) -> None:
    sms = compose(make_ctx(language=language)).sms
    words = reply_words(language)
    for word in (words.yes, words.no, words.maybe, "STOP", PAGE):
        assert word in sms


def test_the_core_reply_words_are_the_ones_the_product_names() -> None:
    expected = {
        "nl": ("JA", "NEE", "MISSCHIEN"),
        "en": ("YES", "NO", "MAYBE"),
        "pl": ("TAK", "NIE", "MOŻE"),
        "ro": ("DA", "NU", "POATE"),
        "bg": ("ДА", "НЕ", "МОЖЕ"),
    }
    for language, words in expected.items():
        found = REPLY_WORDS[language]
        assert (found.yes, found.no, found.maybe) == words
    assert reply_words("xx") == REPLY_WORDS["en"]
    assert set(REPLY_WORDS) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("nl", "JA K7, NEE K7 of MISSCHIEN K7"),
        ("pl", "TAK K7, NIE K7 lub MOŻE K7"),
        ("bg", "ДА K7"),
    ],
)
def test_several_open_invitations_ask_for_the_code(language: str, hint: str) -> None:
    sms = compose(make_ctx(language=language, several_open=True)).sms
    assert hint in sms
    assert "(1/2/3)" not in sms  # a bare digit could not say which session it answers
    assert "K7" not in compose(make_ctx(language=language)).sms


def test_reminder_asks_what_fits_the_answer() -> None:
    yes = compose(make_ctx(kind=MessageKind.REMINDER, answer=Answer.YES, party_size=2)).sms
    assert "Kunt u niet komen? Antwoord NEE." in yes
    assert "Aangemeld: 2 personen." in yes
    maybe = compose(make_ctx(kind=MessageKind.REMINDER, answer=Answer.MAYBE)).sms
    assert "Antwoord JA of NEE." in maybe
    assert "Aangemeld" not in maybe


@pytest.mark.parametrize(
    ("language", "size", "line"),
    [
        ("pl", 1, None),
        ("pl", 2, "Zapisano 2 osoby."),
        ("pl", 5, "Zapisano 5 osób."),
        ("pl", 12, "Zapisano 12 osób."),
        ("pl", 22, "Zapisano 22 osoby."),
        ("ro", 2, "Ați înscris 2 persoane."),
        ("ro", 20, "Ați înscris 20 de persoane."),
        ("bg", 3, "Записахме 3 души."),
        ("nl", 4, "Aangemeld: 4 personen."),
        ("en", 2, "Registered: 2 people."),
    ],
)
def test_party_size_uses_the_plural_rules(language: str, size: int, line: str | None) -> None:
    ctx = make_ctx(language=language, kind=MessageKind.CONFIRMATION, answer=Answer.YES)
    sms = compose(replace(ctx, party_size=size)).sms
    if line is None:
        assert "Zapisano" not in sms
    else:
        assert line in sms


def test_times_are_shown_in_amsterdam_across_daylight_saving() -> None:
    summer = compose(make_ctx()).sms  # 08:00 UTC on the day CEST starts
    assert "zo 28 mrt 10:00-12:00" in summer
    winter = make_ctx(
        starts_at=datetime(2027, 1, 10, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 10, 11, 30, tzinfo=UTC),
    )
    assert "zo 10 jan 10:00-12:30" in compose(winter).sms
    late = make_ctx(
        starts_at=datetime(2027, 3, 27, 23, 30, tzinfo=UTC),  # already Sunday in Amsterdam
        ends_at=datetime(2027, 3, 28, 1, 30, tzinfo=UTC),  # 03:30 CEST, after the switch
    )
    assert "zo 28 mrt 00:30-03:30" in compose(late).sms


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("nl", "zo 28 mrt 10:00-12:00", "zondag 28 maart 2027, 10:00–12:00"),
        ("en", "Sun 28 Mar 10:00-12:00", "Sunday, 28 March 2027, 10:00–12:00"),
        ("pl", "niedz., 28 mar 10:00-12:00", "niedziela, 28 marca 2027, 10:00–12:00"),
        ("ro", "dum., 28 mar. 10:00-12:00", "duminică, 28 martie 2027, 10:00–12:00"),
        ("bg", "нд, 28.03. 10:00-12:00", "неделя, 28 март 2027"),
    ],
)
def test_dates_per_locale(language: str, short: str, long: str) -> None:
    composed = compose(make_ctx(language=language))
    assert short in composed.sms
    assert long in composed.text


def test_multi_day_session_names_both_days() -> None:
    ctx = make_ctx(ends_at=datetime(2027, 3, 29, 10, 0, tzinfo=UTC))
    assert "zo 28 mrt 10:00 - ma 29 mrt 12:00" in compose(ctx).sms


def test_change_notice_says_what_changed() -> None:
    moved = compose(make_ctx(kind=MessageKind.CHANGE, time_changed=True)).sms
    assert "Nieuwe datum en tijd: zo 28 mrt" in moved
    assert "Nieuwe plek" not in moved
    assert "Antwoord JA, NEE of MISSCHIEN" in moved  # not answered yet
    elsewhere = compose(make_ctx(kind=MessageKind.CHANGE, place_changed=True, answer=Answer.NO))
    assert "Nieuwe plek: Bibliotheek Centrum, Stationsplein 1, Utrecht" in elsewhere.sms
    assert "Komt u toch? Antwoord JA." in elsewhere.sms
    assert "Nieuwe plek: Bibliotheek Centrum, Stationsplein 1, Utrecht" in elsewhere.text


def test_cancellation() -> None:
    composed = compose(make_ctx(language="pl", kind=MessageKind.CANCELLATION))
    assert composed.subject == "Odwołane: Ouderavond"
    assert "To spotkanie się nie odbędzie. Przepraszamy." in composed.sms
    assert "TAK" not in composed.sms
    assert "odwołanie spotkania" in composed.text


def test_confirmation_variants() -> None:
    base = make_ctx(language="ro", kind=MessageKind.CONFIRMATION)
    yes = compose(replace(base, answer=Answer.YES))
    assert "Vă mulțumim, ne vedem atunci!" in yes.sms
    assert f"Adăugați-o în calendar: {PAGE}" in yes.sms
    waiting = compose(replace(base, answer=Answer.YES, waitlisted=True))
    assert waiting.subject == "Listă de așteptare: Ouderavond"
    assert "lista de așteptare" in waiting.sms
    no = compose(replace(base, answer=Answer.NO))
    assert "V-ați răzgândit? Răspundeți DA." in no.sms
    maybe = compose(replace(base, answer=Answer.MAYBE))
    assert "Am notat: poate." in maybe.sms
    assert "Răspundeți DA sau NU." in maybe.sms


def test_followup_links_per_topic() -> None:
    assert followup_links(Topic.SCHOOL_SYSTEM, "nl") == [
        ("Het basisonderwijs", "https://www.rijksoverheid.nl/onderwerpen/basisonderwijs")
    ]
    assert followup_links(Topic.SCHOOL_SYSTEM, "en") == [
        ("Primary school in the Netherlands", "https://www.government.nl/topics/primary-education")
    ]
    assert followup_links(Topic.MOTHERS_NETWORK, "pl") == [
        ("Biblioteka", "https://www.bibliotheek.nl"),
        ("Żłobki i grupy przedszkolne", "https://www.rijksoverheid.nl/onderwerpen/kinderopvang"),
    ]
    assert followup_links(Topic.YOUTH_HEALTH_CARE, "bg")[0][1].endswith("/jeugdgezondheidszorg")
    assert followup_links(Topic.SPORT_AND_CULTURE, "ro")[0] == (
        "Sport și cultură pentru copii",
        "https://www.jeugdfondssportencultuur.nl",
    )
    assert followup_links(Topic.OTHER, "nl") == []


def test_followup_message() -> None:
    ctx = make_ctx(kind=MessageKind.FOLLOWUP, topic=Topic.LIBRARY)
    composed = compose(ctx)
    assert "Bedankt voor uw komst! Meer informatie:" in composed.sms
    assert "De bibliotheek: https://www.bibliotheek.nl" in composed.sms
    assert '<a href="https://www.bibliotheek.nl">De bibliotheek</a>' in composed.html
    own = compose(replace(ctx, attended=False, followup_links=(("Bieb", "https://bieb.test"),)))
    assert "Bedankt" not in own.sms
    assert "Bieb: https://bieb.test" in own.sms
    none = compose(replace(ctx, topic=Topic.OTHER))
    assert "Meer informatie" not in none.sms


def test_sms_language_line_says_only_what_the_parent_would_not_assume() -> None:
    interpreted = make_ctx(language="pl", session_languages=("nl",), interpreter_languages=("pl",))
    assert "Tłumacz: polski." in compose(interpreted).sms
    assert "Język" not in compose(interpreted).sms
    assert "Język: niderlandzki. Tłumacz: polski." in compose(interpreted).text
    foreign = make_ctx(language="ro", session_languages=("nl", "en"))
    assert "Limba: neerlandeză și engleză." in compose(foreign).sms
    own = make_ctx(language="bg", session_languages=("bg",))
    assert "Език" not in compose(own).sms


def test_email_is_complete_and_escaped() -> None:
    ctx = make_ctx(
        title="Ouders <b>welkom</b>",
        recipient_name="Anna",
        guest_name="Bibliotheek Utrecht",
        accessibility_notes="Rolstoeltoegankelijk",
        childcare=True,
    )
    composed = compose(ctx)
    assert composed.subject == "Uitnodiging: Ouders <b>welkom</b>"
    for text in (
        "Beste Anna,",
        "Wanneer: zondag 28 maart 2027, 10:00–12:00",
        "Waar: Bibliotheek Centrum, Stationsplein 1, Utrecht",
        "Georganiseerd door: OBS De Klimop en Stichting Razem",
        "Te gast: Bibliotheek Utrecht",
        "Toegankelijkheid: Rolstoeltoegankelijk",
        "Kinderopvang aanwezig.",
        "Neem gerust vragen mee.",
        "agenda-uitnodiging",
        PAGE,
    ):
        assert text in composed.text
    assert "Ouders &lt;b&gt;welkom&lt;/b&gt;" in composed.html
    assert "<b>welkom" not in composed.html
    assert f'href="{PAGE}"' in composed.html
    assert "\n\n\n" not in composed.text
    # Our own greeting, whatever another feature's catalog says for a plain "Hello,".
    assert compose(replace(ctx, recipient_name="")).text.startswith("Beste ouder,\n")


def test_plain_sms_is_gsm7_and_keeps_the_reply_words_readable() -> None:
    composed = compose(make_ctx(language="pl", title="Szkoła w Holandii", plain=True))
    assert "OBS De Klimop\nSzkola w Holandii\n" in composed.sms
    assert "Odpisz TAK, NIE lub MOZE." in composed.sms
    assert count_segments(composed.sms).encoding == GSM7
    assert "Szkoła" in composed.text  # email keeps its letters
    bulgarian = compose(make_ctx(language="bg", plain=True)).sms
    assert "Otgovor: DA/NE/MOZHE" in bulgarian
    assert count_segments(bulgarian).encoding == GSM7


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_dutch_and_english_sms_stay_gsm7(language: str, kind: MessageKind) -> None:
    ctx = make_ctx(language=language, kind=kind, childcare=True, answer=Answer.YES, party_size=2)
    assert count_segments(compose(ctx).sms).encoding == GSM7


# Measured lengths of an invitation (sender, title, venue, reply words, 36-character link).
# Short: nothing else. Full: plus childcare and a language line, kept while the SMS stays
# within 2 GSM-7 or 3 UCS-2 parts (in Polish, childcare would make it 4: it is left out).
LENGTHS = {
    "nl": ((GSM7, 1), (GSM7, 2), (GSM7, 2)),
    "en": ((GSM7, 1), (GSM7, 2), (GSM7, 2)),
    "pl": ((UCS2, 3), (UCS2, 3), (GSM7, 2)),
    "ro": ((UCS2, 3), (UCS2, 3), (GSM7, 2)),
    "bg": ((UCS2, 3), (UCS2, 3), (GSM7, 2)),
}


@pytest.mark.parametrize("language", sorted(LENGTHS))
def test_invitation_lengths(language: str) -> None:
    short = make_ctx(language=language, session_languages=(language,))
    full = replace(short, childcare=True, session_languages=("nl", "en"))
    measured = [
        count_segments(compose(ctx).sms) for ctx in (short, full, replace(full, plain=True))
    ]
    assert [(info.encoding, info.segments) for info in measured] == list(LENGTHS[language])


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="no outreach template"):
        compose(make_ctx(kind=MessageKind.REPLY))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_its_own_opt_out_label(language: str) -> None:
    label = stop_label(language)
    assert label.startswith("STOP = ")
    if language != "en":
        assert label != "STOP = unsubscribe"
    assert label in compose(make_ctx(language=language)).sms


def test_arabic_email_reads_right_to_left() -> None:
    html = compose(make_ctx(language="ar")).html
    assert '<html lang="ar" dir="rtl">' in html
    assert '<html lang="sl" dir="ltr">' in compose(make_ctx(language="sl")).html
