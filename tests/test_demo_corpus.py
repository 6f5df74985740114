"""The demo corpus end to end: its stories come out as its author intended (examples/expected.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from corroborate.pipeline import Ingestor
from corroborate.read import read_paths
from corroborate.store import Store, StoryQuery

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    report = Ingestor(store).ingest(read_paths([str(EXAMPLES / "corpus")]))
    assert report.ok, report.failures
    return store


def test_stories_match_the_answer_key(demo_store: Store) -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    stories = demo_store.article_stories()
    for label, ids in expected["stories"].items():
        assigned = Counter(stories[i] for i in ids)
        assert len(assigned) == 1, f"{label} split: {assigned}"
    story_of_label = {label: stories[ids[0]] for label, ids in expected["stories"].items()}
    assert len(set(story_of_label.values())) == len(story_of_label), "two intended stories were merged"
    for newer, older in expected["related"]:
        a, b = story_of_label[newer], story_of_label[older]
        links = {r.story for r in demo_store.get_story(a).related} | {r.story for r in demo_store.get_story(b).related}
        assert {a, b} & links, f"{newer} and {older} are not linked"


def test_main_story_dossier_shows_its_conflicts_and_spellings(demo_store: Store) -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    biggest = max(expected["stories"].values(), key=len)
    dossier = demo_store.get_dossier(demo_store.article_stories()[biggest[0]])
    assert dossier is not None and len(dossier.languages) >= 5
    statuses = {(f.slot, f.qualifier.get("group")): f.status for f in dossier.facts}
    assert statuses.get(("killed", "children")) == "conflicting", statuses
    assert statuses.get(("killed", "women")) == "conflicting", statuses
    assert any(len({v for v in e.variants}) >= 3 for e in dossier.entities), [e.variants for e in dossier.entities[:5]]


def test_evolving_story_revises_its_toll_and_keeps_its_real_dispute(demo_store: Store) -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    evolving = expected["evolving"]
    ids = expected["stories"][evolving["story"]]
    dossier = demo_store.get_dossier(demo_store.article_stories()[ids[0]])
    assert dossier is not None and len(dossier.languages) >= 3
    want = evolving["fact"]
    fact = next(f for f in dossier.facts if f.slot == want["slot"] and f.qualifier.get("group") == want["group"])
    values = [h.value for h in fact.history]
    path = [v for n, v in enumerate(values) if not n or v != values[n - 1]]  # the figure's path: 3 -> 7 -> 9
    assert fact.revised and path == evolving["history"]
    assert fact.status == "conflicting" and fact.consensus.value == evolving["history"][-1]
    assert sorted({c.value for c in fact.claims if c.current}) == evolving["current"]
    superseded = {c.value for c in fact.claims if not c.current}
    assert set(evolving["history"][:-1]) <= superseded
    assert any(c.increment == evolving["increment"] and c.current for c in fact.claims)
    dispute = next(c for c in fact.claims if c.value == max(evolving["current"]))
    assert evolving["disputed_by"] in (dispute.attributed_to or "").lower()
    kinds = [s.kind for s in dossier.brief]
    assert kinds[: len(evolving["brief_kinds"])] == evolving["brief_kinds"]
    first = dossier.brief[0].text
    assert all(str(v) in first for v in evolving["current"]) and f"from {evolving['history'][0]}" in first
    changes = [c for u in dossier.updates for c in u.changes]
    assert any(c.kind == "revised" and c.after == evolving["history"][-1] for c in changes)
    assert any(c.kind == "conflict" for c in changes)
    for spec in expected["facts"][evolving["story"]]:
        got = next(f for f in dossier.facts if f.slot == spec["slot"] and f.qualifier.get("group") == spec["group"])
        assert got.status == spec["status"], (spec, got.status)
    summary = next(s for s in demo_store.list_stories(StoryQuery(limit=100))[0] if s.id == dossier.id)
    assert summary.has_conflict
