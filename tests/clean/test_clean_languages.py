"""Noisy invented articles in seven languages: every noise line goes, every body sentence stays."""

from __future__ import annotations

import pytest

from corroborate.clean import clean
from corroborate.model import Document

# (lang, headline, body sentences, language-specific noise lines)
CASES = {
    "en": (
        "Ferry runs aground off Velmora island",
        [
            "A passenger ferry ran aground off Velmora island early on Tuesday, the coastguard said.",
            "Officials said 212 passengers were taken ashore in lifeboats and nobody was seriously hurt.",
            "Captain Orla Brenning told reporters the vessel lost power during a storm.",
            "The harbour authority has opened an investigation into the incident.",
        ],
        ["Advertisement", "Leave a Comment", "Your email address will not be published. Required fields are marked *",
         "Photo credit: Tomas Ferlin/Velmora Daily", "Read more:", "By Hanna Quill"],
    ),
    "sv": (
        "Färja gick på grund utanför Velmora",
        [
            "En passagerarfärja gick på grund utanför ön Velmora tidigt på tisdagen, uppger kustbevakningen.",
            "Enligt myndigheterna fördes 212 passagerare i land med livbåtar och ingen skadades allvarligt.",
            "Kaptenen Orla Brenning säger att fartyget förlorade kraften under en storm.",
            "Hamnmyndigheten har inlett en utredning om olyckan.",
        ],
        ["Annons", "Lämna en kommentar", "Din e-postadress kommer inte publiceras.", "Foto: Tomas Ferlin",
         "Läs också:"],
    ),
    "de": (
        "Fähre läuft vor der Insel Velmora auf Grund",
        [
            "Eine Passagierfähre ist am frühen Dienstag vor der Insel Velmora auf Grund gelaufen, teilte die Küstenwache mit.",
            "Nach Angaben der Behörden wurden 212 Passagiere mit Rettungsbooten an Land gebracht.",
            "Kapitänin Orla Brenning sagte, das Schiff habe während eines Sturms die Energie verloren.",
            "Die Hafenbehörde hat eine Untersuchung eingeleitet.",
        ],
        ["Anzeige", "Lesen Sie auch:", "Ihre E-Mail-Adresse wird nicht veröffentlicht.", "Foto: Tomas Ferlin/dpa",
         "Von Hanna Quill"],
    ),
    "es": (
        "Un ferri encalla frente a la isla de Velmora",
        [
            "Un ferri de pasajeros encalló frente a la isla de Velmora en la madrugada del martes, informó la guardia costera.",
            "Según las autoridades, 212 pasajeros fueron llevados a tierra en botes salvavidas.",
            "La capitana Orla Brenning dijo que el buque perdió la energía durante una tormenta.",
            "La autoridad portuaria ha abierto una investigación.",
        ],
        ["Publicidad", "Deja un comentario", "Tu dirección de correo electrónico no será publicada.",
         "Foto: Tomas Ferlin", "Lee también:"],
    ),
    "fr": (
        "Un ferry s'échoue au large de l'île de Velmora",
        [
            "Un ferry de passagers s'est échoué au large de l'île de Velmora tôt mardi, a indiqué la garde côtière.",
            "Selon les autorités, 212 passagers ont été ramenés à terre dans des canots de sauvetage.",
            "La capitaine Orla Brenning a déclaré que le navire avait perdu sa puissance pendant une tempête.",
            "L'autorité portuaire a ouvert une enquête.",
        ],
        ["Publicité", "Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée.", "Lire aussi :",
         "Par Hanna Quill"],
    ),
    "ar": (
        "جنوح عبارة قبالة جزيرة فيلمورا",
        [
            "جنحت عبارة ركاب قبالة جزيرة فيلمورا في وقت مبكر من صباح الثلاثاء، بحسب خفر السواحل.",
            "وقال مسؤولون إن 212 راكبا نقلوا إلى الشاطئ في قوارب النجاة ولم يصب أحد بجروح خطيرة.",
            "وقالت القبطانة أورلا برينينغ إن السفينة فقدت الطاقة خلال عاصفة.",
            "وفتحت سلطة الميناء تحقيقا في الحادث.",
        ],
        ["إعلان", "اقرأ أيضا", "لن يتم نشر عنوان بريدك الإلكتروني.", "صورة: توماس فيرلين"],
    ),
    "ru": (
        "Паром сел на мель у острова Вельмора",
        [
            "Пассажирский паром сел на мель у острова Вельмора рано утром во вторник, сообщила береговая охрана.",
            "По словам властей, 212 пассажиров были доставлены на берег на спасательных шлюпках.",
            "Капитан Орла Бреннинг заявила, что судно потеряло питание во время шторма.",
            "Портовое управление начало расследование.",
        ],
        ["Реклама", "Читайте также:", "Ваш адрес email не будет опубликован.", "Фото: Томас Ферлин"],
    ),
}

