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


def test_a_place_head_takes_no_name_when_definite_parted_or_followed_by_a_preposition() -> None:
    """"في مخيم للاجئين" (a camp for refugees), "المخيم آلاف" (the camp, then "thousands"), "في المدينة،
    فيما" (in the city, while ...): none of the words after the head is a place."""
    places = _places("اندلع حريق في مخيم للاجئين قرب الحدود. وحاول سكان المخيم إخماد الحريق، ويؤوي المخيم آلاف "
                     "العائلات. ونقل الجرحى إلى مستشفى في المدينة، فيما قالت السلطات إن التحقيق جار.")
    assert not set(places) & {"للاجئين", "إخماد", "آلاف", "فيما"}
