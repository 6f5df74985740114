"""One story whatever the first report says (issue 11, item 7): a sparse first report typed otherwise than
its updates joins their story; kinds keep events apart only when they truly differ. Invented events,
places and people, analysed by the real pipeline (without embeddings: one language per story)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from corroborate.analyze import Analyzer
from corroborate.cluster import Clusterer
from corroborate.cluster.distinct import DistinctEvents
from corroborate.cluster.scoring import config_data
from corroborate.cluster.signature import Signature
from corroborate.model import Analysis, Article

T0 = datetime(2031, 5, 5, 7, 0, tzinfo=UTC)
RULES = DistinctEvents.from_config(config_data())

# (story, article id, language, hours after the first report, title, text); the first of each story is sparse
REPORTS = [
# EN: factory explosion, first sparse report
("en_factory", "en1", "en", 0, "Huge blast at Dunmarrow chemicals site, casualties feared",
 "A huge explosion ripped through a chemicals site in Dunmarrow on Monday morning. Casualties are feared, local police said. Smoke could be seen across the town."),
("en_factory", "en2", "en", 5, "Dunmarrow plant fire: three dead, police say",
 "Three workers died after a blast and fire at the Halbrook chemical plant in Dunmarrow on Monday, police said. Firefighters fought the blaze for four hours. Plant manager Ewan Corrish said the accident happened in a storage hall."),
("en_factory", "en3", "en", 20, "Death toll in Dunmarrow chemical plant accident rises to seven",
 "The death toll from Monday's accident at the Halbrook chemical plant in Dunmarrow rose to seven on Tuesday, after four injured workers died in hospital, police said. Manager Ewan Corrish said an investigation into the cause of the fire was under way."),
("en_factory", "en4", "en", 30, "Dunmarrow: families of seven plant workers demand answers",
 "Families of the seven workers who died in the fire at the Halbrook chemical plant in Dunmarrow demanded answers on Tuesday. Ewan Corrish, the plant manager, said safety checks had been passed in May."),
# EN distractor: fire and shooting in one town on one day
("en_fire2", "ef1", "en", 2, "Fire destroys warehouse in Pellston",
 "A fire destroyed a furniture warehouse in Pellston on Wednesday. Two firefighters were injured fighting the blaze, the fire brigade said."),
("en_fire2", "ef2", "en", 6, "Pellston warehouse blaze: two firefighters hurt",
 "Two firefighters were hurt as flames tore through a furniture warehouse in Pellston on Wednesday, the fire brigade said. The cause of the fire is not known."),
("en_shoot", "es1", "en", 3, "Two shot dead outside bar in Pellston",
 "Two men were shot dead outside a bar in Pellston on Wednesday night, police said. A gunman opened fire from a car and fled."),
("en_shoot", "es2", "en", 9, "Pellston bar shooting: police hunt gunman",
 "Police in Pellston were hunting a gunman who shot two men dead outside a bar on Wednesday night. Witnesses heard six shots."),
# EN: a first report that names no kind at all
("en_ferry", "fe1", "en", 1, "Emergency services rush to Tallowmere harbour",
 "Emergency services rushed to Tallowmere harbour on Monday morning after reports that people were in the water, coastguard officials said."),
("en_ferry", "fe2", "en", 4, "Ferry capsizes off Tallowmere: two dead, nine missing",
 "Two people died and nine are missing after a passenger ferry capsized off Tallowmere harbour on Monday, the coastguard said. Harbour master Idris Penhallow said the accident happened in calm weather."),
("en_ferry", "fe3", "en", 24, "Tallowmere ferry accident: death toll rises to five",
 "The death toll from Monday's ferry accident off Tallowmere rose to five on Tuesday, the coastguard said. Harbour master Idris Penhallow said divers had found three more bodies."),
# ES: bus accident, first report typed by 'killed'?
("es_bus", "sp1", "es", 0, "Al menos dos muertos en Villaserra",
 "Al menos dos personas murieron este martes en Villaserra, según los primeros informes. Los servicios de emergencia se dirigen al lugar."),
("es_bus", "sp2", "es", 4, "Accidente de autobús en Villaserra deja cinco muertos",
 "Cinco personas murieron y doce resultaron heridas cuando un autobús se salió de la carretera cerca de Villaserra este martes, informó la Guardia Civil. El conductor, Ramiro Estévez, fue trasladado al hospital."),
("es_bus", "sp3", "es", 22, "Sube a ocho la cifra de muertos del accidente de autobús de Villaserra",
 "La cifra de muertos del accidente de autobús de Villaserra subió a ocho este miércoles, informó la Guardia Civil. El conductor, Ramiro Estévez, sigue hospitalizado."),
# FR: gas explosion in a building
("fr_gas", "fr1", "fr", 0, "Forte explosion dans un immeuble à Saint-Aubrac",
 "Une forte explosion a secoué un immeuble de Saint-Aubrac ce jeudi matin. Des victimes sont à craindre, selon les pompiers."),
("fr_gas", "fr2", "fr", 6, "Explosion de gaz à Saint-Aubrac : quatre morts",
 "Quatre personnes ont trouvé la mort dans l'explosion accidentelle d'une conduite de gaz dans un immeuble de Saint-Aubrac jeudi, ont annoncé les pompiers. Le maire, Gilles Marechaut, a parlé d'un drame."),
("fr_gas", "fr3", "fr", 26, "Saint-Aubrac : le bilan de l'explosion de gaz s'alourdit à six morts",
 "Le bilan de l'explosion de gaz survenue jeudi dans un immeuble de Saint-Aubrac s'est alourdi à six morts vendredi, selon la préfecture. Le maire Gilles Marechaut a décrété une journée de deuil."),
# DE: landslide
("de_slide", "de1", "de", 0, "Unglück in Hohenbrunnwald: mehrere Vermisste",
 "Im Bergdorf Hohenbrunnwald werden nach einem Unglück am Samstagmorgen mehrere Menschen vermisst, teilte die Polizei mit."),
("de_slide", "de2", "de", 5, "Erdrutsch in Hohenbrunnwald: zwei Tote, vier Vermisste",
 "Ein Erdrutsch hat im Bergdorf Hohenbrunnwald am Samstag zwei Häuser verschüttet. Zwei Menschen kamen ums Leben, vier werden vermisst, sagte Bürgermeisterin Helga Strohmaier."),
("de_slide", "de3", "de", 24, "Zahl der Toten nach Erdrutsch in Hohenbrunnwald steigt auf fünf",
 "Nach dem Erdrutsch in Hohenbrunnwald ist die Zahl der Toten auf fünf gestiegen, teilte die Polizei am Sonntag mit. Bürgermeisterin Helga Strohmaier sprach von einer Tragödie."),
# SV: train accident
("sv_train", "sv1", "sv", 0, "Explosion vid station i Norrbyholm",
 "En kraftig smäll hördes vid stationen i Norrbyholm på fredagskvällen. Flera personer befaras vara skadade, uppger polisen."),
("sv_train", "sv2", "sv", 3, "Tågolycka i Norrbyholm: tre döda",
 "Tre personer omkom när ett godståg med gas spårade ur och exploderade vid stationen i Norrbyholm på fredagskvällen, uppger polisen. Räddningsledaren Annika Sjöberg säger att olyckan var mycket allvarlig."),
("sv_train", "sv3", "sv", 20, "Dödssiffran efter tågolyckan i Norrbyholm stiger till fem",
 "Antalet döda efter tågolyckan i Norrbyholm har stigit till fem, uppger polisen på lördagen. Räddningsledaren Annika Sjöberg säger att arbetet fortsätter."),
# RU: mine accident
("ru_mine", "ru1", "ru", 0, "Взрыв на шахте в Краснобельске",
 "На шахте в Краснобельске в среду утром произошёл взрыв. Есть погибшие, сообщили спасатели."),
("ru_mine", "ru2", "ru", 6, "Авария на шахте в Краснобельске: погибли четыре горняка",
 "Четыре горняка погибли в результате аварии на шахте в Краснобельске в среду, сообщили в МЧС. Директор шахты Олег Зарубин заявил, что причиной стал выброс метана."),
("ru_mine", "ru3", "ru", 24, "Число погибших при аварии на шахте в Краснобельске выросло до шести",
 "Число погибших в результате аварии на шахте в Краснобельске выросло до шести, сообщили в МЧС в четверг. Директор шахты Олег Зарубин задержан."),
# AR: building collapse
("ar_collapse", "ar1", "ar", 0, "انفجار في مبنى سكني في مدينة الزهيرة",
 "وقع انفجار صباح الأحد في مبنى سكني في مدينة الزهيرة، ويخشى وقوع ضحايا، بحسب الدفاع المدني."),
("ar_collapse", "ar2", "ar", 5, "مقتل ثلاثة أشخاص في انهيار مبنى في الزهيرة",
 "قتل ثلاثة أشخاص في انهيار مبنى سكني في مدينة الزهيرة يوم الأحد إثر انفجار أسطوانة غاز، بحسب الدفاع المدني. وقال المحافظ سليم العباري إن الحادث عرضي."),
("ar_collapse", "ar3", "ar", 22, "ارتفاع حصيلة ضحايا انهيار مبنى الزهيرة إلى خمسة قتلى",
 "ارتفعت حصيلة ضحايا انهيار المبنى السكني في مدينة الزهيرة إلى خمسة قتلى يوم الاثنين، بحسب الدفاع المدني. وقال المحافظ سليم العباري إن التحقيق جار."),
]


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple[Article, Analysis]]:
    analyzer = Analyzer(skip=("embed", "framing"))
    out = {}
    for _story, aid, lang, hours, title, text in REPORTS:
        art = Article(id=aid, text=text, title=title, lang=lang, published=T0 + timedelta(hours=hours),
                      outlet=f"outlet-{aid}")
        out[aid] = (art, analyzer(art))
    return out


def _groups(items: list[tuple[Article, Analysis]]) -> set[frozenset[str]]:
    cl = Clusterer()
    for art, an in items:
        cl.add(art, an)
    return {frozenset(s.article_ids) for s in cl.stories()}


def _story(name: str) -> list[str]:
    return [aid for story, aid, *_ in REPORTS if story == name]


# The Arabic reports name an invented town after "مدينة" (city): the town after a place head is the place
EVOLVING = ["en_factory", "en_ferry", "es_bus", "fr_gas", "de_slide", "sv_train", "ru_mine", "ar_collapse"]


def _stream(analysed: dict, last: str | None = None) -> set[frozenset[str]]:
    """All reports in time order (the other stories are the stream around each one); `last` comes last."""
    order = [r[1] for r in sorted(REPORTS, key=lambda r: r[3]) if r[1] != last] + ([last] if last else [])
    return _groups([analysed[i] for i in order])


@pytest.mark.parametrize("name", EVOLVING)
def test_sparse_first_report_joins_the_story_its_updates_form(name: str, analysed: dict) -> None:
    ids = frozenset(_story(name))
    assert ids in _stream(analysed)


@pytest.mark.parametrize("name", EVOLVING)
def test_the_sparse_report_joins_when_it_arrives_last(name: str, analysed: dict) -> None:
    ids = _story(name)
    assert frozenset(ids) in _stream(analysed, last=ids[0])


def test_first_report_typed_otherwise_than_its_updates(analysed: dict) -> None:
    """The fixtures do test what they claim: the first reports' types differ from their updates'."""
    assert analysed["en1"][1].event_type == "bombing" and analysed["en2"][1].event_type == "disaster"
    assert analysed["sp1"][1].event_type == "attack" and analysed["sp2"][1].event_type_scores.get("accident")
    assert analysed["de1"][1].event_type == "accident" and analysed["de2"][1].event_type == "disaster"
    assert analysed["fe1"][1].event_type == "other" and analysed["fe2"][1].event_type == "accident"


def test_all_stories_together_in_time_order(analysed: dict) -> None:
    assert _stream(analysed) == {frozenset(_story(name)) for name in {r[0] for r in REPORTS}}


def test_a_fire_and_a_shooting_in_one_town_on_one_day_stay_apart(analysed: dict) -> None:
    fire, shooting = frozenset(_story("en_fire2")), frozenset(_story("en_shoot"))
    assert {fire, shooting} <= _stream(analysed)
    assert {fire, shooting} <= _stream(analysed, last="ef1")  # the fire's first report after the shooting's
    assert {fire, shooting} <= _stream(analysed, last="es1")


def _sig(aid: str, scores: dict[str, float], day: float = 0.0) -> Signature:
    top = max(scores, key=lambda k: scores[k]) if scores else None
    return Signature(id=aid, event=20000.0 + day, event_tol=0.5, event_type=top, event_types=scores)


def test_the_story_kind_is_decided_by_its_articles_together() -> None:
    first = _sig("first", {"attack": 2.0})  # "two killed in ..."
    updates = [_sig("u1", {"disaster": 4.0, "attack": 1.0}), _sig("u2", {"disaster": 3.0})]
    assert RULES.story_evidence([first, *updates]) == {"attack": 3.0, "disaster": 7.0}
    # a firmly typed shooting is kept from the story the updates made a fire, whoever came first
    shooting = _sig("shot", {"shooting": 5.0, "attack": 1.0})
    assert RULES.separates(shooting, [first, *updates])
    assert not RULES.separates(shooting, [first])  # one sparse report decides nothing


def test_sparse_evidence_never_separates() -> None:
    assert not RULES.separates(_sig("a", {"attack": 2.0}), [_sig("b", {"disaster": 6.0})])
    assert not RULES.separates(_sig("a", {"disaster": 6.0}), [_sig("b", {"attack": 2.0})])
    assert RULES.separates(_sig("a", {"attack": 3.0}), [_sig("b", {"disaster": 6.0})])


def test_kinds_that_can_be_one_event_are_compatible() -> None:
    # an explosion can be an accident and start a fire; an accident's first report can say "killed"
    assert not RULES.separates(_sig("a", {"bombing": 3.0}), [_sig("b", {"disaster": 4.0})])
    assert not RULES.separates(_sig("a", {"accident": 3.0}), [_sig("b", {"disaster": 4.0})])
    assert not RULES.separates(_sig("a", {"attack": 4.0}), [_sig("b", {"accident": 4.0})])
    assert RULES.separates(_sig("a", {"shooting": 4.0}), [_sig("b", {"disaster": 4.0})])


def test_mixed_evidence_separates_only_when_mostly_incompatible() -> None:
    fire = _sig("fire", {"disaster": 4.0, "attack": 2.0})  # "two killed in warehouse fire"
    shooting = [_sig("s1", {"shooting": 5.0, "attack": 2.0}), _sig("s2", {"shooting": 6.0})]
    assert RULES.compatible_share(RULES.evidence(fire), RULES.story_evidence(shooting)) < RULES.min_compatible
    assert RULES.separates(fire, shooting)
    assert RULES.separates_stories([fire], shooting)


def test_evidence_survives_the_persisted_state() -> None:
    sig = _sig("a", {"bombing": 3.0, "accident": 1.0})
    back = Signature.from_json(sig.to_json())
    assert back.event_types == {"bombing": 3.0, "accident": 1.0}
    old = sig.to_json()
    del old["ets"]  # a state written before the scores were kept: the label counts as firm evidence
    assert Signature.from_json(old).type_evidence() == {"bombing": 4.0}
