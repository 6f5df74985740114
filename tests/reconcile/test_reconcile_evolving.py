"""Evolving stories in seven languages: rising tolls with update cues, increments, corrections, a
same-moment disagreement that stays a conflict, a party disputing a count; history, updates and brief.

Every text is invented (a bakery explosion in a made-up town, a warehouse fire, a shelling)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import Article, Dossier, Story, from_json, to_json
from corroborate.reconcile import reconcile
from corroborate.reconcile.changes import parse_since, updates_since

T0 = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
LANGS = ("en", "sv", "de", "es", "fr", "ar", "ru")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "first": "Three people were killed when a gas explosion tore through a bakery in Dunmere on Monday, police said.",
        "rise": "The death toll from the bakery explosion in Dunmere rose to seven, police said.",
        "increment": "Two more people died in hospital overnight, police said.",
        "corr_a": "Police said nine people were killed in the warehouse fire.",
        "corr_b": "Police corrected the toll to six dead after counting the bodies again.",
        "same_a": "Firefighters said five people were killed in the blaze.",
        "same_b": "Doctors at the city hospital said eight people were killed in the blaze.",
        "civ": "The health ministry said 12 civilians were killed in the shelling, including five children.",
        "army": "The army said all 12 people killed in the strike were militants.",
        "count": "The health ministry said 12 people were killed in the shelling.",
    },
    "sv": {
        "first": "Tre personer dödades när en gasexplosion slet sönder ett bageri i Dunmere på måndagen, uppger polisen.",
        "rise": "Dödssiffran efter explosionen i Dunmere har stigit till sju döda, uppger polisen.",
        "increment": "Ytterligare två personer dog på sjukhuset under natten, uppger polisen.",
        "corr_a": "Nio personer dödades i lagerbranden, uppger polisen.",
        "corr_b": "Polisen har korrigerat dödssiffran till sex döda.",
        "same_a": "Fem personer dödades i branden, uppger räddningstjänsten.",
        "same_b": "Åtta personer dödades i branden, uppger läkare på sjukhuset.",
        "civ": "Tolv civila dödades i beskjutningen, bland dem fem barn, uppger hälsoministeriet.",
        "army": "Armén uppger att samtliga tolv som dödades var militanter.",
        "count": "Tolv personer dödades i beskjutningen, uppger hälsoministeriet.",
    },
    "de": {
        "first": "Drei Menschen wurden getötet, als eine Gasexplosion am Montag eine Bäckerei in Dunmere zerstörte, teilte die Polizei mit.",
        "rise": "Die Zahl der Toten nach der Explosion in Dunmere stieg auf sieben, teilte die Polizei mit.",
        "increment": "Zwei weitere Menschen starben in der Nacht im Krankenhaus, teilte die Polizei mit.",
        "corr_a": "Neun Menschen wurden bei dem Lagerbrand getötet, teilte die Polizei mit.",
        "corr_b": "Die Polizei korrigierte die Zahl der Toten auf sechs.",
        "same_a": "Fünf Menschen wurden bei dem Brand getötet, sagte die Feuerwehr.",
        "same_b": "Acht Menschen wurden bei dem Brand getötet, sagten Ärzte des Krankenhauses.",
        "civ": "Zwölf Zivilisten wurden bei dem Beschuss getötet, darunter fünf Kinder, teilte das Gesundheitsministerium mit.",
        "army": "Die Armee erklärte, alle zwölf Getöteten seien Kämpfer gewesen.",
        "count": "Zwölf Menschen wurden bei dem Beschuss getötet, teilte das Gesundheitsministerium mit.",
    },
    "es": {
        "first": "Tres personas murieron cuando una explosión de gas destruyó una panadería en Dunmere el lunes, según la policía.",
        "rise": "El número de muertos por la explosión en Dunmere ascendió a siete, según la policía.",
        "increment": "Otras dos personas murieron en el hospital durante la noche, según la policía.",
        "corr_a": "Nueve personas murieron en el incendio del almacén, según la policía.",
        "corr_b": "La policía corrigió la cifra a seis muertos.",
        "same_a": "Cinco personas murieron en el incendio, según los bomberos.",
        "same_b": "Ocho personas murieron en el incendio, según los médicos del hospital.",
        "civ": "Doce civiles murieron en el bombardeo, entre ellos cinco niños, según el ministerio de salud.",
        "army": "El ejército afirmó que los doce muertos eran todos combatientes.",
        "count": "Doce personas murieron en el bombardeo, según el ministerio de salud.",
    },
    "fr": {
        "first": "Trois personnes ont été tuées lundi dans l'explosion d'une boulangerie à Dunmere, selon la police.",
        "rise": "Le bilan de l'explosion de Dunmere s'est alourdi à sept morts, selon la police.",
        "increment": "Deux autres personnes sont mortes à l'hôpital dans la nuit, selon la police.",
        "corr_a": "Neuf personnes ont été tuées dans l'incendie de l'entrepôt, selon la police.",
        "corr_b": "La police a corrigé le bilan à six morts.",
        "same_a": "Cinq personnes ont été tuées dans l'incendie, selon les pompiers.",
        "same_b": "Huit personnes ont été tuées dans l'incendie, selon les médecins de l'hôpital.",
        "civ": "Douze civils ont été tués dans le bombardement, dont cinq enfants, selon le ministère de la santé.",
        "army": "L'armée a affirmé que les douze personnes tuées étaient toutes des combattants.",
        "count": "Douze personnes ont été tuées dans le bombardement, selon le ministère de la santé.",
    },
    "ru": {
        "first": "Три человека погибли в понедельник при взрыве газа в пекарне в Данмире, сообщила полиция.",
        "rise": "Число погибших при взрыве в Данмире возросло до семи, сообщила полиция.",
        "increment": "Ещё два человека скончались ночью в больнице, сообщила полиция.",
        "corr_a": "Девять человек погибли при пожаре на складе, сообщила полиция.",
        "corr_b": "Полиция уточнила число погибших: шесть человек.",
        "same_a": "Пять человек погибли при пожаре, сообщили пожарные.",
        "same_b": "Восемь человек погибли при пожаре, сообщили врачи больницы.",
        "civ": "Двенадцать мирных жителей погибли при обстреле, в том числе пять детей, сообщило министерство здравоохранения.",
        "army": "Армия заявила, что все двенадцать погибших были боевиками.",
        "count": "Двенадцать человек погибли при обстреле, сообщило министерство здравоохранения.",
    },
    "ar": {
        "first": "قتل ثلاثة أشخاص في انفجار غاز في مخبز في دانمير يوم الاثنين، وفقا للشرطة.",
        "rise": "ارتفع عدد القتلى في انفجار دانمير إلى سبعة، وفقا للشرطة.",
        "increment": "توفي 2 آخرون في المستشفى خلال الليل، وفقا للشرطة.",
        "corr_a": "قتل تسعة أشخاص في حريق المستودع، وفقا للشرطة.",
        "corr_b": "صححت الشرطة عدد القتلى إلى ستة.",
        "same_a": "قتل خمسة أشخاص في الحريق، وفقا لرجال الإطفاء.",
        "same_b": "قتل ثمانية أشخاص في الحريق، وفقا لأطباء المستشفى.",
        "civ": "قتل 12 مدنيا في القصف بينهم خمسة أطفال، وفقا لوزارة الصحة.",
        "army": "قال الجيش إن جميع القتلى الـ12 كانوا من المسلحين.",
        "count": "قتل 12 شخصا في القصف، وفقا لوزارة الصحة.",
    },
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(skip=("embed",))


def _story(analyzer: Analyzer, lang: str, reports: list[tuple[str, str, float]]) -> Dossier:
    """reports: (text key, outlet, hours after T0)."""
    items = []
    for n, (key, outlet, hours) in enumerate(reports):
        text = TEXTS[lang][key]
        article = Article(id=f"{lang}-{n}-{key}", text=text, outlet=outlet, lang=lang,
                          published=T0 + timedelta(hours=hours), published_precision="minute")
        items.append((article, analyzer(article)))
    return reconcile(Story(id=f"{lang}-story", article_ids=[a.id for a, _ in items]), items)


def _fact(d: Dossier, slot: str = "killed", group: str | None = None):
    return next(f for f in d.facts if f.slot == slot and f.qualifier.get("group") == group
                and not f.qualifier.get("about"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_rising_toll_is_a_revision_and_an_increment_adds_to_it(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("first", "first.example", 0), ("rise", "second.example", 5),
                                ("increment", "first.example", 23)])
    killed = _fact(d)
    assert killed.status != "conflicting" and not d.has_conflict
    assert killed.revised and killed.consensus.value == 9
    assert [h.value for h in killed.history] == [3, 7, 9]
    assert {c.value for c in killed.claims if not c.current} == {3, 7}
    increment = next(c for c in killed.claims if c.increment is not None)
    assert increment.increment == 2 and increment.value == 9 and increment.current
    assert all(c.value != 2 for c in killed.claims), "an increment is never a toll of its own"
    assert all(c.published is not None for c in killed.claims)
    revised = [c for u in d.updates for c in u.changes if c.kind == "revised"]
    assert [(c.before, c.after) for c in revised] == [(3, 7), (7, 9)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_correction_by_the_same_source_is_a_revision(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("corr_a", "wire.example", 0), ("corr_b", "wire.example", 4)])
    killed = _fact(d)
    assert killed.status != "conflicting"
    assert killed.revised and killed.consensus.value == 6
    assert [c.value for c in killed.claims if not c.current] == [9]
    assert any(c.update == "correction" for c in killed.claims if c.current)


@pytest.mark.parametrize("lang", LANGS)
def test_sources_disagreeing_about_the_same_moment_stay_conflicting(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("same_a", "first.example", 0), ("same_b", "second.example", 0.5)])
    killed = _fact(d)
    assert killed.status == "conflicting" and not killed.revised
    assert all(c.current for c in killed.claims) and {c.value for c in killed.claims} == {5, 8}
    assert d.brief[0].kind == "disputed"
    assert any(c.kind == "conflict" for u in d.updates for c in u.changes)


@pytest.mark.parametrize("lang", LANGS)
def test_a_party_saying_only_fighters_died_disputes_the_civilian_count(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("civ", "first.example", 0), ("army", "second.example", 1)])
    civilians = _fact(d, group="civilians")
    assert civilians.status == "conflicting" and d.has_conflict
    dispute = next(c for c in civilians.claims if c.disputes)
    assert dispute.value == 0 and dispute.attributed_to and dispute.current
    assert {c.value for c in civilians.claims} == {0, 12}


@pytest.mark.parametrize("lang", LANGS)
def test_a_party_saying_only_fighters_died_disputes_a_count_of_people(analyzer: Analyzer, lang: str) -> None:
    """No report counts civilians: the health authority counts people, the army says all were fighters.
    The count the army contests enters the civilians fact beside its 0, with its own attribution."""
    d = _story(analyzer, lang, [("count", "first.example", 0), ("army", "second.example", 1)])
    civilians = _fact(d, group="civilians")
    assert civilians.status == "conflicting" and d.has_conflict
    assert {c.value for c in civilians.claims} == {0, 12}
    contested = next(c for c in civilians.claims if not c.disputes)
    assert contested.attributed_to and contested.article.endswith("count")
    assert _fact(d).consensus.value == 12  # the toll itself is not in question


def test_a_party_counting_its_own_fighters_disputes_nothing(analyzer: Analyzer) -> None:
    d = _story(analyzer, "en", [("army", "second.example", 0)])
    assert not any(f.qualifier.get("group") == "civilians" for f in d.facts)


@pytest.mark.parametrize("lang", LANGS)
def test_a_later_higher_figure_within_the_hour_from_another_source_conflicts(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("first", "first.example", 0), ("same_b", "second.example", 0.5)])
    assert _fact(d).status == "conflicting" and not _fact(d).revised


def _check_grounded(d: Dossier) -> None:
    assert 2 <= len(d.brief) <= 5
    values = {i: {f.consensus.value, *(h.value for h in f.history), *(c.value for c in f.claims)}
              for i, f in enumerate(d.facts)}
    for sentence in d.brief:
        covered = [(lk.start, lk.end) for lk in sentence.links]
        for m in re.finditer(r"\d+", sentence.text):
            assert any(s <= m.start() and m.end() <= e for s, e in covered), (sentence.text, m.group())
        for lk in sentence.links:
            if lk.kind == "figure":
                assert lk.fact in sentence.facts and lk.value in values[lk.fact]
                assert sentence.text[lk.start:lk.end].endswith(str(lk.value))


def test_the_brief_is_built_from_facts_only(analyzer: Analyzer) -> None:
    rising = _story(analyzer, "en", [("first", "a.example", 0), ("rise", "b.example", 5),
                                     ("increment", "a.example", 23)])
    _check_grounded(rising)
    known = rising.brief[0]
    assert known.kind == "known" and known.text.startswith("9 people killed") and "3" in known.text
    assert "police" in known.text and any(lk.kind == "time" for lk in known.links)
    assert any(s.kind == "unknown" for s in rising.brief)  # nobody counts the injured
    disputed = _story(analyzer, "en", [("civ", "c.example", 0), ("army", "d.example", 1)])
    _check_grounded(disputed)
    first = disputed.brief[0]
    assert first.kind == "disputed" and "civilians" in first.text and "army" in first.text.lower()


def test_history_updates_and_brief_round_trip_as_json(analyzer: Analyzer) -> None:
    d = _story(analyzer, "en", [("first", "a.example", 0), ("rise", "b.example", 5)])
    back = from_json(Dossier, to_json(d))
    assert back == d
    data = to_json(d)
    fact = data["facts"][0]
    assert fact["revised"] is True and [h["value"] for h in fact["history"]] == [3, 7]
    assert {"published", "current"} <= set(fact["claims"][0])
    assert data["updates"][0]["changes"] and data["brief"][0]["text"]


def test_updates_since_a_moment(analyzer: Analyzer) -> None:
    d = _story(analyzer, "en", [("first", "a.example", 0), ("rise", "b.example", 5), ("increment", "a.example", 23)])
    later = updates_since(d.updates, parse_since((T0 + timedelta(hours=6)).isoformat()))
    assert [u.article for u in later] == ["en-2-increment"]
    assert len(updates_since(d.updates, parse_since("2031-03-03"))) == 3
    with pytest.raises(ValueError, match="yesterday"):
        parse_since("yesterday")


def test_single_report_facts_are_unchanged(analyzer: Analyzer) -> None:
    d = _story(analyzer, "en", [("civ", "a.example", 0)])
    assert all(c.current for f in d.facts for c in f.claims) and not any(f.revised for f in d.facts)
    assert all(len(f.history) == 1 for f in d.facts)


def test_stored_analyses_keep_update_cues_and_report_times(analyzer: Analyzer) -> None:
    from corroborate.store.codec import analysis_row, row_analysis

    article = Article(id="x", text=TEXTS["en"]["rise"], outlet="b.example", lang="en", published=T0)
    analysis = analyzer(article)
    assert analysis.claims and analysis.claims[0].update == "rise" and analysis.claims[0].reported == T0
    row = analysis_row(analysis)
    back = row_analysis(row["json"], row["embedding"])
    assert back.claims == analysis.claims


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
def test_a_later_revision_beats_an_earlier_figure_told_by_more_outlets(analyzer: Analyzer, lang: str) -> None:
    d = _story(analyzer, lang, [("first", "a.example", 0), ("first", "b.example", 0.2), ("first", "c.example", 0.4),
                                ("rise", "d.example", 6)])
    killed = _fact(d)
    assert killed.consensus.value == 7 and killed.status != "conflicting" and killed.revised


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_later_higher_count_from_an_equal_authority_revises_without_a_cue(analyzer: Analyzer, lang: str) -> None:
    # police: three (morning); police: nine, told by another outlet a day later with no update word
    d = _story(analyzer, lang, [("first", "a.example", 0), ("corr_a", "b.example", 26)])
    killed = _fact(d)
    assert killed.consensus.value == 9 and killed.revised and killed.status != "conflicting"
    # weeks later the same higher count is a restatement of another moment, not an update: both stand
    later = _story(analyzer, lang, [("first", "a.example", 0), ("corr_a", "b.example", 24 * 20)])
    assert _fact(later).status == "conflicting" and not _fact(later).revised
