"""Invented articles and analyzer factories for the scale tests (imported by worker processes too)."""

from __future__ import annotations

import os

from corroborate.analyze import Analyzer
from corroborate.model import Analysis, Article, Document


def doc(i: str, text: str, lang: str, day: int = 3) -> Document:
    return Document(origin=f"scale:{i}", content=text, kind="text", given_id=i, title=text.split(".")[0],
                    published=f"2031-05-{day:02d}T09:00:00Z", source=f"Outlet {i[-1]}", lang=lang)


CORPUS = [
    doc("en1", "Fire destroys timber yard in Brennholm. A fire destroyed the timber yard of the Brennholm "
        "sawmill on Monday night, the fire service said. Two workers were injured, according to the mill "
        "owner Ilse Varnow.", "en"),
    doc("fr1", "Un incendie détruit une scierie à Brennholm. Un incendie a détruit lundi soir le dépôt de bois "
        "de la scierie de Brennholm, selon les pompiers. Trois ouvriers ont été blessés, a déclaré la "
        "propriétaire Ilse Varnow.", "fr"),
    doc("en2", "Council approves new bridge toll in Ostmark. The regional council of Ostmark approved a toll "
        "for the new river bridge on Tuesday, to be collected from next spring.", "en", day=4),
    doc("de1", "Feuer zerstört Sägewerk in Brennholm. Ein Feuer hat in der Nacht zum Dienstag das Holzlager "
        "des Sägewerks in Brennholm zerstört, teilte die Feuerwehr mit. Zwei Arbeiter wurden verletzt, "
        "sagte die Besitzerin Ilse Varnow.", "de"),
    doc("en3", "Brennholm sawmill blaze under investigation. Investigators are examining the Brennholm timber "
        "yard after Monday's fire, which the owner Ilse Varnow said started near the drying sheds.", "en", day=5),
    doc("fr2", "Le conseil d'Ostmark vote un péage. Le conseil régional d'Ostmark a approuvé mardi un péage "
        "pour le nouveau pont sur la rivière, perçu dès le printemps prochain.", "fr", day=4),
    doc("de2", "Bergsteiger in Kaltenwand vermisst. Ein 54 Jahre alter Bergsteiger wird seit Freitag am "
        "Kaltenwand vermisst, meldete die Bergwacht am Samstag.", "de", day=9),
    doc("en4", "Climber missing on the Kaltenwand. A 54-year-old climber has been missing on the Kaltenwand "
        "since Friday, the mountain rescue service said on Saturday.", "en", day=9),
    doc("en5", "Storm floods harbour road in Gravlund. Heavy rain flooded the harbour road in Gravlund on "
        "Sunday and closed two schools, the town's mayor Oskar Leffe said.", "en", day=11),
]

CRASH_WORD = "Zorblatt-crash"
RAISE_WORD = "Zorblatt-raise"


def misbehave(article: Article, analysis: Analysis) -> None:
    """An analysis component that kills its process or raises on marked texts (failure isolation tests)."""
    if CRASH_WORD in article.text:
        os._exit(7)
    if RAISE_WORD in article.text:
        raise ValueError("invented analyzer failure")


def misbehaving_analyzer() -> Analyzer:
    analyzer = Analyzer(pipeline=("sentences", "entities"))
    analyzer.names.append("misbehave")
    analyzer.components.append(("misbehave", misbehave))
    return analyzer
