"""Reconciliation: claims -> facts with status, consensus and range; event info; entity merging."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.analyze.claims.extract import claims, extract_claims
from corroborate.model import Analysis, Article, Claim, Mention, Place, Story, TimeExpr
from corroborate.reconcile import reconcile
from corroborate.reconcile.facts import build_facts
from corroborate.reconcile.intervals import claim_interval


def _item(aid: str, outlet: str, claims: list[Claim], lang: str = "en", **extra) -> tuple[Article, Analysis]:
    article = Article(id=aid, text="x", title=f"title {aid}", outlet=outlet, lang=lang,
                      published=datetime(2024, 5, 2, 9, tzinfo=UTC))
    return article, Analysis(article_id=aid, lang=lang, claims=claims, **extra)


def _claim(slot: str, value: int, who: str | None, group: str | None = None, approx: str = "exact", **kw) -> Claim:
    kw.setdefault("start", 0)
    return Claim(slot=slot, value=value, quote=f"{value} {slot}", end=kw["start"] + 1, group=group,
                 approx=approx, attributed_to=who, **kw)


def _fact(facts, slot, group=None, about=None):
    return next(f for f in facts if f.slot == slot and f.qualifier.get("group") == group and f.qualifier.get("about") == about)


def test_intervals() -> None:
    assert claim_interval(_claim("killed", 12, None, approx="at_least"))[0] == 12
    assert claim_interval(_claim("killed", 12, None, approx="at_least"))[1] == float("inf")
    assert claim_interval(_claim("killed", 20, None, approx="at_most")) == (0.0, 20.0)
    assert claim_interval(_claim("killed", 10, None, approx="range", value_max=15)) == (10.0, 15.0)


def test_agreeing_independent_sources_corroborate_with_lower_bounds_beside() -> None:
    items = [
        _item("a", "one.example", [_claim("killed", 14, "the rescue service"), _claim("killed", 12, "a local reporter", approx="at_least")]),
        _item("b", "two.example", [_claim("killed", 14, "a monitoring group")]),
        _item("c", "three.example", [_claim("killed", 12, None, approx="at_least")]),
    ]
    fact = _fact(build_facts(items), "killed")
    assert fact.status == "corroborated"
    assert fact.consensus.value == 14
    # the lower bounds are compatible with 14: listed beside it, not evidence of a lower toll
    assert (fact.consensus.min, fact.consensus.max) == (14, 14)
    assert len(fact.claims) == 4 and fact.claims[0].value == 14


def test_incompatible_values_conflict_and_consensus_is_best_supported_lowest() -> None:
    items = [
        _item("a", "one.example", [_claim("killed", 5, "the rescue service", group="children")]),
        _item("b", "two.example", [_claim("killed", 5, "the rescue service", group="children"),
                                   _claim("killed", 3, "a monitoring group", group="children")]),
        _item("c", "three.example", [_claim("killed", 6, "villagers", group="children")]),
    ]
    fact = _fact(build_facts(items), "killed", "children")
    assert fact.status == "conflicting"
    assert fact.consensus.value == 5
    assert (fact.consensus.min, fact.consensus.max) == (3, 6)


def test_single_source_and_separate_qualifiers() -> None:
    items = [_item("a", "one.example", [_claim("killed", 0, "a ministry spokesman", about="US"),
                                         _claim("injured", 7, None)])]
    facts = build_facts(items)
    assert _fact(facts, "killed", about="US").status == "single-source"
    assert _fact(facts, "killed", about="US").consensus.value == 0
    assert _fact(facts, "injured").qualifier == {}
    assert [f.slot for f in facts] == ["killed", "injured"]


def test_same_source_in_two_outlets_is_not_independent_but_two_outlets_without_attribution_are() -> None:
    same = [_item("a", "one.example", [_claim("injured", 9, "the city hospital")]),
            _item("b", "two.example", [_claim("injured", 9, "The city hospital")])]
    assert _fact(build_facts(same), "injured").status == "single-source"
    unattributed = [_item("a", "one.example", [_claim("injured", 9, None)]),
                    _item("b", "two.example", [_claim("injured", 9, None)])]
    assert _fact(build_facts(unattributed), "injured").status == "corroborated"


def test_dossier_event_entities_and_languages() -> None:
    when = datetime(2024, 5, 1, 22, tzinfo=UTC)
    place = Place(name="Mosul", text="Mosul", start=0, end=5, key="mosul", country="IQ", lat=36.3, lon=43.1, precision="town")
    m1 = Mention("Karim al-Dabbagh", "person", "karim dabag", 0, 5)
    m2 = Mention("el-Dabbagh", "person", "dabag", 0, 5)
    items = [
        _item("a", "one.example", [], times=[TimeExpr("last night", 0, 5, when, precision="part_of_day", is_event_time=True)],
              places=[place], mentions=[m1], event_type="raid", event_type_scores={"raid": 3.0}),
        _item("b", "two.example", [], lang="sv", times=[TimeExpr("i går", 0, 5, when, precision="day", is_event_time=True)],
              places=[place], mentions=[m2], event_type_scores={"raid": 1.0, "clashes": 1.0}),
    ]
    dossier = reconcile(Story(id="s1", article_ids=["a", "b"]), items)
    assert dossier.event.type == "raid"
    assert dossier.event.when.start == when and dossier.event.when.precision == "part_of_day"
    assert dossier.event.where[0].name == "Mosul" and dossier.event.where[0].articles == 2
    assert set(dossier.languages) == {"en", "sv"}
    assert dossier.title == "title a"
    people = [e for e in dossier.entities if e.kind == "person"]
    assert len(people) == 1, people
    assert set(people[0].variants) == {"Karim al-Dabbagh", "el-Dabbagh"}
    assert not dossier.has_conflict


def test_lossy_keys_do_not_merge_different_people_but_scripts_do() -> None:
    from corroborate.text.names import name_key

    def person(text: str) -> Mention:
        return Mention(text, "person", name_key(text), 0, len(text))

    items = [
        _item("a", "one.example", [], mentions=[person("Tom Brown"), person("Yusuf al-Rashidi")]),
        _item("b", "two.example", [], mentions=[person("Tom Brian"), person("يوسف الرشيدي")]),
    ]
    dossier = reconcile(Story(id="s", article_ids=["a", "b"]), items)
    names = {e.name: e for e in dossier.entities}
    assert "Tom Brown" in names and "Tom Brian" in names
    rashidi = [e for e in dossier.entities if "Yusuf al-Rashidi" in e.variants]
    assert rashidi and "يوسف الرشيدي" in rashidi[0].variants and rashidi[0].articles == ["a", "b"]


def test_range_spans_firm_claims_and_open_bounds_beyond_them() -> None:
    items = [
        _item("a", "one.example", [_claim("killed", 9, "the hospital"), _claim("killed", 2, None, approx="at_least")]),
        _item("b", "two.example", [_claim("killed", 11, "the ministry"), _claim("killed", 30, "a militia", approx="at_least")]),
    ]
    fact = _fact(build_facts(items), "killed")
    assert (fact.consensus.min, fact.consensus.max) == (9, 30)
    assert fact.status == "conflicting"


def test_open_bound_supports_firm_figures_not_another_open_bound() -> None:
    # "at least 18" (twice) beside "hundreds" (at least 100): hundreds is not the best-supported toll
    items = [_item("a", "one.example", [
        _claim("killed", 18, None, group="civilians", approx="at_least", start=10),
        _claim("killed", 18, "a monitoring group", group="civilians", approx="at_least", start=40),
        _claim("killed", 100, "activists", group="civilians", approx="at_least", start=90),
        _claim("killed", 4, "the rescue service", group="civilians", approx="at_least", start=120),
    ])]
    fact = _fact(build_facts(items), "killed", "civilians")
    assert fact.consensus.value == 18
    # while a firm figure above an open bound still draws its support
    items = [
        _item("a", "one.example", [_claim("killed", 2, None, approx="at_least")]),
        _item("b", "two.example", [_claim("killed", 2, None, approx="at_least")]),
        _item("c", "three.example", [_claim("killed", 3, None)]),
    ]
    assert _fact(build_facts(items), "killed").consensus.value == 3


@pytest.mark.parametrize("lang,title", [
    ("en", "Rocket fire kills 14 in Norbury"),
    ("de", "Raketenbeschuss tötet 14 Menschen in Norbury"),
    ("es", "14 muertos en un ataque con cohetes en Norbury"),
])
def test_headline_figure_decides_between_single_claims_of_one_article(lang: str, title: str) -> None:
    article, analysis = _item("a", "one.example", [
        _claim("killed", 13, "the news agency", start=50),
        _claim("killed", 14, "state media", approx="at_least", start=0),
    ], lang=lang)
    article.title = title
    analysis.title_claims = extract_claims(title, lang)
    fact = _fact(build_facts([(article, analysis)]), "killed")
    assert fact.consensus.value == 14
    assert (fact.consensus.min, fact.consensus.max) == (13, 14)


@pytest.mark.parametrize("lang,title", [
    ("en", "Two dead in chlorine attack on Norbury"),
    ("fr", "Deux morts dans une attaque au chlore à Norbury"),
    ("ru", "Два человека погибли при атаке на Норбери"),
])
def test_headline_count_the_text_does_not_repeat_becomes_a_claim(lang: str, title: str) -> None:
    article, analysis = _item("a", "one.example", [_claim("injured", 20, None)], lang=lang)
    article.title = title
    claims(article, analysis)  # the analyze component reads the headline too
    analysis.claims = [_claim("injured", 20, None)]
    fact = _fact(build_facts([(article, analysis)]), "killed")
    assert fact.consensus.value == 2
    assert fact.claims[0].quote == title and fact.claims[0].start is None
