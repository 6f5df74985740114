"""JSON and JSONL readers: field synonyms, ids, origins, bad lines, huge lines, streaming memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from corroborate.model import Document, ReadError
from corroborate.read import read_paths
from corroborate.read.records import RecordProblem, document_from_record

ARTICLES = {
    "en": "The bridge over the Tallow river reopened on Sunday after repairs.",
    "sv": "Bron över Tallowån öppnade igen på söndagen efter reparationer.",
    "de": "Die Brücke über die Tallow wurde am Sonntag nach Reparaturen wieder geöffnet.",
    "es": "El puente sobre el río Tallow reabrió el domingo tras las reparaciones.",
    "fr": "Le pont sur la Tallow a rouvert dimanche après des réparations.",
    "ar": "أعيد فتح الجسر فوق نهر تالو يوم الأحد بعد إصلاحات.",
    "ru": "Мост через реку Таллоу вновь открыли в воскресенье после ремонта.",
}


def read(path: Path, **kwargs: object) -> list[Document | ReadError]:
    return list(read_paths([path], **kwargs))  # type: ignore[arg-type]


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_in_every_language_keeps_metadata(tmp_path: Path) -> None:
    rows = [{"id": f"br-{lang}", "lang": lang, "title": f"Bridge {lang}", "text": text, "date": "2031-05-04",
             "source": "Tallow Courier", "url": f"https://example.org/{lang}"} for lang, text in ARTICLES.items()]
    items = read(write_jsonl(tmp_path / "all.jsonl", rows))
    assert all(isinstance(i, Document) for i in items)
    got = {d.lang: d for d in items if isinstance(d, Document)}
    for lang, text in ARTICLES.items():
        doc = got[lang]
        assert doc.content == text and doc.kind == "text" and doc.given_id == f"br-{lang}"
        assert doc.title == f"Bridge {lang}" and doc.published == "2031-05-04"
        assert doc.source == "Tallow Courier" and doc.url == f"https://example.org/{lang}"
    assert [d.origin for d in items] == [f"{tmp_path / 'all.jsonl'}:{n}" for n in range(1, 8)]  # type: ignore[union-attr]


def test_synonyms_and_html_bodies() -> None:
    doc = document_from_record({"content": "<p>Council <b>votes</b></p>", "published": "2031-01-02T10:00:00Z",
                                "outlet": "Daily Example", "link": "https://example.org/x", "language": "fr",
                                "headline": "H", "author": ["Ana Ruiz", {"name": "Bo Lind"}],
                                "fetched_at": "2031-01-03T00:00:00+02:00", "doc_id": 17}, "x:1")
    assert doc.kind == "html" and doc.content.startswith("<p>")
    assert (doc.published, doc.source, doc.url, doc.lang, doc.title) == (
        "2031-01-02T10:00:00Z", "Daily Example", "https://example.org/x", "fr", "H")
    assert doc.authors == ["Ana Ruiz", "Bo Lind"]
    assert doc.given_id == "17"
    assert doc.fetched is not None and doc.fetched.isoformat() == "2031-01-02T22:00:00+00:00"
    html = document_from_record({"html": "<html><body>Hi</body></html>", "source": {"id": "x", "name": "Wire"}}, "y")
    assert html.kind == "html" and html.source == "Wire" and html.given_id is None
    plain = document_from_record({"text": "<p> is how a paragraph starts", "body": "ignored"}, "z")
    assert plain.kind == "text" and plain.content.startswith("<p>")


def test_record_problems_say_what_to_do() -> None:
    with pytest.raises(RecordProblem, match="no 'text' or 'html' field .*fields found: id, title"):
        document_from_record({"id": "1", "title": "T"}, "o")
    with pytest.raises(RecordProblem, match="empty or not a string"):
        document_from_record({"text": "   "}, "o")
    with pytest.raises(RecordProblem, match="found a list"):
        document_from_record([1, 2], "o")


def test_bad_jsonl_lines_are_reported_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "first"}\n'
        b'{"id": "b", "text": "broken\n'
        b"\n"
        b'{"id": "c", "title": "no body"}\n'
        b'["not", "an", "object"]\n'
        b'{"id": "d", "text": "caf\xe9 in cp1252"}\r\n'
        b'{"id": "e", "text": "last, no newline"}'
    )
    items = read(path)
    assert [(type(i).__name__, i.origin.rsplit(":", 1)[1]) for i in items] == [
        ("Document", "1"), ("ReadError", "2"), ("ReadError", "4"), ("ReadError", "5"), ("Document", "6"),
        ("Document", "7")]
    assert items[1].message.startswith("invalid JSON (")  # type: ignore[union-attr]
    assert "no 'text' or 'html' field" in items[2].message  # type: ignore[union-attr]
    assert items[4].content == "café in cp1252"  # type: ignore[union-attr]


def test_overlong_jsonl_line_is_skipped_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"text": "small one"}\n')
        f.write('{"text": "' + "x" * 3_000_000 + '"}\n')
        f.write('{"text": "small two"}\n')
    tracemalloc.start()
    items = read(path, max_bytes=100_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert items[1].origin.endswith(":2") and "line is 2.9 MB" in items[1].message  # type: ignore[union-attr]
    assert peak < 2_000_000


def test_jsonl_streams_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    row = json.dumps({"text": "Ordinary paragraph about a market fire. " * 20}) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(6000):
            f.write(row.replace("market", f"market {i}"))
    size = path.stat().st_size
    tracemalloc.start()
    count = 0
    for item in read_paths([path]):
        assert isinstance(item, Document)
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 6000
    assert size > 4_000_000 and peak < size / 10


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "Пожар"}\n{"text": "حريق"}\n'.encode("utf-16"))
    assert [d.content for d in read(path)] == ["Пожар", "حريق"]  # type: ignore[union-attr]


def test_json_object_list_and_wrapper(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "solo", "text": ARTICLES["de"]}, ensure_ascii=False), encoding="utf-8")
    (doc,) = read(single)
    assert isinstance(doc, Document) and doc.given_id == "solo" and doc.origin == str(single)
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"text": "a"}, {"title": "no text"}, {"html": "<p>c</p>"}]), encoding="utf-8")
    items = read(listed)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert items[1].origin == f"{listed}#2"
    wrapped = tmp_path / "api.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"content": "x", "title": "t"}]}), encoding="utf-8")
    assert [d.content for d in read(wrapped)] == ["x"]  # type: ignore[union-attr]


def test_invalid_and_empty_json_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "text": "unterminated\n}', encoding="utf-8")
    (err,) = read(bad)
    assert isinstance(err, ReadError) and err.origin == f"{bad}:2" and "invalid JSON" in err.message
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    (err2,) = read(empty)
    assert isinstance(err2, ReadError) and "no articles" in err2.message


def test_json_file_over_limit_suggests_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": "y" * 1000}] * 50), encoding="utf-8")
    (err,) = read(path, max_bytes=10_000)
    assert isinstance(err, ReadError) and "convert it to JSONL" in err.message
