"""Language identification per language, short and long texts."""

from __future__ import annotations

import pytest

from corroborate.text.detect import detect_language

SHORT = {
    "en": "Heavy rain flooded the old market square.",
    "sv": "Kraftigt regn översvämmade det gamla torget.",
    "de": "Starker Regen überflutete den alten Marktplatz.",
    "es": "Las fuertes lluvias inundaron la vieja plaza del mercado.",
    "fr": "De fortes pluies ont inondé la vieille place du marché.",
    "ar": "أغرقت الأمطار الغزيرة ساحة السوق القديمة.",
    "ru": "Сильный дождь затопил старую рыночную площадь.",
    "it": "Le forti piogge hanno allagato la vecchia piazza del mercato.",
    "pt": "As fortes chuvas inundaram a antiga praça do mercado.",
    "nl": "Zware regen overstroomde het oude marktplein.",
    "pl": "Ulewny deszcz zalał stary rynek miasta.",
    "tr": "Şiddetli yağmur eski pazar meydanını su altında bıraktı.",
    "uk": "Сильний дощ затопив стару ринкову площу.",
}

LONG_EXTRA = {
    "en": "The city council said drainage works would begin next month and residents were asked to report damage.",
    "sv": "Kommunen meddelar att arbetet med avloppen börjar nästa månad och invånarna uppmanas att anmäla skador.",
    "de": "Die Stadtverwaltung teilte mit, die Arbeiten an der Kanalisation begännen im nächsten Monat.",
    "es": "El ayuntamiento dijo que las obras de drenaje comenzarán el próximo mes y pidió a los vecinos informar daños.",
    "fr": "La mairie a indiqué que les travaux de drainage commenceraient le mois prochain.",
    "ar": "وقال مجلس المدينة إن أعمال الصرف ستبدأ الشهر المقبل وطلب من السكان الإبلاغ عن الأضرار.",
    "ru": "Городской совет сообщил, что работы по водоотводу начнутся в следующем месяце.",
}


@pytest.mark.parametrize("lang", sorted(SHORT))
def test_short_text(lang: str) -> None:
    code, confidence = detect_language(SHORT[lang])
    assert code == lang
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize("lang", sorted(LONG_EXTRA))
def test_long_text(lang: str) -> None:
    text = " ".join([SHORT[lang], LONG_EXTRA[lang]] * 12)
    assert len(text) > 1000
    code, confidence = detect_language(text)
    assert code == lang
    assert confidence > 0.5


def test_no_letters() -> None:
    assert detect_language("") == (None, 0.0)
    assert detect_language("12 345 -- 2024") == (None, 0.0)


def test_only_sample_is_read() -> None:
    text = SHORT["de"] * 60 + " " + SHORT["en"] * 200
    assert detect_language(text)[0] == "de"
