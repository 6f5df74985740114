"""Shared helpers for benchmarks: eval corpora, scorers from ../shared/eval/score.py, embedding cache,
peak memory and timing. Eval texts are read in place and never copied into the repository."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVAL = (ROOT / ".." / "shared" / "eval").resolve()
SEEDS = (ROOT / ".." / "shared" / "seeds").resolve()
OUT = ROOT / "bench" / "out"


def load_jsonl(name: str) -> list[dict[str, Any]]:
    path = EVAL / name
    if not path.exists():
        sys.exit(f"eval corpus {path} not found: the benchmarks read ../shared/eval/ beside the repository")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def scorer() -> ModuleType:
    """The independent scorer module (bcubed, pairwise) from ../shared/eval/score.py."""
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"cannot import {EVAL / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    sc = scorer()
    p, r, f, n, _ = sc.bcubed(gold, pred)
    pp, pr, pf = sc.pairwise(gold, pred)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "pair_p": pp, "pair_r": pr, "pair_f1": pf, "n": n}


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def cached_embeddings(texts: list[str], name: str, batch: int = 32, verbose: bool = True,
                      max_chars: int | None = None) -> np.ndarray:
    """Embeddings of `texts`, cached in bench/out/emb_<name>.npz keyed by the hash of the embedding recipe
    (embed.recipe(): encoder, engine, prefix, cut) and the text, so a changed recipe never serves old vectors.

    `max_chars` cuts the texts (default: embed.LEAD_CHARS)."""
    from corroborate.analyze.embed import embed_texts, recipe

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"emb_{name}.npz"
    recipe_key = f"{recipe()}|{max_chars}|"
    keys = [hashlib.sha1((recipe_key + t).encode("utf-8")).hexdigest() for t in texts]
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        data = np.load(path)
        cache = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    t0 = time.perf_counter()
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        vecs = embed_texts([t for _, t in chunk]) if max_chars is None else embed_texts(
            [t for _, t in chunk], max_chars=max_chars)
        cache.update(zip([k for k, _ in chunk], vecs, strict=True))
        if verbose:
            done = start + len(chunk)
            print(f"  embedded {done}/{len(todo)} ({done / (time.perf_counter() - t0):.1f}/s)", file=sys.stderr)
    if todo:
        np.savez(path, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
    return np.stack([cache[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@contextmanager
def timed(label: str, sink: dict[str, float]) -> Iterator[None]:
    t0 = time.perf_counter()
    yield
    sink[label] = time.perf_counter() - t0


class TolerantAnalyzer:
    """Runs each analyze component on its own; one that fails is skipped for that article and counted."""

    def __init__(self, names: list[str]) -> None:
        from corroborate.analyze import load_component

        self.names = names
        self.components = [(n, load_component(n)) for n in names]
        self.failures: dict[str, int] = {}

    def __call__(self, article: Any) -> Any:
        from corroborate.model import Analysis

        analysis = Analysis(article_id=article.id, lang=article.lang)
        for name, component in self.components:
            try:
                component(article, analysis)
            except Exception as exc:  # noqa: BLE001 - other engineers' components are still landing
                if name not in self.failures:
                    print(f"  component {name!r} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                self.failures[name] = self.failures.get(name, 0) + 1
        return analysis


def available_analyzer(skip: tuple[str, ...] = ("embed",)) -> TolerantAnalyzer:
    """An analyzer with every component that imports today (others are still being written)."""
    from corroborate.analyze import COMPONENTS, load_component

    names = []
    for name in COMPONENTS:
        if name in skip:
            continue
        try:
            load_component(name)
        except Exception as exc:  # noqa: BLE001 - report and go on without it
            print(f"  analyze component {name!r} unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        names.append(name)
    return TolerantAnalyzer(names)
