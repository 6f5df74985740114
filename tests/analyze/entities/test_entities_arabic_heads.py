"""Arabic: a town named after a place head ("مدينة X", "قرية X") is the place; the head is no place itself."""

from __future__ import annotations

from corroborate.analyze import Analyzer
from corroborate.model import Article

ANALYZER = Analyzer(pipeline=("sentences", "entities"))


def _places(text: str) -> list[str]:
    analysis = ANALYZER(Article(id="a", text=text, lang="ar"))
    return [m.text for m in analysis.mentions if m.kind == "place"]


def test_an_unknown_town_after_a_place_head_is_the_place() -> None:
    places = _places("وقع انفجار في مبنى سكني في مدينة القرطالة صباح الأحد، بحسب الدفاع المدني.")
    assert "القرطالة" in places
    assert "مدينة" not in places


def test_a_village_head_works_the_same() -> None:
    assert "الورديات" in _places("احترقت عشرات المنازل في قرية الورديات ليلة الخميس.")
