"""Corroborate: offline, multilingual news event intelligence.

The library face, imported lazily (the encoder and the gazetteer load only when used):

    from corroborate import Store, Ingestor, read_paths, clean, Analyzer, reconcile
    store = Store("corroborate.db")
    Ingestor(store).ingest(read_paths(["articles/"]))
    summaries, total = store.list_stories()
    for summary in summaries:
        print(summary.title, store.get_dossier(summary.id).facts)

Stages: read -> clean -> analyze -> cluster -> reconcile -> store (see docs/design.md).
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("corroborate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

_FACE: dict[str, str] = {
    "Store": "corroborate.store",
    "Ingestor": "corroborate.pipeline",
    "IngestReport": "corroborate.pipeline",
    "read_paths": "corroborate.read",
    "clean": "corroborate.clean",
    "Analyzer": "corroborate.analyze",
    "Clusterer": "corroborate.cluster",
    "reconcile": "corroborate.reconcile",
}

__all__ = ["__version__", *_FACE]


def __getattr__(name: str) -> Any:
    if name in _FACE:
        value = getattr(importlib.import_module(_FACE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
