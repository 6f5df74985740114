"""WARC archives written here with warcio: which records become Documents, metadata, damage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.model import Document, ReadError
from corroborate.read import count_documents, read_paths

PAGE_SV = "<html><head><title>Brand i hamnen</title></head><body><p>Räddningstjänsten var på plats i Norrvik.</p></body></html>"
PAGE_RU = "<html><body><p>Пожар в порту посёлка Северный потушен.</p></body></html>"
PAGE_AR = "<html><body><p>أُخمد الحريق في ميناء بلدة الشمال.</p></body></html>"


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK",
              date: str = "2031-07-08T09:10:11Z") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def make_warc(path: Path, gzip: bool) -> Path:
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "https://news.example/sv/brand", PAGE_SV.encode("utf-8"), "text/html; charset=utf-8")
        request = writer.create_warc_record("https://news.example/sv/brand", "request",
                                            payload=io.BytesIO(b"GET /sv/brand HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image/png")
        _response(writer, "https://news.example/missing", b"<html>gone</html>", "text/html", status="404 Not Found")
        _response(writer, "https://news.example/ru/pozhar", PAGE_RU.encode("cp1251"), "text/html; charset=windows-1251")
        _response(writer, "https://news.example/ar/harik", PAGE_AR.encode("utf-8"), "text/html")
        _response(writer, "https://news.example/notes.txt", b"Plain notice.\r\nSecond line.", "text/plain")
        resource = writer.create_warc_record("file:///local/page.html", "resource",
                                             payload=io.BytesIO(b"<p>stored page</p>"),
                                             warc_content_type="text/html")
        writer.write_record(resource)
    return path


@pytest.mark.parametrize("gzip,name", [(False, "crawl.warc"), (True, "crawl.warc.gz")])
def test_warc_responses_become_documents(tmp_path: Path, gzip: bool, name: str) -> None:
    path = make_warc(tmp_path / name, gzip)
    items = list(read_paths([path]))
    assert all(isinstance(i, Document) for i in items), items
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == ["https://news.example/sv/brand", "https://news.example/ru/pozhar",
                                     "https://news.example/ar/harik", "https://news.example/notes.txt",
                                     "file:///local/page.html"]
    assert [d.kind for d in docs] == ["html", "html", "html", "text", "html"]
    assert docs[0].content == PAGE_SV and docs[1].content == PAGE_RU and docs[2].content == PAGE_AR
    assert docs[3].content == "Plain notice.\nSecond line."
    assert docs[0].fetched is not None and docs[0].fetched.isoformat() == "2031-07-08T09:10:11+00:00"
    assert docs[0].origin == f"{path}#2"
    assert all(d.given_id is None for d in docs)


def test_warc_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "crawl.warc.gz", gzip=True)
    renamed = path.rename(tmp_path / "crawl-output")
    assert len([i for i in read_paths([renamed]) if isinstance(i, Document)]) == 5


def test_oversized_record_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        _response(writer, "https://news.example/huge", b"<p>" + b"a" * 50_000 + b"</p>", "text/html")
        _response(writer, "https://news.example/small", b"<p>small</p>", "text/html")
    items = list(read_paths([path], max_bytes=10_000))
    assert isinstance(items[0], ReadError) and "limit" in items[0].message and items[0].origin.endswith("#1")
    assert isinstance(items[1], Document) and items[1].url == "https://news.example/small"


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "cut.warc.gz", gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_paths([path]))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], ReadError)
    assert "damaged or truncated" in items[-1].message


def test_count_documents_counts_responses(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "crawl.warc", gzip=False)
    # counts every response/resource record (7): an estimate, the 404 and the image are skipped on reading
    assert count_documents([path]) == 7