# Language-independent debris that the same articles also carry.
COMMON_NOISE = [
    "[[title]] [[text]] Something failed. [[success]]",
    "https://cdn.example-media.net/img/2024/05/ferry_1920x1080.jpg",
    "/html/head/meta[@name='og:image']/@content",
    "2024-05-14T06:12+0000",
    "1920 1080 true",
    "xx_XX",
    "2024",
    "Velmora Daily newsdesk@velmora-daily.example +46 701 234 567",
]


def _noisy(lang: str) -> tuple[str, list[str], list[str]]:
    headline, body, noise = CASES[lang]
    head = [COMMON_NOISE[0], headline, headline, COMMON_NOISE[3], COMMON_NOISE[1], noise[-1]]
    middle = [body[0], COMMON_NOISE[2], body[1], noise[0], body[2]]
    tail = [body[3], *noise[1:-1], COMMON_NOISE[7], COMMON_NOISE[6], COMMON_NOISE[4], COMMON_NOISE[5],
            "Hanna Quill", "Hanna Quill", COMMON_NOISE[7]]
    text = "\n\n".join(head + middle + tail)
    return text, body, [n for n in noise + COMMON_NOISE if n not in (headline,)]


@pytest.mark.parametrize("lang", sorted(CASES))
def test_noise_removed_and_body_kept(lang: str) -> None:
    text, body, noise = _noisy(lang)
    art = clean(Document(origin=f"test-{lang}", content=text, kind="text"))
    paragraphs = art.text.split("\n\n")
    for sentence in body:
        assert sentence in paragraphs, f"{lang}: body sentence lost: {sentence!r}\n{art.text}"
    for line in noise:
        assert line not in art.text, f"{lang}: noise kept: {line!r}\n{art.text}"
    assert "Hanna Quill" not in art.text
    assert paragraphs == body, f"{lang}: unexpected leftovers {set(paragraphs) - set(body)}"


@pytest.mark.parametrize("lang", sorted(CASES))
def test_title_language_and_timestamp(lang: str) -> None:
    text, _, _ = _noisy(lang)
    art = clean(Document(origin=f"test-{lang}", content=text, kind="text"))
    assert art.title == CASES[lang][0]
    assert art.lang == lang
    assert art.published is not None and art.published.isoformat() == "2024-05-14T06:12:00+00:00"
    assert art.published_precision == "minute"


@pytest.mark.parametrize("lang", sorted(CASES))
def test_clean_body_is_unchanged(lang: str) -> None:
    """Text without any noise comes through sentence for sentence."""
    _, body, _ = CASES[lang]
    art = clean(Document(origin=f"plain-{lang}", content="\n\n".join(body), kind="text"))
    assert art.text.split("\n\n") == body
    assert art.removed == []


WRONG_LABEL = {"en": "fr", "sv": "de", "de": "en", "es": "ru", "fr": "ar", "ar": "sv", "ru": "es"}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_wrong_language_label_is_overruled(lang: str) -> None:
    """A feed that labels every item with its site's language: the text's clear reading wins, with a
    warning that names both."""
    _, body, _ = CASES[lang]
    given = WRONG_LABEL[lang]
    art = clean(Document(origin=f"labelled-{lang}", content="\n\n".join(body), kind="text", lang=given))
    assert art.lang == lang
    assert any(f"lang {given!r} given" in w and f"reads as {lang!r}" in w for w in art.warnings), art.warnings


@pytest.mark.parametrize("lang", sorted(CASES))
def test_right_language_label_is_kept(lang: str) -> None:
    _, body, _ = CASES[lang]
    art = clean(Document(origin=f"labelled-{lang}", content="\n\n".join(body), kind="text", lang=lang))
    assert (art.lang, art.lang_confidence) == (lang, 1.0)
    assert not any("reads as" in w for w in art.warnings)


def test_close_or_unknown_language_label_is_trusted() -> None:
    """Norwegian text labelled Danish stays Danish (a close language); a short text and a language the
    detector does not know keep their label."""
    norwegian = ("Regjeringen la fram statsbudsjettet for neste år i Stortinget tirsdag, og finansministeren sa "
                 "at utgiftene til sykehusene og skolene i kommunene vil øke betydelig fra januar av. "
                 "Opposisjonen kritiserte forslaget og krevde flere penger til eldreomsorgen i distriktene.")
    assert clean(Document(origin="da", content=norwegian, kind="text", lang="da")).lang == "da"
    short = "Ferry runs aground off Velmora island, the coastguard said."
    assert clean(Document(origin="short", content=short, kind="text", lang="fr")).lang == "fr"
    english = "\n\n".join(CASES["en"][1])
    assert clean(Document(origin="hi", content=english, kind="text", lang="hi")).lang == "hi"
