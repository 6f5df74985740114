"""Pair scoring (`corroborate similarity --pairs FILE`): same-event likelihood of two texts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corroborate.analyze import Analyzer
from corroborate.clean import CleanError, clean
from corroborate.cluster import pair_score
from corroborate.model import Analysis, Article, Document


def score_pairs(path: Path, analyzer: Analyzer | None = None) -> Iterator[dict[str, Any]]:
    """Yield {pair_id, score} per valid line, {line, error} for a line that cannot be scored."""
    analyzer = analyzer or Analyzer()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                pair_id = row["pair_id"]
                a = _prepare(analyzer, f"{path}:{number}", f"{pair_id}#1", row["text1"], row.get("lang1"))
                b = _prepare(analyzer, f"{path}:{number}", f"{pair_id}#2", row["text2"], row.get("lang2"))
            except json.JSONDecodeError as exc:
                yield {"line": number, "error": f"invalid JSON ({exc.msg}); each line must be one JSON object"}
                continue
            except KeyError as exc:
                yield {"line": number, "error": f"missing field {exc.args[0]!r}; need pair_id, text1, text2"}
                continue
            except Exception as exc:  # one bad pair is reported and skipped; the other lines are scored
                yield {"line": number, "error": f"could not be analysed ({type(exc).__name__}: {exc}); skipped"}
                continue
            if a is None or b is None:
                yield {"pair_id": pair_id, "score": 0.0}
                continue
            try:
                yield {"pair_id": pair_id, "score": round(float(pair_score(a, b)), 4)}
            except Exception as exc:
                yield {"line": number, "error": f"could not be scored ({type(exc).__name__}: {exc}); skipped"}


def _prepare(analyzer: Analyzer, origin: str, given_id: str, text: str, lang: str | None) -> tuple[Article, Analysis] | None:
    try:
        article = clean(Document(origin=origin, content=text or "", kind="text", given_id=given_id, lang=lang))
    except CleanError:
        return None
    return article, analyzer(article)
