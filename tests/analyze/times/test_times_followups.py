"""Event time in follow-up reports: procedure steps that name the event, dates of what a late report
follows up, embedded-post signatures, and anchored days counted from a date after them.
Sentences written for these tests (invented events and people)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from corroborate.analyze.times.component import extract_times, pick_event_time, times
from corroborate.analyze.times.event import _context
from corroborate.model import Analysis, Article

# Friday 15 March 2024, afternoon
PUB = datetime(2024, 3, 15, 15, 30, tzinfo=UTC)
# Friday 13 September 2024: six months after the spring events below
LATE = datetime(2024, 9, 13, 10, 0, tzinfo=UTC)


def event_day(text: str, lang: str, published: datetime = PUB) -> date:
    exprs = extract_times(text, lang, published)
    chosen = pick_event_time(text, exprs, lang, published)
    assert chosen is not None and chosen.value is not None
    return chosen.value.date()


# "charged with murder Thursday": the event word is the charge's object, Thursday dates the charge
PROCEDURE_CASES = [
    ("en", "A 30-year-old man was charged with murder Thursday in connection with a shooting at a "
           "bakery on Tuesday.", date(2024, 3, 12)),
    ("en", "Police arrested a woman in the killing Thursday. The victim was shot on Tuesday.", date(2024, 3, 12)),
    ("es", "Un hombre fue acusado de asesinato el jueves, en relación con el ataque a una panadería "
           "el martes.", date(2024, 3, 12)),
    ("fr", "Un homme a été inculpé pour meurtre jeudi, dans l'enquête sur l'attaque d'une boulangerie "
           "mardi.", date(2024, 3, 12)),
    ("ru", "Мужчина задержан по делу об убийстве в четверг; нападение на пекарню произошло во вторник.",
     date(2024, 3, 12)),
]


@pytest.mark.parametrize(("lang", "text", "day"), PROCEDURE_CASES)
def test_procedure_step_that_names_the_event_does_not_date_it(lang: str, text: str, day: date) -> None:
    assert event_day(text, lang) == day


# a step that opens a new clause keeps the event word for itself: "arrested after he shot"
OPENER_CASES = [
    ("en", "The man was charged after he shot a clerk.", "shot", "The man was charged with murder.", "murder"),
    ("es", "El hombre fue acusado tras el robo de una tienda.", "robo", "El hombre fue acusado de asesinato.",
     "asesinato"),
    ("de", "Der Mann wurde festgenommen und der Überfall aufgeklärt.", "Überfall",
     "Der Mann wurde festgenommen wegen Mordes.", "Mord"),
]


@pytest.mark.parametrize(("lang", "opened", "kept", "closed", "absorbed"), OPENER_CASES)
def test_clause_opener_ends_the_procedure_phrase(lang: str, opened: str, kept: str, closed: str,
                                                 absorbed: str) -> None:
    def event_words(text: str) -> list[str]:
        events, _ = _context(text, [(0, len(text))], lang, PUB).cues(0, len(text))
        return [text[s:e] for s, e in events]

    assert any(kept.lower().startswith(w.lower()) for w in event_words(opened))
    assert not any(absorbed.lower().startswith(w.lower()) for w in event_words(closed))


# months later, a sentencing report dates the attack with its full date
LATE_CASES = [
    ("en", "A man was sentenced Wednesday to 20 years in prison. He shot two people outside a diner on "
           "March 9, 2024.", date(2024, 3, 9)),
    ("sv", "En man dömdes på onsdagen till fängelse. Han sköt två personer utanför en restaurang den "
           "9 mars 2024.", date(2024, 3, 9)),
    ("de", "Ein Mann wurde am Mittwoch zu zehn Jahren verurteilt. Er hatte am 9. März 2024 vor einem "
           "Lokal zwei Menschen angegriffen.", date(2024, 3, 9)),
]


@pytest.mark.parametrize(("lang", "text", "day"), LATE_CASES)
def test_a_late_report_is_dated_by_the_full_date_of_what_it_follows_up(lang: str, text: str, day: date) -> None:
    assert event_day(text, lang, LATE) == day


def test_an_undated_old_day_still_loses_to_the_recent_event() -> None:
    # no year given: a far-back day stays background
    text = "Two people were shot Thursday night. A similar shooting happened on January 4 at the same corner."
    assert event_day(text, "en") == date(2024, 3, 14)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_embedded_post_signature_is_not_the_event(lang: str) -> None:
    body = {
        "en": "Two men were injured in a shooting at the harbour on Wednesday.",
        "es": "Dos hombres resultaron heridos en un ataque en el puerto el miércoles.",
        "fr": "Deux hommes ont été blessés dans une attaque au port mercredi.",
    }[lang]
    signature = {"en": "March 15, 2024", "es": "15 de marzo de 2024", "fr": "15 mars 2024"}[lang]
    text = f"Scene at the harbour pic.twitter.com/abc123 — Jane Roe (@janeroe_news) {signature}\n\n{body}"
    assert event_day(text, lang) == date(2024, 3, 13)


# "the night before, on Thursday, March 14": no day named before it, so it counts from the date after it
FORWARD_CASES = [
    ("en", "A house was hit by gunfire the night before, on Thursday, March 14, 2024, neighbours said.",
     date(2024, 3, 13)),
    ("es", "Una casa fue alcanzada por disparos la noche anterior, el jueves 14 de marzo de 2024.",
     date(2024, 3, 13)),
    ("fr", "Une maison a été touchée par des tirs la veille, le jeudi 14 mars 2024.", date(2024, 3, 13)),
]


@pytest.mark.parametrize(("lang", "text", "day"), FORWARD_CASES)
def test_anchored_day_counts_from_a_date_right_after_it(lang: str, text: str, day: date) -> None:
    exprs = extract_times(text, lang, datetime(2024, 3, 20, 9, 0, tzinfo=UTC))
    anchored = next(t for t in exprs if t.value is not None and t.value.date() == day)
    assert anchored.relative


def test_anchored_day_does_not_reach_into_the_next_sentence() -> None:
    text = "Gunfire hit a house the night before. On Thursday, March 14, 2024, a vigil was held."
    exprs = extract_times(text, "en", datetime(2024, 3, 20, 9, 0, tzinfo=UTC))
    night = next(t for t in exprs if t.text == "the night before")
    assert night.value is not None and night.value.date() == date(2024, 3, 19)


HEADLINES = [
    ("en", "Victim of Thursday night shooting dies", "The family asked for privacy. Police are investigating."),
    ("de", "Opfer der Schüsse vom Donnerstagabend gestorben", "Die Familie bittet um Ruhe. Die Polizei ermittelt."),
    ("es", "Muere la víctima del tiroteo del jueves por la noche", "La familia pidió privacidad. La policía investiga."),
]


@pytest.mark.parametrize(("lang", "title", "body"), HEADLINES)
def test_headline_dates_the_event_when_the_body_names_no_time(lang: str, title: str, body: str) -> None:
    article = Article(id="h", text=body, title=title, lang=lang, published=PUB)
    analysis = Analysis(article_id="h", lang=lang)
    times(article, analysis)
    chosen = analysis.event_time
    assert chosen is not None and chosen.value is not None
    assert chosen.value.date() == date(2024, 3, 14)
    assert (chosen.start, chosen.end) == (0, 0) and chosen.text in title


def test_a_body_time_wins_over_the_headline() -> None:
    article = Article(id="h", text="Two men were shot on Wednesday evening near the harbour.",
                      title="Victim of Friday night shooting dies", lang="en", published=PUB)
    analysis = Analysis(article_id="h", lang="en")
    times(article, analysis)
    assert analysis.event_time is not None and analysis.event_time.value.date() == date(2024, 3, 13)


def test_a_headline_week_does_not_replace_the_publication_day() -> None:
    article = Article(id="h", text="The family asked for privacy.", title="Third shooting this week in the city",
                      lang="en", published=PUB)
    analysis = Analysis(article_id="h", lang="en")
    times(article, analysis)
    assert analysis.event_time is not None and analysis.event_time.text == ""
