"""In a report led by a count of combatants, civilian counts told of another town are another event's."""

from __future__ import annotations

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import Article

_ANALYZER = Analyzer(pipeline=("sentences", "entities", "places", "times", "claims"))


def _killed(title: str, text: str, lang: str) -> list[tuple[str | None, int]]:
    analysis = _ANALYZER(Article(id="a", text=text, title=title, lang=lang))
    return [(c.group, c.value) for c in analysis.claims if c.slot == "killed"]


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("en", "Clashes kill 12 fighters near Uppsala",
     "At least 12 fighters were killed in clashes near Uppsala on Sunday. The fighting went on overnight. "
     "Eleven people died when shells hit Dortmund."),
    ("de", "Gefechte töten 12 Kämpfer bei Uppsala",
     "Mindestens 12 Kämpfer wurden nahe Uppsala getötet. Die Kämpfe dauerten an. "
     "Elf Menschen starben in Dortmund, als Granaten einschlugen."),
    ("es", "Combates matan a 12 combatientes cerca de Uppsala",
     "Al menos 12 combatientes murieron el domingo en combates cerca de Uppsala. Los combates siguieron. "
     "Once personas murieron cuando proyectiles alcanzaron Dortmund."),
])
def test_a_civilian_toll_in_another_town_is_dropped(lang: str, title: str, text: str) -> None:
    assert all(group == "fighters" for group, _ in _killed(title, text, lang))


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("en", "Rockets kill 12 people near Uppsala",
     "At least 12 people were killed by shells near Uppsala on Sunday. Eleven people died when shells hit "
     "Dortmund."),
    ("de", "Raketen töten 12 Menschen bei Uppsala",
     "Mindestens 12 Menschen wurden nahe Uppsala getötet. Elf Menschen starben in Dortmund, als "
     "Granaten einschlugen."),
])
def test_a_report_led_by_people_keeps_its_other_towns(lang: str, title: str, text: str) -> None:
    assert (None, 11) in _killed(title, text, lang)


def test_a_civilian_count_in_the_lead_town_stays() -> None:
    title = "Clashes kill 12 fighters near Uppsala"
    text = ("At least 12 fighters were killed in clashes near Uppsala on Sunday. Three civilians were also "
            "killed in Uppsala, a monitor said.")
    assert ("civilians", 3) in _killed(title, text, "en")
