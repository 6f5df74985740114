"""Rows <-> model objects, and the JSON encoding of stored objects (round-trips with model.from_json)."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sys
import types
import typing
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from corroborate.model import Analysis, Article

CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """json.dumps hook: one level of a dataclass / datetime / numpy value (the C encoder does the rest)."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(obj):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        own = getattr(obj, "__dict__", None)
        if own is not None and len(own) == len(names):
            return own  # exactly the fields: no copy needed
        return {name: getattr(obj, name) for name in names}
    if isinstance(obj, datetime):
        return obj.isoformat()
    if hasattr(obj, "tolist"):  # numpy arrays and scalars
        return obj.tolist()
    raise TypeError(f"cannot store a {cls.__name__} as JSON: {obj!r:.80}")


def dumps(obj: Any) -> str:
    """The same JSON as json.dumps(model.to_json(obj)), about ten times faster (no deep copies)."""
    return json.dumps(obj, default=_plain, ensure_ascii=False, separators=(",", ":"))


def pack_floats(values: Any) -> bytes | None:
    """A float vector as little-endian float64 bytes: exact, and far cheaper than JSON for embeddings."""
    if values is None:
        return None
    packed = array("d", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack_floats(blob: bytes | None) -> list[float] | None:
    if blob is None:
        return None
    packed = array("d")
    packed.frombytes(bytes(blob))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tolist()


def loads(text: str | None, default: Any = None) -> Any:
    return default if text is None or text == "" else json.loads(text)


def load_as(cls: type, text: str) -> Any:
    """json.loads + the equivalent of model.from_json, with the type analysis done once per class."""
    return _converter(cls)(json.loads(text))


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """A function that builds a value of type `tp` from its JSON form (see model.from_json)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return _identity
        inner = _converter(args[0])
        return lambda v: None if v is None else inner(v)
    if origin in (list, tuple):
        item = _converter((typing.get_args(tp)[:1] or (Any,))[0])
        container = tuple if origin is tuple else list
        return lambda v: None if v is None else container(item(x) for x in v)
    if origin is dict:
        return lambda v: None if v is None else dict(v)
    if tp is datetime:
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(tp) if f.init}

        def build(v: Any) -> Any:
            if v is None:
                return None
            return tp(**{k: fields[k](x) for k, x in v.items() if k in fields})

        return build
    return _identity


def now() -> datetime:
    return datetime.now(UTC)


def fold(text: str | None) -> str:
    """Casefolded text for case-insensitive matching in any script (ß, Ö, Д, ...)."""
    return " ".join((text or "").split()).casefold()


# Latin letters with a stroke or ligatures, which Unicode does not decompose into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe",
                               "þ": "th", "ð": "d", "ƚ": "l", "ɨ": "i"})


def search_fold(text: str | None) -> str:
    """`fold` without diacritics (Gävle = gavle, Beïda = beida, Łódź = lodz): what every search column holds
    and every search term is reduced to, on both databases."""
    folded = fold(text)
    if folded.isascii():  # nothing to decompose: the common case, and a long text's cost
        return folded
    decomposed = unicodedata.normalize("NFKD", folded.translate(_UNDECOMPOSED))
    if max(decomposed) <= "\uffff":  # the marks of the Basic Multilingual Plane, removed in one C pass
        return unicodedata.normalize("NFC", _bmp_marks().sub("", decomposed))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@functools.cache
def _bmp_marks() -> re.Pattern[str]:
    """A character class of every combining character of the Basic Multilingual Plane."""
    marks = [cp for cp in range(0x10000) if unicodedata.combining(chr(cp))]
    ranges: list[list[int]] = []
    for cp in marks:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]")


def lines(values: Iterable[str | None]) -> str:
    """Unique search-folded values as "\\nv1\\nv2\\n", so that LIKE '%\\nv\\n%' matches a whole value."""
    seen = dict.fromkeys(f for f in (search_fold(v) for v in values) if f)
    return "\n" + "\n".join(seen) + "\n" if seen else ""


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def any_of(column: Any, values: Sequence[str], dialect: str) -> sa.ColumnElement[bool]:
    """`column IN (values)`; on PostgreSQL `column = ANY(:array)`, one statement text whatever the number of
    values (an IN list of N placeholders is a new statement for every N: compiled and parsed again)."""
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam(None, list(values), type_=postgresql.ARRAY(sa.Text)))
    return column.in_(list(values))


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def dialect_insert(conn: sa.Connection, table: sa.Table) -> Any:
    """INSERT with the dialect's ON CONFLICT support (same API on SQLite and PostgreSQL)."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def article_row(article: Article, ingested_at: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "content_hash": article.content_hash or None,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "published": article.published,
        "published_precision": article.published_precision,
        "lang": article.lang,
        "lang_confidence": article.lang_confidence,
        "text": article.text,
        "removed": json.dumps(list(article.removed), ensure_ascii=False),
        "origin": article.origin or "",
        "ingested_at": ingested_at,
    }


def row_article(row: Mapping[str, Any], with_text: bool = True) -> Article:
    return Article(
        id=row["id"],
        text=row["text"] if with_text else "",
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        authors=loads(row["authors"], []),
        published=row["published"],
        published_precision=row["published_precision"],
        lang=row["lang"],
        lang_confidence=row["lang_confidence"],
        content_hash=row["content_hash"] or "",
        origin=row["origin"],
        removed=loads(row["removed"], []) if with_text else [],
    )


def analysis_row(analysis: Analysis) -> dict[str, Any]:
    """The analysis as JSON without its embedding, which goes to its own binary column."""
    return {
        "article_id": analysis.article_id,
        "json": dumps(dataclasses.replace(analysis, embedding=None)),
        "embedding": pack_floats(analysis.embedding),
    }


def row_analysis(text: str, embedding: bytes | None) -> Analysis:
    analysis: Analysis = load_as(Analysis, text)
    analysis.embedding = unpack_floats(embedding)
    return analysis
