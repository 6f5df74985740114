"""The range of a fact: lower counts a report gives beside its own main figure are parts of it."""

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


def _killed(facts):
    return next(f for f in facts if f.slot == "killed" and not f.qualifier)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Twelve members of the Farrow family were killed in the strike on Tuesday. Among them, Tomas "
           "Farrow was killed along with his two sons."),
    ("fr", "Douze membres de la famille Marais ont été tués dans la frappe de mardi. Parmi eux, Luc Marais "
           "a été tué avec ses deux fils."),
    ("sv", "Tolv medlemmar av familjen Berg dödades i attacken på tisdagen. Bland dem dödades Nils Berg "
           "tillsammans med sina två söner."),
    ("es", "Doce miembros de la familia Marín murieron en el ataque del martes. Entre ellos, Luis Marín "
           "murió junto con sus dos hijos."),
])
def test_victims_named_in_passing_do_not_lower_the_range(lang: str, text: str) -> None:
    fact = _killed(build_facts([_item("a", extract_claims(text, lang), lang)]))
    assert fact.consensus.value == 12
    assert (fact.consensus.min, fact.consensus.max) == (12, 12)
    assert len(fact.claims) >= 2  # the smaller count is still listed


def test_a_lower_count_cited_from_another_source_stays_in_the_range() -> None:
    # the report's lead is the ministry's figure, not its own assessment: both sources' counts stand
    text = ("Twelve members of the Farrow family were killed in the strike on Tuesday, the health ministry "
            "said. A local rights group said eight people were killed.")
    fact = _killed(build_facts([_item("a", extract_claims(text, "en"))]))
    assert fact.consensus.value == 12
    assert (fact.consensus.min, fact.consensus.max) == (8, 12)


def test_a_lower_count_in_another_report_stays_in_the_range() -> None:
    main = Claim(slot="killed", value=12, quote="12 killed", start=0, end=1)
    part = Claim(slot="killed", value=3, quote="3 killed", start=40, end=41)
    other = Claim(slot="killed", value=9, quote="9 killed", start=0, end=1)
    fact = _killed(build_facts([_item("a", [main, part]), _item("b", [other]), _item("c", [main])]))
    assert fact.consensus.value == 12
    assert (fact.consensus.min, fact.consensus.max) == (9, 12)
