"""Framing: what each article leaves out that other outlets in its story report."""

from __future__ import annotations

from datetime import UTC, datetime

from corroborate.model import Analysis, Article, Claim, Dossier, Story, from_json, to_json
from corroborate.reconcile import omitted_text, reconcile
from corroborate.web.dossier_view import build_framing


def _item(aid: str, outlet: str, claims: list[Claim]) -> tuple[Article, Analysis]:
    article = Article(id=aid, text="x", title=f"title {aid}", outlet=outlet, lang="en",
                      published=datetime(2024, 3, 9, 8, tzinfo=UTC))
    return article, Analysis(article_id=aid, lang="en", claims=claims)


def _claim(slot: str, value: int, group: str | None = None, about: str | None = None) -> Claim:
    return Claim(slot=slot, value=value, quote=f"{value} {slot}", start=0, end=1, group=group, about=about)


def _omits(items: list[tuple[Article, Analysis]]) -> dict[str, list[str]]:
    dossier = reconcile(Story(id="s", article_ids=[a.id for a, _ in items]), items)
    return {f.article: f.omits for f in dossier.framing}


def test_an_article_that_leaves_out_the_children_killed_is_marked() -> None:
    omits = _omits([
        _item("a", "north.example", [_claim("killed", 9), _claim("killed", 3, "children")]),
        _item("b", "south.example", [_claim("killed", 9)]),
        _item("c", "east.example", [_claim("killed", 9), _claim("killed", 3, "children"), _claim("injured", 4)]),
    ])
    assert omits["a"] == ["injured"]
    assert sorted(omits["b"]) == ["injured", "killed|children"]
    assert omits["c"] == []


def test_the_same_outlet_does_not_count_as_another_source() -> None:
    omits = _omits([
        _item("a", "north.example", [_claim("injured", 2)]),
        _item("b", "north.example", []),
    ])
    assert omits["b"] == []


def test_zero_values_and_background_counts_are_not_omissions() -> None:
    omits = _omits([
        _item("a", "north.example", [_claim("killed", 0, about="US"), _claim("killed", 40, about="war")]),
        _item("b", "south.example", []),
    ])
    assert omits["b"] == []


def test_omissions_survive_json_and_read_well() -> None:
    items = [_item("a", "north.example", [_claim("killed", 5, "women")]), _item("b", "south.example", [])]
    dossier = reconcile(Story(id="s", article_ids=["a", "b"]), items)
    back = from_json(Dossier, to_json(dossier))
    assert [f.omits for f in back.framing] == [[], ["killed|women"]]
    assert omitted_text(["killed|women", "injured"]) == "killed women, injured"


def test_the_dossier_page_has_a_leaves_out_row() -> None:
    items = [_item("a", "north.example", [_claim("killed", 5, "women")]), _item("b", "south.example", [])]
    _, rows = build_framing(reconcile(Story(id="s", article_ids=["a", "b"]), items))
    row = next(r for r in rows if r.kind == "omits")
    assert row.cells == ["—", "killed women"]
