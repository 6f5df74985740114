"""Which time dates the event: a victim dying days after the attack (the attack's day dates the incident,
the day of death does not), a page listing videos by length ("2:05 Weekend Weather"), a loose "a week
ago" said with the precise day, and a page carrying another story beside the headline's.
Sentences written for these tests (invented events and people)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from corroborate.analyze.times.component import extract_times, pick_event_time

# Friday 15 March 2024, afternoon
PUB = datetime(2024, 3, 15, 15, 30, tzinfo=UTC)


def event_day(text: str, lang: str) -> date:
    exprs = extract_times(text, lang, PUB)
    chosen = pick_event_time(text, exprs, lang, PUB)
    assert chosen is not None and chosen.value is not None
    return chosen.value.date()


# shot on Saturday 9 March, died on Wednesday 13 March
DIED_LATER = [
    ("en", "A 19-year-old man died at 6:10 p.m. Wednesday, the county coroner said. He was shot "
           "outside a bakery shortly after 11 p.m. Saturday."),
    ("de", "Ein 19-jähriger Mann starb am Mittwoch um 18:10 Uhr im Krankenhaus. Auf ihn war am Samstag "
           "gegen 23 Uhr vor einer Bäckerei geschossen worden, die Schüsse fielen aus einem Auto."),
    ("es", "Un joven de 19 años murió el miércoles a las 18:10 en el hospital. Recibió un disparo el "
           "sábado hacia las 23:00 frente a una panadería."),
    ("fr", "Un homme de 19 ans est décédé mercredi à 18h10 à l'hôpital. Il avait été blessé par un tir "
           "samedi vers 23h devant une boulangerie."),
    ("ru", "19-летний мужчина скончался в среду в 18:10 в больнице. Стрельба у пекарни произошла в "
           "субботу около 23:00."),
]


@pytest.mark.parametrize(("lang", "text"), DIED_LATER)
def test_the_attack_day_dates_the_event_not_the_later_death(lang: str, text: str) -> None:
    assert event_day(text, lang) == date(2024, 3, 9)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A 19-year-old man died Wednesday at a hospital. Police said Saturday that the family "
           "had moved to the town a year ago."),
    ("de", "Ein 19-jähriger Mann starb am Mittwoch im Krankenhaus. Die Familie war am Samstag umgezogen."),
    ("es", "Un joven de 19 años murió el miércoles en el hospital. La familia se mudó el sábado."),
])
def test_a_death_keeps_its_day_when_no_attack_is_dated_before_it(lang: str, text: str) -> None:
    assert event_day(text, lang) == date(2024, 3, 13)


def test_a_killing_the_same_clause_names_is_not_a_later_death() -> None:
    # "shot dead" binds the attack itself: its day stands even with an older assault mentioned
    text = ("A 19-year-old man was shot dead at 6:10 p.m. Wednesday outside a bakery. He had been "
            "attacked in the same street on Saturday.")
    assert event_day(text, "en") == date(2024, 3, 13)


# a page that lists its videos by length: "2:05 Weekend Weather: ..." is no time of the event
PLAYLISTS = [
    ("en", "Two men were wounded outside a bakery, police said.\n\n1:16 Sunday chat: a baker on "
           "bread\n2:05 Weather for the weekend\n0:58 Traffic report"),
    ("de", "Zwei Männer wurden vor einer Bäckerei verletzt, teilte die Polizei mit.\n\n1:16 Sonntag "
           "im Gespräch: ein Bäcker\n2:05 Das Wetter am Wochenende\n0:58 Verkehr"),
    ("sv", "Två män skadades utanför ett bageri, uppger polisen.\n\n1:16 Söndag intervju: en bagare\n"
           "2:05 Vädret i helgen\n0:58 Trafiken"),
]


@pytest.mark.parametrize(("lang", "text"), PLAYLISTS)
def test_a_video_list_entry_does_not_date_the_event(lang: str, text: str) -> None:
    assert event_day(text, lang) == PUB.date()


def test_a_clock_time_opening_a_line_of_prose_still_dates_the_event() -> None:
    text = ("Two men were wounded outside a bakery.\n10:45 p.m. Sunday: police arrived at the scene.\n"
            "11:30 p.m. Sunday: the street was closed.")
    assert event_day(text, "en") == date(2024, 3, 10)


# "died a week ago ... died March 6": the day inside the loose week says the same, precisely
DAY_INSIDE_A_WEEK = [
    ("en", "The town mourns a student who died a week ago.\n\nThe 15-year-old died March 6, the coroner said."),
    ("de", "Die Stadt trauert um einen Schüler, der vor einer Woche starb.\n\nDer 15-Jährige starb am 6. März, "
           "sagte der Gerichtsmediziner."),
    ("es", "El pueblo llora a un estudiante que murió hace una semana.\n\nEl joven de 15 años murió el 6 de "
           "marzo, dijo el forense."),
    ("fr", "La ville pleure un élève mort il y a une semaine.\n\nL'adolescent de 15 ans est mort le 6 mars, "
           "selon le légiste."),
]


@pytest.mark.parametrize(("lang", "text"), DAY_INSIDE_A_WEEK)
def test_a_day_named_inside_the_week_ago_dates_the_event(lang: str, text: str) -> None:
    assert event_day(text, lang) == date(2024, 3, 6)


def test_a_day_far_outside_the_week_does_not_replace_it() -> None:
    text = "The town mourns a student who died a week ago.\n\nHe had moved to the town on January 6, his family said."
    assert event_day(text, "en") != date(2024, 1, 6)


# a page carrying another story: the sentences sharing the headline's words tell the article's own
TOPIC_PAGES = [
    ("en", "Boy, 11, wounded in accidental shooting at farm",
     "Here is the news from the county.\n\nA council worker died in a single vehicle wreck Tuesday morning, "
     "shortly after leaving the depot.\n\nAn 11-year-old boy was accidentally shot by his brother at the "
     "family farm Wednesday afternoon, deputies said."),
    ("de", "Elfjähriger auf Bauernhof durch Schuss verletzt",
     "Hier die Nachrichten aus dem Landkreis.\n\nEin Gemeindearbeiter starb am Dienstag bei einem Unfall.\n\n"
     "Ein Elfjähriger wurde am Mittwoch auf dem Bauernhof der Familie durch einen Schuss verletzt."),
    ("es", "Niño de 11 años herido por un disparo en una granja",
     "Estas son las noticias de la comarca.\n\nUn trabajador municipal murió el martes en un accidente.\n\n"
     "Un niño de 11 años resultó herido por un disparo en la granja familiar el miércoles."),
    ("fr", "Un garçon de 11 ans blessé par un tir dans une ferme",
     "Voici les nouvelles du canton.\n\nUn employé municipal est mort mardi dans un accident.\n\n"
     "Un garçon de 11 ans a été blessé par un tir dans la ferme familiale mercredi."),
]


@pytest.mark.parametrize(("lang", "title", "text"), TOPIC_PAGES)
def test_a_sentence_sharing_the_headline_words_scores_higher(lang: str, title: str, text: str) -> None:
    from corroborate.analyze.times.event import _TOPIC_BONUS, _context, _score, split_sentences

    exprs = extract_times(text, lang, PUB)
    off_topic, own = exprs[0], exprs[-1]
    plain = _context(text, split_sentences(text), lang, PUB)
    titled = _context(text, split_sentences(text), lang, PUB, title)
    assert _score(own, titled) - _score(own, plain) == pytest.approx(_TOPIC_BONUS)
    assert _score(off_topic, titled) == pytest.approx(_score(off_topic, plain))


def test_the_headline_decides_between_two_stories_on_one_page() -> None:
    _, title, text = TOPIC_PAGES[0]
    exprs = extract_times(text, "en", PUB)
    assert pick_event_time(text, exprs, "en", PUB).value.date() == date(2024, 3, 12)
    exprs = extract_times(text, "en", PUB)
    assert pick_event_time(text, exprs, "en", PUB, title=title).value.date() == date(2024, 3, 13)


# "turned himself in Thursday ... shot on Feb. 5": the follow-up step does not date the event
FOLLOW_UP_FIRST = [
    ("en", "The father turned himself in to police Thursday morning.\n\nHe was arraigned later. Neighbours "
           "gathered outside the court.\n\nThe boy was accidentally shot in the shoulder on Feb. 5 by his brother."),
    ("de", "Der Vater stellte sich am Donnerstagmorgen der Polizei.\n\nEr wurde später angeklagt. Nachbarn "
           "versammelten sich vor dem Gericht.\n\nDer Junge war am 5. Februar von seinem Bruder versehentlich "
           "angeschossen und verletzt worden."),
    ("es", "El padre se entregó a la policía el jueves por la mañana.\n\nFue acusado después. Los vecinos se "
           "reunieron ante el juzgado.\n\nEl niño resultó herido de un disparo accidental el 5 de febrero."),
    ("fr", "Le père s'est rendu à la police jeudi matin.\n\nIl a été inculpé ensuite. Des voisins se sont "
           "réunis devant le tribunal.\n\nLe garçon a été blessé par un tir accidentel le 5 février."),
]


@pytest.mark.parametrize(("lang", "text"), FOLLOW_UP_FIRST)
def test_an_event_day_before_the_follow_up_step_dates_the_event(lang: str, text: str) -> None:
    assert event_day(text, lang) == date(2024, 2, 5)


def test_a_follow_up_day_stays_when_nothing_earlier_dates_an_event() -> None:
    text = ("The father turned himself in to police Thursday morning.\n\nHe had moved to the town on "
            "Feb. 5, neighbours said.")
    assert event_day(text, "en") == date(2024, 3, 14)


# a meeting about the event (a town hall, a council session) is a later step, not the event
MEETINGS = [
    ("en", "Residents and officials attended a town hall meeting in the village Tuesday at 7 p.m. to discuss "
           "safety.\n\nA teenager was shot Saturday night outside a party, police said."),
    ("de", "Anwohner kamen am Dienstag um 19 Uhr zu einer Versammlung im Rathaus zusammen.\n\nEin Jugendlicher "
           "wurde am Samstagabend vor einer Feier angeschossen und verletzt."),
    ("es", "Vecinos y autoridades asistieron el martes a las 19:00 a una reunión en el ayuntamiento.\n\nUn "
           "adolescente resultó herido de un disparo el sábado por la noche frente a una fiesta."),
    ("fr", "Des habitants ont assisté mardi à 19h à une réunion à la mairie.\n\nUn adolescent a été blessé par "
           "un tir samedi soir devant une fête."),
]


@pytest.mark.parametrize(("lang", "text"), MEETINGS)
def test_a_meeting_after_the_event_does_not_date_it(lang: str, text: str) -> None:
    assert event_day(text, lang) == date(2024, 3, 9)
