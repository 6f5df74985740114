"""What the clusterer keeps of one article: a compact, serialisable signature of its event evidence.

Every field has a fallback so clustering works before (or without) the richer analyze components:
no mentions -> capitalised tokens as entity keys; no event time -> published time.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from anyascii import anyascii

from corroborate.model import Analysis, Article, Place

HASH_BITS = 20
HASH_SIZE = 1 << HASH_BITS
LEX_CHARS = 2500
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LABEL_ONLY_EVIDENCE = 4.0  # an event type given without its cue scores counts as firm evidence (a title and a lead cue)
PRECISION_DAYS = {"minute": 0.5, "hour": 0.5, "part_of_day": 0.5, "day": 1.0, "week": 7.0, "month": 31.0,
                  "year": 366.0}
_WORD = re.compile(r"[a-z0-9]{3,}")
_CAP = re.compile(r"(?<![.!?:\n\"“«]\s)(?<!^)\b([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]{2,})", re.MULTILINE)


def term_id(token: str) -> int:
    """Stable hash of a token into the shared term space (zlib.crc32 is stable across processes)."""
    return zlib.crc32(token.encode("utf-8")) & (HASH_SIZE - 1)


def to_days(dt: datetime | None) -> float | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return (dt - EPOCH).total_seconds() / 86400.0


def from_days(days: float | None) -> datetime | None:
    return None if days is None else datetime.fromtimestamp(days * 86400.0, tz=UTC)


def normalise_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).strip()


def _place_key(place: Place) -> str:
    """A place's key for matching. A place the gazetteer resolved is keyed by its canonical name (the same
    in every language), vowels kept: the consonant skeleton that spelling-independent keys use joins
    different places (Iran and Oran, Rome and Rum). Others keep the skeleton of their name."""
    if place.geonameid is not None and place.name:
        return normalise_key(place.name)
    return place.key or normalise_key(place.name)


@dataclass
class Signature:
    id: str
    lang: str | None = None
    title: str | None = None
    published: float | None = None  # days since epoch
    event: float | None = None  # days since epoch; published time when the analysis has none
    event_tol: float = 1.0  # days of uncertainty of `event`
    emb: np.ndarray | None = None  # float32, L2-normalised
    term_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted, unique
    term_tf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # 1 + log(tf)
    keys: frozenset[str] = frozenset()  # people/org/group keys, spelling-independent, plus fallback tokens
    names: frozenset[str] = frozenset()  # the keys of named people/organisations/groups only (no fallback)
    places: frozenset[str] = frozenset()
    coords: tuple[tuple[float, float], ...] = ()
    claims: dict[str, tuple[int, int]] = field(default_factory=dict)  # "slot|group" -> (min, max)
    past_times: tuple[float, ...] = ()  # times the text refers to well before its own event (days)
    event_type: str | None = None
    event_types: dict[str, float] = field(default_factory=dict)  # event-type cue scores (the evidence)
    emb_missing: bool = False  # the embedder was asked and had no text to embed (do not ask again)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # derived arrays, not saved

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "lang": self.lang, "title": self.title, "pub": self.published, "ev": self.event,
            "tol": self.event_tol,
            "emb": None if self.emb is None else base64.b64encode(self.emb.astype(np.float16).tobytes()).decode(),
            "ti": base64.b64encode(self.term_ids.astype(np.uint32).tobytes()).decode(),
            "tf": base64.b64encode(np.round(self.term_tf * 16).astype(np.uint8).tobytes()).decode(),
            "k": sorted(self.keys), "n": sorted(self.names), "p": sorted(self.places), "c": [list(c) for c in self.coords],
            "cl": {k: list(v) for k, v in self.claims.items()}, "past": list(self.past_times),
            "et": self.event_type, **({"ets": self.event_types} if self.event_types else {}),
            **({"ne": 1} if self.emb_missing else {}),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Signature:
        emb = None
        if d.get("emb"):
            emb = np.frombuffer(base64.b64decode(d["emb"]), dtype=np.float16).astype(np.float32)
        return cls(
            id=d["id"], lang=d.get("lang"), title=d.get("title"), published=d.get("pub"), event=d.get("ev"),
            event_tol=d.get("tol", 1.0), emb=emb,
            term_ids=np.frombuffer(base64.b64decode(d["ti"]), dtype=np.uint32).astype(np.int64),
            term_tf=np.frombuffer(base64.b64decode(d["tf"]), dtype=np.uint8).astype(np.float32) / 16,
            keys=frozenset(d.get("k", ())), names=frozenset(d.get("n", ())), places=frozenset(d.get("p", ())),
            coords=tuple((float(a), float(b)) for a, b in d.get("c", ())),
            claims={k: (int(v[0]), int(v[1])) for k, v in d.get("cl", {}).items()},
            past_times=tuple(d.get("past", ())), event_type=d.get("et"),
            event_types={k: float(v) for k, v in d.get("ets", {}).items()}, emb_missing=bool(d.get("ne")),
        )

    def type_evidence(self) -> dict[str, float]:
        """Event-type cue scores; a label alone (older states, hand-built analyses) counts as firm."""
        if self.event_types:
            return self.event_types
        return {self.event_type: LABEL_ONLY_EVIDENCE} if self.event_type else {}


def as_embedding(vector: Any) -> np.ndarray | None:
    """A float32 embedding rounded as persistence keeps it (float16), or None for no/zero vector."""
    if vector is None:
        return None
    emb = np.asarray(vector, dtype=np.float32).astype(np.float16).astype(np.float32)
    return emb if emb.any() else None


def lexical_terms(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed word terms of transliterated text with sublinear tf (stored quantised to 1/16)."""
    counts = Counter(term_id(w) for w in _WORD.findall(anyascii(text).lower()))
    if not counts:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    ids = np.array(sorted(counts), dtype=np.int64)
    tf = np.array([1.0 + np.log(counts[i]) for i in ids.tolist()], dtype=np.float32)
    # the same quantisation as serialisation, so a restored signature scores exactly like the original
    tf = np.round(np.minimum(tf, 15.9) * 16) / 16
    return ids, tf.astype(np.float32)


