"""Sentence spans: language-agnostic boundaries, abbreviations from data, spans index the text."""

from __future__ import annotations

import pytest

from corroborate.text.sentences import split

CASES = {
    "en": ("Dr. Lane said 9 people died at 10:15 a.m. Monday. \"We ran,\" a witness said.", 2),
    "sv": ("Polisen grep tre män, bl.a. en 19-åring. Enligt räddningstjänsten skadades två.", 2),
    "de": ("Die Polizei nahm z.B. zwei Männer fest. Laut Feuerwehr starben drei Menschen.", 2),
    "es": ("La Sra. Ruiz habló con la prensa. Según la policía, murieron tres personas.", 2),
    "fr": ("Mme Dupont a parlé. Selon les pompiers, trois personnes sont mortes.", 2),
    "ar": ("قتل ثلاثة أشخاص في الهجوم. وقال شهود إن المسلحين فروا.", 2),
    "ru": ("Погибли три человека. По данным спасателей, ранены ещё пятеро.", 2),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_split_per_language(lang: str) -> None:
    text, expected = CASES[lang]
    spans = split(text)
    assert len(spans) == expected, [text[s:e] for s, e in spans]
    for start, end in spans:
        assert text[start:end] == text[start:end].strip() and end > start


def test_blank_lines_and_question_marks() -> None:
    text = "Headline without stop\n\nWhy did it happen? Nobody knows. اللجنة تحقق؟ Ja."
    assert len(split(text)) == 5
