"""read_paths on plain files and folders: kinds, ids, walking, and every kind of bad input."""

from __future__ import annotations

import gzip
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from corroborate.model import Document, ReadError
from corroborate.read import MAX_DOCUMENT_BYTES, count_documents, describe, read_paths

TEXTS = {
    "en": "Storm floods the valley town of Marrowby\n\nResidents of Marrowby were evacuated on Tuesday.",
    "sv": "Storm översvämmar Gransjö\n\nInvånarna i Gransjö evakuerades på tisdagen, enligt kommunen.",
    "de": "Sturm überflutet Kleinwaldau\n\nDie Bewohner von Kleinwaldau wurden am Dienstag in Sicherheit gebracht.",
    "es": "Una tormenta inunda Villacerro\n\nLos vecinos de Villacerro fueron evacuados el martes, según el alcalde.",
    "fr": "Une tempête inonde Montclair-sur-Lys\n\nLes habitants ont été évacués mardi, d’après la mairie.",
    "ar": "عاصفة تغمر بلدة الريحانة\n\nتم إجلاء سكان بلدة الريحانة يوم الثلاثاء، وفقا للبلدية.",
    "ru": "Шторм затопил посёлок Ольховка\n\nЖителей Ольховки эвакуировали во вторник, сообщили власти.",
}