def fallback_keys(text: str) -> frozenset[str]:
    """Capitalised tokens not at a sentence start: a language-agnostic stand-in for names."""
    keys: set[str] = set()
    prev_end, prev = -1, ""
    for m in _CAP.finditer(text):
        key = normalise_key(m.group(1))
        if len(key) < 3:
            continue
        keys.add(key)
        # adjacent capitalised words ("Given Family") are a far rarer key than either word alone
        if prev and text[prev_end : m.start()] == " ":
            keys.add(f"{prev} {key}")
        prev_end, prev = m.end(), key
    return frozenset(keys)


def _claims(analysis: Analysis) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for c in analysis.claims:
        key = f"{c.slot}|{c.group or ''}|{c.about or ''}"
        hi = c.value_max if c.value_max is not None else (c.value if c.approx == "exact" else c.value * 10 + 10)
        lo0, hi0 = out.get(key, (c.value, hi))
        out[key] = (min(lo0, c.value), max(hi0, hi))
    return out


def signature(article: Article, analysis: Analysis) -> Signature:
    """Build the clustering signature of an analysed article."""
    published = to_days(article.published)
    ev = analysis.event_time
    event, tol = published, 1.0 if published is not None else 1.0
    if ev is not None and ev.value is not None:
        event = to_days(ev.value)
        tol = PRECISION_DAYS.get(ev.precision or "day", 1.0)
    past: list[float] = []
    for t in analysis.times:
        d = to_days(t.value)
        if d is not None and event is not None and d < event - 20:
            past.append(round(d, 2))
    head = f"{article.title or ''}\n{article.text[:LEX_CHARS]}"
    term_ids, term_tf = lexical_terms(head)
    # mention keys (spelling-independent) plus capitalised tokens, which also catch names the entity
    # component missed; every key is weighted by its rarity, so the extra tokens cost little
    names = frozenset(m.key for m in analysis.mentions if m.key and m.kind != "place")
    keys = names | fallback_keys(head)
    places = frozenset(_place_key(p) for p in analysis.places if p.key or p.name)
    coords = tuple(
        (round(p.lat, 3), round(p.lon, 3))
        for p in analysis.places
        if p.lat is not None and p.lon is not None and p.precision not in ("country", "region", "province")
    )
    return Signature(
        id=article.id, lang=analysis.lang or article.lang, title=article.title, published=published,
        event=event, event_tol=tol, emb=as_embedding(analysis.embedding), term_ids=term_ids, term_tf=term_tf, keys=keys,
        names=names, places=places, coords=tuple(dict.fromkeys(coords))[:8], claims=_claims(analysis),
        past_times=tuple(sorted(set(past)))[-8:], event_type=analysis.event_type,
        event_types={k: round(float(v), 2) for k, v in analysis.event_type_scores.items() if v > 0},
    )
