"""SMS without diacritics: Latin letters lose their marks, Bulgarian and Ukrainian go Latin."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parentinfo.messaging.segments import GSM7, GSM_BASIC, GSM_EXTENSION, count_segments
from parentinfo.outreach.composing.plain import (
    PLAIN_LANGUAGES,
    can_be_plain,
    normalise_sms,
    plain_text,
)

ASCII = "".join(chr(c) for c in range(32, 127)) + "\n"
ALPHABETS = {
    "pl": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
    "ro": "ăâîșşțţĂÂÎȘŞȚŢ",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ’",
    "nl": "ëïéèöüáóúÉËÏ",
    "lt": "ąčęėįšųūžĄČĘĖĮŠŲŪŽ",
    "lv": "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ",
    "hu": "áéíóöőúüűÁÉÍÓÖŐÚÜŰ",
    "cs": "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ",
    "sk": "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ",
    "hr": "čćđšžČĆĐŠŽ",
    "tr": "çğıöşüÇĞİÖŞÜ",
    "es": "áéíóúñüÁÉÍÓÚÑÜ¡¿",
    "pt": "áâãàçéêíóôõúÁÂÃÀÇÉÊÍÓÔÕÚ",
    "it": "àèéìíîòóùúÀÈÉÌÒÙ",
    "fr": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’",
    "sl": "čšžČŠŽ",
}


def test_every_plain_language_has_an_alphabet_under_test() -> None:
    assert set(ALPHABETS) == PLAIN_LANGUAGES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zażółć gęślą jaźń", "Zazolc gesla jazn"),
        ("ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "ZAZOLC GESLA JAZN"),
        ("Łódź, Kraków i Wrocław", "Lodz, Krakow i Wroclaw"),
        ("Odpisz TAK, NIE lub MOŻE", "Odpisz TAK, NIE lub MOZE"),
    ],
)
def test_polish(text: str, expected: str) -> None:
    assert plain_text(text, "pl") == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("София", "Sofia"),
        ("България", "Bulgaria"),
        ("Щастие", "Shtastie"),
        ("Жечо", "Zhecho"),
        ("ЖЕЧО", "ZHECHO"),
        ("Ж", "Zh"),
        ("Мария", "Maria"),
        ("Мариян", "Mariyan"),
        ("ИЯ", "IA"),
        ("Юлия", "Yulia"),
        ("Цветелина", "Tsvetelina"),
        ("Ябълка", "Yabalka"),
        ("ДА", "DA"),
        ("МОЖЕ", "MOZHE"),
    ],
)
def test_bulgarian_streamlined_system(word: str, expected: str) -> None:
    assert plain_text(word, "bg") == expected


def test_bulgarian_alphabet_letter_by_letter() -> None:
    assert plain_text("абвгдежзийклмнопрстуфхцчшщъьюя", "bg") == (
        "abvgdezhziyklmnoprstufhtschshshtayyuya"
    )


def test_bulgarian_final_iya_only_at_the_end_of_a_word() -> None:
    assert plain_text("Добре дошли в България! Ияна, Илия.", "bg") == (
        "Dobre doshli v Bulgaria! Iyana, Ilia."
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Київ", "Kyiv"),
        ("Україна", "Ukraina"),
        ("Юрій", "Yurii"),
        ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"),
        ("Знам’янка", "Znamianka"),
        ("Гадяч", "Hadiach"),
        ("Яготин", "Yahotyn"),
        ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"),
        ("Йосипівка", "Yosypivka"),
        ("Олексій", "Oleksii"),
        ("Маріуполь", "Mariupol"),
        ("Феодосія", "Feodosiia"),
        ("Єнакієве", "Yenakiieve"),
        ("Щербухи", "Shcherbukhy"),
        ("Ґалаґан", "Galagan"),
        ("ЖИТОМИР", "ZHYTOMYR"),
    ],
)
def test_ukrainian_national_system(word: str, expected: str) -> None:
    assert plain_text(word, "uk") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ro", "Înscrieți-vă la școală, ştiinţă", "Inscrieti-va la scoala, stiinta"),
        ("ro", "ȘCOALĂ ÎN ȚARA", "SCOALA IN TARA"),
        ("nl", "Ruïne, ideeën, café", "Ruine, ideeen, café"),
        ("hu", "Győr, műhely, tükör", "Gyor, muhely, tükör"),
        ("lt", "Ačiū, Šiauliai", "Aciu, Siauliai"),
        ("lv", "Ģimene, Liepāja", "Gimene, Liepaja"),
        ("cs", "Příliš žluťoučký kůň", "Prilis zlutoucky kun"),
        ("sk", "Ďakujem, ľudia", "Dakujem, ludia"),
        ("hr", "Đakovo, čaša", "Dakovo, casa"),
        ("tr", "Iğdır, İstanbul, şeker", "Igdir, Istanbul, seker"),
        ("es", "¿Sí? Información, niño", "¿Si? Informacion, niño"),
        ("pt", "Não, ação, Ç", "Nao, acao, Ç"),
        ("it", "È così, perché. Sì, più!", "E così, perché. Sì, più!"),
    ],
)
def test_latin_languages(language: str, text: str, expected: str) -> None:
    assert plain_text(text, language) == expected


def test_gsm_letters_are_kept() -> None:
    kept = "é è ù ì ò Ç Ø ø Å å Ä ä Ö ö Ñ ñ Ü ü ß É Æ æ à ¿ ¡ Δ €"
    assert plain_text(kept, "nl") == kept


def test_decomposed_input_keeps_gsm_letters() -> None:
    assert plain_text("cafe\u0301", "nl") == "café"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Peut-être, à bientôt ! Garçon, cœur", "Peut-etre, à bientot ! Garcon, coeur"),
        ("sl", "Mogoče, čaša, Žiga", "Mogoce, casa, Ziga"),
    ],
)
def test_french_and_slovenian(language: str, text: str, expected: str) -> None:
    assert plain_text(text, language) == expected


def test_typography_becomes_gsm() -> None:
    assert (
        normalise_sms("10:00\u202fAM – “ok” ‘ja’ … `x`\u00a0y")
        == "10:00 AM - \"ok\" 'ja' ... 'x' y"
    )


def test_can_be_plain() -> None:
    for language in ("nl", "pl", "ro", "bg", "uk", "lt", "hu"):
        assert can_be_plain(language)
    for language in ("en", "el", "ar", "xx"):
        assert not can_be_plain(language)


@given(st.text(alphabet=sorted(GSM_BASIC | GSM_EXTENSION), max_size=200))
def test_gsm_text_is_unchanged_in_every_language(text: str) -> None:
    for language in sorted(PLAIN_LANGUAGES):
        assert plain_text(text, language) == text


@pytest.mark.parametrize("language", sorted(ALPHABETS))
@given(data=st.data())
def test_plain_output_is_always_gsm7(language: str, data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet=ALPHABETS[language] + ASCII, max_size=200))
    assert count_segments(plain_text(text, language)).encoding == GSM7


@pytest.mark.parametrize("language", ["pl", "ro", "bg"])
def test_plain_saves_segments(language: str) -> None:
    text = {"pl": "Zażółć gęślą jaźń ", "ro": "Școală și țară ", "bg": "Щастие и радост "}
    long_text = text[language] * 8
    assert count_segments(plain_text(long_text, language)).segments < (
        count_segments(long_text).segments
    )
