"""View helpers of the dossier page: framing rows grouped by entity, column labels, map labels apart."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from corroborate.model import ArticleFraming, ArticleRef, Dossier, Entity, EventInfo, WhenInfo
from corroborate.web.dossier_view import build_framing, claim_href
from corroborate.web.worldmap import Marker, render_map


def _dossier(framing: list[ArticleFraming], entities: list[Entity]) -> Dossier:
    refs = [ArticleRef(f.article, f"Title of {f.article}", f.source, "en", datetime(2033, 1, 2, tzinfo=UTC), None)
            for f in framing]
    return Dossier(id="s-x", title="Invented", languages=["en", "ru", "ar"], articles=refs,
                   event=EventInfo(type="flood", when=WhenInfo(None, None, None), where=[]),
                   entities=entities, framing=framing)


def test_framing_rows_group_spellings_of_one_entity() -> None:
    entity = Entity(name="Mirela Dovan", kind="person", variants=["Mirela Dovan", "Мирела Дован", "ميريلا دوفان"],
                    articles=["a1", "a2", "a3"], key="mirela dovan")
    framing = [
        ArticleFraming(article="a1", source="one.example", terms={"Mirela Dovan": ["the governor"]}, quoted=[]),
        ArticleFraming(article="a2", source="two.example", terms={"Мирела Дован": ["губернатор"]}, quoted=[]),
        ArticleFraming(article="a3", source=None, terms={"ميريلا دوفان": ["المحافظة"], "Ostrel Dam": ["the dam"]},
                       quoted=[]),
    ]
    columns, rows = build_framing(_dossier(framing, [entity]))
    assert columns == [("a1", "one.example"), ("a2", "two.example"), ("a3", None)]
    terms = {r.label: r.cells for r in rows if r.kind == "terms"}
    assert terms["Mirela Dovan"] == ["the governor", "губернатор", "المحافظة"]  # one row, three scripts
    assert terms["Ostrel Dam"] == ["", "", "the dam"]
    assert len(terms) == 2


def test_claim_links_use_the_span_or_fall_back_to_the_article() -> None:
    assert claim_href("a/1", 10, 25) == "/articles/a%2F1#claim-10-25"
    assert claim_href("a1", None, None) == "/articles/a1"
    assert claim_href("a1", 5, 5) == "/articles/a1"  # an empty span has no mark to land on


def test_map_labels_of_nearby_places_do_not_overlap() -> None:
    svg = str(render_map([Marker(13.0, 22.0, "Kelvara", 3, None), Marker(13.05, 22.1, "Kelvara North", 2, None),
                          Marker(13.02, 22.05, "Kelvara Camp", 1, None)]))
    ys = [float(y) for y in re.findall(r'<text class="marker-label" x="[\d.]+" y="([\d.-]+)"', svg)]
    assert len(ys) == 3
    assert min(abs(a - b) for i, a in enumerate(ys) for b in ys[i + 1:]) >= 14  # a line apart at least
