"""The demo corpus end to end: its stories come out as its author intended (examples/expected.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from corroborate.pipeline import Ingestor
from corroborate.read import read_paths
from corroborate.store import Store

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
