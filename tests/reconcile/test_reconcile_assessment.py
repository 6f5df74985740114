"""A report's own assessment bounds the range of the counts it cites; strict bounds; civilians and
people counted as one toll when a story counts no combatants."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.analyze.claims.extract import extract_claims
from corroborate.model import Analysis, Article, Claim
from corroborate.reconcile.facts import build_facts


def _item(aid: str, claims: list[Claim], lang: str = "en") -> tuple[Article, Analysis]:
    article = Article(id=aid, text="x", title=None, outlet=f"{aid}.example", lang=lang,
                      published=datetime(2024, 5, 2, 9, tzinfo=UTC))
    return article, Analysis(article_id=aid, lang=lang, claims=claims)


def _killed(text: str, lang: str) -> tuple[int | None, int | None]:
    facts = build_facts([_item("a", extract_claims(text, lang), lang)])
    fact = next(f for f in facts if f.slot == "killed" and not f.qualifier)
    return fact.consensus.min, fact.consensus.max


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Eight members of the Orvell family were killed in the strike. A neighbour said five people were killed."),
    ("fr", "Huit membres de la famille Orvell ont été tués dans la frappe. Un voisin a dit que cinq personnes "
           "avaient été tuées."),
    ("sv", "Åtta medlemmar av familjen Orvell dödades i attacken. En granne sa att fem personer dödades."),
])
def test_a_report_own_figure_leaves_out_a_lower_count_it_cites(lang: str, text: str) -> None:
    assert _killed(text, lang) == (8, 8)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least nine people were killed when a shell hit the Orvell family home on Monday. A local radio "
           "station reported that six people had died. A neighbour said eleven people were killed."),
    ("sv", "Minst nio personer dödades när en granat träffade familjen Orvells hus på måndagen. En lokal "
           "radiostation rapporterade att sex personer hade dödats. En granne sa att elva personer dödades."),
    ("de", "Mindestens neun Menschen wurden getötet, als eine Granate das Haus der Familie Orvell traf. Ein "
           "lokaler Radiosender meldete, dass sechs Menschen getötet worden seien. Ein Nachbar sagte, elf "
           "Menschen seien getötet worden."),
])
def test_own_lower_bound_is_the_minimum_and_higher_citations_the_maximum(lang: str, text: str) -> None:
    assert _killed(text, lang) == (9, 11)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Up to 20 people were killed in the strike on the market. A monitoring group said 8 people were "
           "killed. A local website said 25 people died."),
    ("fr", "Jusqu'à 20 personnes ont été tuées dans la frappe. Un observatoire a indiqué que huit personnes "
           "avaient été tuées."),
    ("sv", "Upp till 20 personer dödades i attacken. En granne sa att åtta personer dödades."),
])
def test_own_upper_bound_is_the_maximum(lang: str, text: str) -> None:
    assert _killed(text, lang) == (8, 20)


def test_an_upper_bound_alone_is_both_ends() -> None:
    assert _killed("Up to 20 people were killed in the strike on the market.", "en") == (20, 20)


def test_a_report_judges_only_its_own_citations_not_other_reports() -> None:
    own = Claim(slot="killed", value=12, quote="12 killed", start=0, end=1)
    cited = Claim(slot="killed", value=7, quote="7 killed", start=40, end=41, attributed_to="a relative")
    other = Claim(slot="killed", value=9, quote="9 killed", start=0, end=1)
    fact = next(f for f in build_facts([_item("a", [own, cited]), _item("b", [other])]) if f.slot == "killed")
    assert (fact.consensus.min, fact.consensus.max) == (9, 12)
    assert len(fact.claims) == 3  # the left-out citation is still listed


def test_an_own_lower_bound_does_not_widen_against_another_report_it_allows() -> None:
    lead = Claim(slot="killed", value=12, quote="at least 12", start=0, end=1, approx="at_least")
    firm = Claim(slot="killed", value=14, quote="14 killed", start=0, end=1, attributed_to="the rescue service")
    fact = next(f for f in build_facts([_item("a", [lead]), _item("b", [firm])]) if f.slot == "killed")
    assert (fact.consensus.min, fact.consensus.max) == (14, 14)


@pytest.mark.parametrize(("lang", "strict", "plain"), [
    ("en", "More than 30 people were killed in the attack, according to the rescue service.",
           "At least 30 people were killed in the attack, according to the rescue service."),
    ("sv", "Mer än 30 personer dödades i attacken, enligt räddningstjänsten.",
           "Minst 30 personer dödades i attacken, enligt räddningstjänsten."),
    ("de", "Mehr als 30 Menschen wurden bei dem Angriff getötet, teilte der Rettungsdienst mit.",
           "Mindestens 30 Menschen wurden bei dem Angriff getötet, teilte der Rettungsdienst mit."),
    ("ar", "قتل أكثر من 30 شخصا في الهجوم، بحسب الدفاع المدني.", None),
])
def test_more_than_n_allows_n_plus_one_at_the_top_of_the_range(lang: str, strict: str, plain: str | None) -> None:
    first = Claim(slot="killed", value=20, quote="20 killed", start=0, end=1, attributed_to="the ministry")

    def top(text: str) -> tuple[int | None, int | None, int | None]:
        fact = next(f for f in build_facts([_item("a", [first]), _item("b", extract_claims(text, lang), lang)])
                    if f.slot == "killed" and not f.qualifier)
        return fact.consensus.min, fact.consensus.max, max(c.value for c in fact.claims)

    assert top(strict) == (20, 31, 30)  # the claim keeps the figure stated; the range its least toll
    if plain:
        assert top(plain)[:2] == (20, 30)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least 15 people were killed in the strike on the market. A monitoring group said 16 civilians "
           "were killed."),
    ("fr", "Au moins 15 personnes ont été tuées dans la frappe sur le marché. Un observatoire a indiqué que 16 "
           "civils avaient été tués."),
    ("sv", "Minst 15 personer dödades i attacken mot torget. En övervakningsgrupp sa att 16 civila dödades."),
])
def test_people_and_civilians_are_one_toll_when_no_combatants_are_counted(lang: str, text: str) -> None:
    facts = build_facts([_item("a", extract_claims(text, lang), lang)])
    killed = [f for f in facts if f.slot == "killed"]
    assert [f.qualifier for f in killed] == [{}]
    assert (killed[0].consensus.min, killed[0].consensus.max) == (15, 16)
    assert len(killed[0].claims) == 2  # the civilian count read as a total too is listed once


def test_civilians_stay_apart_when_the_story_counts_combatants() -> None:
    people = Claim(slot="killed", value=15, quote="15 killed", start=0, end=1)
    civilians = Claim(slot="killed", value=9, quote="9 civilians", start=20, end=21, group="civilians")
    soldiers = Claim(slot="killed", value=6, quote="6 soldiers", start=40, end=41, group="soldiers")
    facts = build_facts([_item("a", [people, civilians, soldiers])])
    groups = sorted(f.qualifier.get("group") or "" for f in facts if f.slot == "killed")
    assert groups == ["", "civilians", "soldiers"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "22 members of the Orvell family were killed, including seven children."),
    ("sv", "Tjugotvå medlemmar av familjen Orvell dödades, bland dem sju barn."),
    ("de", "22 Mitglieder der Familie Orvell wurden getötet, darunter sieben Kinder."),
    ("es", "22 miembros de la familia Orvell murieron, entre ellos siete niños."),
    ("fr", "22 membres de la famille Orvell ont été tués, dont sept enfants."),
])
def test_a_lead_count_with_its_breakdown_after_the_verb_is_the_total(lang: str, text: str) -> None:
    facts = build_facts([_item("a", extract_claims(text, lang), lang)])
    totals = {(f.qualifier.get("group"), f.consensus.min, f.consensus.max) for f in facts if f.slot == "killed"}
    assert totals == {(None, 22, 22), ("children", 7, 7)}  # the breakdown is no total of its own


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least 11 identified civilians, including two women, were killed in the strike."),
    ("sv", "Minst elva identifierade civila dödades i attacken."),
    ("de", "Mindestens elf identifizierte Zivilisten wurden bei dem Angriff getötet."),
])
def test_identified_victims_are_counted(lang: str, text: str) -> None:
    assert _killed(text, lang) == (11, 11)


@pytest.mark.parametrize(("lang", "text"), [
    ("sv", "Minst 21 personer dödades i attacken. Andra källor uppgav mellan 20 och 26 döda."),
    ("de", "Mindestens 21 Menschen wurden getötet. Andere Quellen meldeten zwischen 20 und 26 Tote."),
    ("fr", "Au moins 21 personnes ont été tuées. D'autres sources ont fait état de 20 à 26 morts."),
])
def test_a_cited_range_counts_only_within_the_report_own_bound(lang: str, text: str) -> None:
    assert _killed(text, lang) == (21, 26)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least 8 civilians, among them a foreign woman and six identified men, were killed. A local "
           "agency said 13 civilians were killed."),
    ("sv", "Minst 8 civila, bland dem sex män, dödades. En lokal byrå sa att 13 civila dödades."),
    ("de", "Mindestens 8 Zivilisten, darunter sechs Männer, wurden getötet. Eine lokale Agentur sagte, 13 "
           "Zivilisten seien getötet worden."),
])
def test_the_lead_of_a_sentence_with_a_breakdown_is_its_total(lang: str, text: str) -> None:
    assert _killed(text, lang) == (8, 13)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "An airstrike reportedly killed as many as 20 people. Other sources said 17 people were killed."),
    ("sv", "Så många som 20 personer dödades i attacken. Andra källor uppgav att 17 personer dödades."),
    ("de", "Bis zu 20 Menschen wurden bei dem Angriff getötet. Andere Quellen sagten, 17 Menschen seien "
           "getötet worden."),
])
def test_as_many_as_is_an_upper_bound(lang: str, text: str) -> None:
    assert _killed(text, lang) == (17, 20)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "An airstrike killed at least 11 and up to 15 members of the family."),
    ("en", "An airstrike killed at least 11 and up to 15 members of the family, including four women, and "
           "wounded a number of civilians."),
    ("sv", "Attacken dödade minst 11 och upp till 15 personer, bland dem fyra kvinnor, och skadade flera."),
    ("sv", "Minst 11 och upp till 15 personer dödades i attacken."),
    ("de", "Mindestens 11 und bis zu 15 Menschen wurden getötet."),
    ("es", "Al menos 11 y hasta 15 personas murieron en el ataque."),
    ("fr", "Au moins 11 et jusqu'à 15 personnes ont été tuées."),
])
def test_a_lower_and_an_upper_bound_together_are_the_range(lang: str, text: str) -> None:
    assert _killed(text, lang) == (11, 15)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Up to 20 civilians were killed in the strike, including at least 14 members of the Orvell family. "
           "A local agency said a number of people died."),
    ("sv", "Upp till 20 civila dödades i attacken, bland dem minst 14 medlemmar av familjen Orvell."),
    ("de", "Bis zu 20 Zivilisten wurden getötet, darunter mindestens 14 Mitglieder der Familie Orvell."),
    ("fr", "Jusqu'à 20 civils ont été tués, dont au moins 14 membres de la famille Orvell."),
])
def test_own_lower_bound_beside_own_upper_bound_is_the_low_end(lang: str, text: str) -> None:
    assert _killed(text, lang) == (14, 20)  # a vague count another source gives does not lower it


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Eight members of the Orvell family were killed in the strike. A neighbour said five people were "
           "killed. A local radio station said five people were killed."),
    ("sv", "Åtta medlemmar av familjen Orvell dödades i attacken. En granne sa att fem personer dödades. En "
           "lokal radiostation sa att fem personer dödades."),
    ("fr", "Huit membres de la famille Orvell ont été tués dans la frappe. Un voisin a dit que cinq personnes "
           "avaient été tuées. Une radio locale a dit que cinq personnes avaient été tuées."),
])
def test_the_consensus_lies_within_the_report_own_range(lang: str, text: str) -> None:
    facts = build_facts([_item("a", extract_claims(text, lang), lang)])
    fact = next(f for f in facts if f.slot == "killed" and not f.qualifier)
    assert (fact.consensus.value, fact.consensus.min, fact.consensus.max) == (8, 8, 8)
