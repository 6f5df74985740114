"""Country names in every language (CLDR), a mention that is no context for itself, provinces written with a
place head, and places that only describe someone ("a <city>-based analyst"). Texts are invented."""

from __future__ import annotations

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import Article


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(skip=("embed",))


def _places(analyzer: Analyzer, lang: str, text: str) -> list[tuple[str, str | None]]:
    analysis = analyzer(Article(id="p", text=text, lang=lang))
    return [(p.name, p.country) for p in analysis.places]


@pytest.mark.parametrize(("lang", "text", "country"), [
    ("es", "Dos aldeas fueron atacadas en el este de la República Democrática del Congo, informó el ejército.", "CD"),
    ("sv", "Tre personer dödades i en attack i Elfenbenskusten på söndagen, uppger polisen.", "CI"),
    ("de", "Bei Kämpfen in Kongo-Kinshasa wurden vier Soldaten getötet.", "CD"),
    ("fr", "Un bus est tombé dans un ravin en Ouganda, faisant six morts.", "UG"),
    ("es", "Un incendio en un mercado de Camerún dejó tres heridos.", "CM"),
])
def test_country_names_in_every_language(analyzer: Analyzer, lang: str, text: str, country: str) -> None:
    assert country in {cc for _, cc in _places(analyzer, lang, text)}


def test_a_bare_country_name_that_is_also_a_small_town_is_the_country(analyzer: Analyzer) -> None:
    places = _places(analyzer, "es", "Las lluvias causaron inundaciones en el Congo durante la semana.")
    assert places and places[0][1] in {"CG", "CD"}


def test_a_common_word_is_no_country(analyzer: Analyzer) -> None:
    assert "IS" not in {cc for _, cc in _places(analyzer, "en", "Island residents were told to boil their water.")}


def test_a_mention_is_no_context_for_itself(analyzer: Analyzer) -> None:
    """"Nippes" is a district of a German city and a province of another country: its own province
    candidate must not vote for itself."""
    places = _places(analyzer, "de", "Bei einem Brand in Nippes starben am Montag zwei Menschen, teilte die Feuerwehr mit.")
    assert places[0] == ("Nippes", "DE")


def test_a_province_written_with_its_head_takes_the_country_of_the_article(analyzer: Analyzer) -> None:
    text = "Flooding cut the road to Takoradi in Ghana's Western Region on Friday, officials said."
    places = dict(_places(analyzer, "en", text))
    assert places.get("Western") == "GH" and "UG" not in places.values()


def test_a_place_that_only_describes_someone_is_no_place(analyzer: Analyzer) -> None:
    text = "Gunmen killed four people in a village in central Mali, a Singapore-based analyst said."
    names = {name for name, _ in _places(analyzer, "en", text)}
    assert "Mali" in names and "Singapore" not in names


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Es ist einer der schwersten Industrieunfälle in Südeuropa seit Jahren, sagte ein Sprecher in Tarragona."),
    ("en", "It was one of the worst industrial accidents in Southern Europe in years, a spokesman in Tarragona said."),
])
def test_a_part_of_a_continent_is_a_region_not_a_town(analyzer: Analyzer, lang: str, text: str) -> None:
    analysis = analyzer(Article(id="r", text=text, lang=lang))
    regions = [p for p in analysis.places if p.name == "Southern Europe"]
    assert regions and all(p.precision == "region" and p.country is None for p in regions)
