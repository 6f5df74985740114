"""Bounded memory in the pipeline: with every quiet story out of memory, ingests (and a later ingest that restores
from the store) give the same stories and dossiers as with every story kept (invented articles)."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.cluster import ClusterConfig, Clusterer
from corroborate.model import Document, to_json
from corroborate.pipeline import Ingestor
from corroborate.store import Store


def doc(i: str, date: str, text: str) -> Document:
    return Document(origin=f"memory:{i}", content=text, kind="text", given_id=i, title=text.split(".")[0],
                    published=f"{date}T09:00:00Z", source=f"Outlet {i}", lang="en")


FIRST = [
    doc("fire1", "2025-01-10", "Fire destroys timber yard in Brennholm. A fire destroyed the timber yard of the "
        "Brennholm sawmill on Friday night, the fire service said. Two workers were injured, according to "
        "the mill owner Ilse Varnow."),
    doc("fire2", "2025-01-11", "Brennholm sawmill blaze injures two. Two workers were hurt when fire swept "
        "through the Brennholm timber yard on Friday, the owner Ilse Varnow said."),
    doc("toll", "2025-02-20", "Council approves bridge toll in Ostmark. The regional council of Ostmark "
        "approved a toll for the new river bridge on Tuesday."),
    doc("choir", "2025-03-28", "Ulmbek choir wins contest. The children's choir of Ulmbek won the regional "
        "singing contest on Saturday, its director Maren Tolvik said."),
]
LATER = [
    doc("toll2", "2025-04-30", "Ostmark bridge toll starts. Drivers on the new Ostmark river bridge paid the "
        "toll approved by the regional council for the first time on Wednesday."),
    doc("charge", "2025-06-12", "Two men charged over Brennholm sawmill fire. Prosecutors charged two men over "
        "the fire of January 10 that destroyed the Brennholm timber yard and injured two workers, the mill "
        "owner Ilse Varnow said."),
]


def ingest(db: Path, quiet: float | None) -> tuple[list[str], list[str], int, int]:
    evictions = reloads = 0
    with Store(str(db)) as store:
        for docs in (FIRST, LATER):  # the second ingest restores the clusterer from the store
            clusterer = Clusterer(ClusterConfig(quiet_days=quiet))
            clusterer.restore(store.load_story_states())
            ingestor = Ingestor(store, clusterer=clusterer, hooks=[])
            assert ingestor.ingest(docs, batch_size=1).ok
            evictions += clusterer.idx.evictions
            reloads += clusterer.idx.reloads
        dossiers = sorted(json.dumps(to_json(d), sort_keys=True, ensure_ascii=False) for d in store.iter_dossiers())
        articles = sorted(f"{aid} {sid}" for aid, sid in store.article_stories().items())
    return dossiers, articles, evictions, reloads


def test_eviction_in_the_pipeline_changes_no_story_and_no_dossier(tmp_path: Path) -> None:
    kept = ingest(tmp_path / "kept.db", None)
    evicted = ingest(tmp_path / "evicted.db", 0.0)
    assert kept[2:] == (0, 0) and evicted[2] > 0 and evicted[3] > 0  # stories left memory and came back
    assert evicted[:2] == kept[:2]
    story_of = dict(line.split() for line in kept[1])
    assert story_of["fire1"] == story_of["fire2"] and story_of["toll"] != story_of["fire1"]
