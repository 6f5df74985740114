"""Decoding bytes of every encoding the readers meet, in the project's languages."""

from __future__ import annotations

import codecs

import pytest

from corroborate.read.decode import binary_reason, declared_charset, decode_bytes
from corroborate.read.legacy import guess_legacy

# Invented news sentences, one per language, with the letters each legacy charset must get right.
SAMPLES = {
    "en": "Firefighters were called on Monday night after a blaze at a warehouse; nobody was hurt — “so far”.",
    "sv": "Räddningstjänsten larmades på måndagskvällen till en brand i ett lager i Ödeby. Två personer skadades.",
    "de": "Die Feuerwehr wurde am Montagabend zu einem Großbrand in Übelfeld gerufen. Zwei Menschen wurden verletzt.",
    "es": "Los bomberos acudieron el lunes por la noche a un incendio en Añoral. Dos personas resultaron heridas.",
    "fr": "Les pompiers sont intervenus lundi soir pour un incendie à Vérelles ; deux blessés, selon la préfecture.",
    "ar": "استدعي رجال الإطفاء مساء الاثنين إلى حريق في مستودع بمدينة الواحة. وأصيب شخصان بجروح طفيفة.",
    "ru": "Пожарные прибыли в понедельник вечером на склад в посёлке Берёзовка. Два человека получили ранения.",
}
LEGACY = {
    "en": ["cp1252"],
    "sv": ["cp1252", "latin-1"],
    "de": ["cp1252", "latin-1"],
    "es": ["cp1252", "latin-1"],
    "fr": ["cp1252"],
    "ar": ["cp1256", "iso8859_6"],
    "ru": ["cp1251", "koi8_r"],
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_utf8_is_kept(lang: str) -> None:
    decoded = decode_bytes(SAMPLES[lang].encode("utf-8"))
    assert decoded.text == SAMPLES[lang]
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_byte_order_marks(lang: str, bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + SAMPLES[lang].encode(codec))
    assert decoded.text == SAMPLES[lang]  # the BOM itself is gone
    assert decoded.encoding == codec


def test_utf16_without_bom_is_recognised() -> None:
    text = SAMPLES["de"]
    assert decode_bytes(text.encode("utf-16-le")).text == text
    assert decode_bytes(text.encode("utf-16-be")).text == text


@pytest.mark.parametrize("lang,codec", [(lang, c) for lang, codecs_ in LEGACY.items() for c in codecs_])
def test_legacy_charsets_are_decoded_not_reported(lang: str, codec: str) -> None:
    text = SAMPLES[lang].replace("—", "-").replace("“", '"').replace("”", '"') if codec == "latin-1" else SAMPLES[lang]
    data = text.encode(codec)
    decoded = decode_bytes(data)
    assert decoded.text == text, f"{lang} in {codec} read as {decoded.encoding}"


def test_short_words_still_guess_right() -> None:
    assert guess_legacy("Malmö".encode("cp1252")) == "cp1252"
    assert guess_legacy("Москва".encode("koi8_r")) == "koi8_r"
    assert guess_legacy("Москва".encode("cp1251")) == "cp1251"


def test_html_meta_charset_is_used_when_bytes_are_not_utf8() -> None:
    # Valid cp1250 bytes that the guesser alone would read as cp1252: the declaration decides.
    text = "<html><head><meta charset=\"windows-1250\"></head><body>Příliš žluťoučký kůň</body></html>"
    decoded = decode_bytes(text.encode("cp1250"))
    assert decoded.text == text
    assert decoded.encoding == "cp1250"


def test_http_charset_parameter_is_used() -> None:
    text = "Пожар на складе"
    decoded = decode_bytes(text.encode("koi8_r"), declared="KOI8-R")
    assert decoded.text == text


def test_declared_latin1_means_windows_1252_and_lies_lose_to_utf8() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "cp1252"
    # A page that declares Latin-1 but is really UTF-8 reads as UTF-8.
    page = '<meta charset="iso-8859-1"><p>Größe – “quoted”</p>'
    assert decode_bytes(page.encode("utf-8")).text == page


def test_xml_prolog_encoding() -> None:
    xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости</title></channel></rss>'
    assert decode_bytes(xml.encode("cp1251")).text == xml


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


def test_undecodable_bytes_never_raise() -> None:
    # 0x81 is undefined in every Windows charset tried; Latin-1 takes it.
    decoded = decode_bytes(b"caf\xe9 \x81 ok")
    assert decoded.text.startswith("caf")


@pytest.mark.parametrize("head,expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"plain words\x00\x00\x01\x02 and nulls", "NUL"),
    (bytes(range(1, 32)) * 4, "control bytes"),
])
def test_binary_is_detected(head: bytes, expected: str) -> None:
    reason = binary_reason(head)
    assert reason is not None and expected in reason


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_text_is_not_binary(lang: str) -> None:
    assert binary_reason(SAMPLES[lang].encode("utf-8")) is None
    assert binary_reason(codecs.BOM_UTF16_LE + SAMPLES[lang].encode("utf-16-le")) is None