def docs(items: list[Document | ReadError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Document | ReadError]) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def read(*paths: str | Path, **kwargs: object) -> list[Document | ReadError]:
    return list(read_paths(list(paths), **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_text_file_in_each_language(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"story-{lang}.txt"
    path.write_text(TEXTS[lang], encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.kind == "text"
    assert doc.content == TEXTS[lang]
    assert doc.given_id == f"story-{lang}"
    assert doc.origin == str(path)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_html_file_in_each_language_with_crlf(tmp_path: Path, lang: str) -> None:
    title, body = TEXTS[lang].split("\n\n")
    html = f"<!DOCTYPE html>\r\n<html><head><title>{title}</title></head>\r\n<body><p>{body}</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.kind == "html"
    assert doc.given_id == "page"
    assert "\r" not in doc.content and body in doc.content


@pytest.mark.parametrize("lang,codec", [("sv", "cp1252"), ("de", "latin-1"), ("fr", "cp1252"), ("es", "latin-1"),
                                        ("ru", "cp1251"), ("ar", "cp1256"), ("en", "utf-16")])
def test_legacy_encoded_files_are_decoded(tmp_path: Path, lang: str, codec: str) -> None:
    text = TEXTS[lang].replace("’", "'") if codec == "latin-1" else TEXTS[lang]
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    (doc,) = read(path)
    assert isinstance(doc, Document), doc
    assert doc.content == text


def test_htm_and_truncated_html_are_passed_on(tmp_path: Path) -> None:
    path = tmp_path / "cut.htm"
    path.write_text("<html><body><div><p>The council met on Friday and vot", encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.kind == "html"
    assert doc.content.endswith("vot")


def test_content_is_sniffed_without_extension(tmp_path: Path) -> None:
    (tmp_path / "page").write_text("<!doctype html><html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "notes").write_text("Just a plain report about the harbour.", encoding="utf-8")
    (tmp_path / "lines.dat").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    assert read(tmp_path) == []  # a folder gives only the listed extensions, others with --include
    items = read(tmp_path, include=["*"])
    assert [(d.given_id, d.kind) for d in docs(items)] == [(None, "text"), (None, "text"), ("notes", "text"),
                                                            ("page", "html")]
    assert not errors(items)
    assert [d.kind for d in docs(read(tmp_path / "page"))] == ["html"]  # a file named explicitly is read


def test_gzipped_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(TEXTS["de"].encode("utf-8")))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x1", "text": "eins"}\n{"id": "x2", "text": "zwei"}\n'))
    items = read(tmp_path)
    assert [(d.given_id, d.content) for d in docs(items)] == [("a", TEXTS["de"]), ("x1", "eins"), ("x2", "zwei")]


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>third</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("internal", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    (tmp_path / "bundle.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    items = read(tmp_path)
    assert [d.content for d in docs(items)] == ["first", "second", "<p>third</p>"]
    assert not errors(items)
    reported = errors(read(tmp_path, report_skipped=True))
    assert sorted(Path(e.origin).name for e in reported) == [".git", ".hidden.txt", "bundle.zip", "photo.jpg"]
    assert all(e.message.startswith("skipped") for e in reported)


def test_include_and_exclude_patterns(tmp_path: Path) -> None:
    for rel in ["news/a.txt", "news/b.html", "drafts/c.txt", "d.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    assert [d.content for d in docs(read(tmp_path, include=["*.txt"]))] == ["d.txt", "drafts/c.txt", "news/a.txt"]
    assert [d.content for d in docs(read(tmp_path, exclude=["drafts"]))] == ["d.txt", "news/a.txt", "news/b.html"]
    assert [d.content for d in docs(read(tmp_path, include=["news/*"], exclude=["*.html"]))] == ["news/a.txt"]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".draft.txt"
    path.write_text("named on purpose", encoding="utf-8")
    assert [d.content for d in docs(read(path))] == ["named on purpose"]


# --------------------------------------------------------------------------- bad input


def test_empty_and_whitespace_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.html").write_bytes(b"  \n\t\n")
    (tmp_path / "c.txt").write_text("fine", encoding="utf-8")
    items = read(tmp_path)
    errs = errors(items)
    assert [Path(e.origin).name for e in errs] == ["a.txt", "b.html"]
    assert "empty file (0 bytes)" in errs[0].message
    assert "only whitespace" in errs[1].message
    assert [d.content for d in docs(items)] == ["fine"]


def test_binary_renamed_as_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (tmp_path / "blob.html").write_bytes(b"<p>" + bytes(range(256)) * 10)
    (tmp_path / "ok.txt").write_text("still read", encoding="utf-8")
    items = read(tmp_path)
    errs = errors(items)
    assert len(errs) == 2
    assert "PNG image" in errs[1].message and errs[1].origin.endswith("image.txt")
    assert "binary" in errs[0].message and errs[0].origin.endswith("blob.html")
    assert [d.content for d in docs(items)] == ["still read"]


def test_huge_file_is_reported_fast_and_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write(b"A long article. " * 8192)
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    tracemalloc.start()
    started = time.perf_counter()
    (err,) = read(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(err, ReadError)
    assert "100.0 MB" in err.message and "limit" in err.message
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "mid.txt"
    path.write_text("x" * 5000, encoding="utf-8")
    assert isinstance(read(path, max_bytes=1000)[0], ReadError)
    assert isinstance(read(path)[0], Document)
    assert MAX_DOCUMENT_BYTES == 20 * 1024 * 1024


def test_huge_gzip_is_stopped_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 400_000))  # 2 MB inflated
    (err,) = read(path, max_bytes=100_000)
    assert isinstance(err, ReadError) and "limit" in err.message


def test_nonexistent_path_is_reported_and_rest_continues(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("present", encoding="utf-8")
    items = read(tmp_path / "missing.txt", good, tmp_path / "nodir")
    assert [type(i).__name__ for i in items] == ["ReadError", "Document", "ReadError"]
    assert "no such file" in items[0].message  # type: ignore[union-attr]
    assert describe(items[0]).startswith(str(tmp_path / "missing.txt") + ": ")  # type: ignore[arg-type]


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    items = read(tmp_path)
    (err,) = items
    assert isinstance(err, ReadError) and "broken symbolic link" in err.message
    (err2,) = read(tmp_path / "dangling.txt")
    assert isinstance(err2, ReadError) and "broken symbolic link" in err2.message


def test_symlink_loops_are_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("inside", encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    items = read(tmp_path)
    assert [d.content for d in docs(items)] == ["inside"]
    messages = {Path(e.origin).name: e.message for e in errors(items)}
    assert "directory symlink loop" in messages["back"]
    assert "loop" in messages["self"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files regardless of mode")
def test_permission_denied_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        errs = errors(read(tmp_path))
        assert {Path(e.origin).name for e in errs} == {"locked.txt", "closed"}
        assert all("permission denied" in e.message for e in errs)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)


def test_non_feed_xml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>http://example.org/</loc></url></urlset>',
                    encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, ReadError) and "neither an RSS/Atom feed" in err.message


# --------------------------------------------------------------------------- count_documents


def test_count_documents_estimates_what_read_paths_yields(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("".join(f'{{"text": "line {i}"}}\n' for i in range(25)), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "no final newline"}', encoding="utf-8")
    (tmp_path / "d.rss").write_text(
        "<rss><channel><title>T</title>" + "<item><title>x</title><description>y</description></item>" * 3
        + "</channel></rss>", encoding="utf-8")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert count_documents([tmp_path]) == 1 + 25 + 1 + 3
    assert count_documents([tmp_path], include=["*.txt"]) == 1
    assert count_documents([tmp_path]) == len(read(tmp_path))


def test_sniffing_tells_html_from_feeds_and_json_from_jsonl() -> None:
    from corroborate.read.sniff import sniff

    page = b'<!DOCTYPE html><html><head><link type="application/rss+xml"></head><body><feed>x</feed></body>'
    assert sniff(page) == "html"
    assert sniff(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>') == "feed"
    assert sniff(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff(b'{\n  "text": "a"\n}') == "json"
    assert sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff("Шторм затопил посёлок".encode()) == "text"
