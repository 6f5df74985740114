"""Property tests: no generated input crashes a reader, the cleaner, an analyzer component, the HTTP ingest
or an ingest batch. Inputs: unicode of every plane (lone surrogates included), combining marks, bidi
overrides, digits of every script, superscripts and circled digits, dates at the calendar's limits,
broken markup and JSON. `HYPOTHESIS_PROFILE=fuzz` (`make fuzz`) runs 10,000 cases per target.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trust_strategies import CASES, any_date, any_lang, html_page, json_record, news_text, to_json

from corroborate.analyze import Analyzer, load_component
from corroborate.clean import CleanError, clean
from corroborate.model import Analysis, Article, Document, ReadError
from corroborate.read import decode_bytes, read_file

WORKDIR = Path(tempfile.mkdtemp(prefix="corroborate-fuzz-"))
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "cp1252", "cp1251", "latin-1", "gb18030", "shift_jis", "koi8-r"]


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


file_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(encoded, news_text(), st.sampled_from(ENCODINGS)),
    st.builds(lambda a, b: a + b, st.builds(encoded, news_text(), st.just("utf-8")), st.binary(max_size=8)),
)


def _read_all(name: str, data: bytes) -> list[Document | ReadError]:
    path = WORKDIR / name
    path.write_bytes(data)
    out = list(read_file(path))
    assert all(isinstance(item, Document | ReadError) for item in out)
    for item in out:
        if isinstance(item, Document) and isinstance(item.content, str):
            item.content.encode("utf-8", "surrogatepass")
    return out


# --------------------------------------------------------------------------- readers


@given(st.sampled_from(["a.txt", "a.html", "a.htm", "a.md"]), file_bytes)
def test_fuzz_read_text_and_html_files(name: str, data: bytes) -> None:
    CASES.hit("read: text/html files")
    _read_all(name, data)


@given(st.lists(st.one_of(json_record().map(to_json), st.text(max_size=200), st.binary(max_size=100).map(repr)),
                max_size=5), st.booleans())
def test_fuzz_read_json_and_jsonl(lines: list[str], as_list: bool) -> None:
    CASES.hit("read: json/jsonl files")
    _read_all("a.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
    body = "[" + ",".join(lines) + "]" if as_list else (lines[0] if lines else "")
    _read_all("a.json", body.encode("utf-8", "surrogatepass"))


@given(st.lists(st.tuples(news_text(max_tokens=10), news_text(max_tokens=40), any_date), max_size=4), file_bytes,
       st.booleans())
def test_fuzz_read_feeds(entries: list[tuple[str, str, str | None]], noise: bytes, atom: bool) -> None:
    CASES.hit("read: feeds")

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")
    if atom:
        items = "".join(f"<entry><title>{esc(t)}</title><content type='html'>{esc(b)}</content>"
                        f"<updated>{esc(d or '')}</updated></entry>" for t, b, d in entries)
        doc = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>{items}</feed>"
    else:
        items = "".join(f"<item><title>{esc(t)}</title><description>{esc(b)}</description>"
                        f"<pubDate>{esc(d or '')}</pubDate></item>" for t, b, d in entries)
        doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{items}</channel></rss>"
    _read_all("a.rss", doc.encode("utf-8", "surrogatepass"))
    _read_all("b.xml", noise)


@given(st.lists(st.tuples(st.sampled_from(["text/html", "text/plain", "text/html; charset=koi8-r",
                                           "application/pdf", "", "text/html; charset=bogus"]), file_bytes),
                max_size=3), st.booleans())
def test_fuzz_read_warc(records: list[tuple[str, bytes]], compress: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    CASES.hit("read: warc files")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for i, (ctype, payload) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    data = out.getvalue()
    _read_all("a.warc.gz" if compress else "a.warc", gzip.compress(data) if compress else data)


@given(file_bytes, st.one_of(st.none(), st.sampled_from(["utf-8", "koi8-r", "bogus", "utf-16", "cp1252"])))
def test_fuzz_decode_bytes(data: bytes, declared: str | None) -> None:
    CASES.hit("read: decode_bytes")
    decoded = decode_bytes(data, declared=declared)
    assert isinstance(decoded.text, str)


# --------------------------------------------------------------------------- clean


@given(st.one_of(news_text(), html_page()), st.booleans(), news_text(max_tokens=8), any_date, any_lang)
def test_fuzz_clean(content: str, as_html: bool, title: str, date: str | None, lang: str | None) -> None:
    CASES.hit("clean")
    doc = Document(origin="fuzz", content=content, kind="html" if as_html else "text", title=title or None,
                   published=date, lang=lang)
    try:
        article = clean(doc)
    except CleanError:
        return
    for field in (article.text, article.title or "", article.id):
        field.encode("utf-8")  # storable: no lone surrogates
        assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in field)
    assert article.lang is None or (len(article.lang) == 2 and article.lang.isalpha())


# --------------------------------------------------------------------------- analyzer components

ANALYZER = Analyzer(skip=("embed",))
LANGS = st.one_of(st.none(), st.sampled_from(["en", "fr", "de", "es", "sv", "ru", "ar", "zh", "xx"]))
published = st.one_of(st.none(), st.datetimes().map(lambda d: d.replace(tzinfo=UTC)))


@given(news_text(max_tokens=120), news_text(max_tokens=10), published, LANGS)
def test_fuzz_analyzer_components(text: str, title: str, when, lang: str | None) -> None:
    article = Article(id="fuzz", text=text, title=title or None, published=when, lang=lang, origin="fuzz")
    analysis = Analysis(article_id=article.id, lang=lang)
    for name, component in ANALYZER.components:
        CASES.hit(f"analyze: {name}")
        component(article, analysis)


# The encoder costs ~0.3-4 s per text on 2 shared cores: 10 cases in `make test`, FUZZ_EMBED_EXAMPLES (500) in
# the long run.
EMBED_CASES = 10 if settings.default.max_examples <= 50 else int(os.environ.get("FUZZ_EMBED_EXAMPLES", "500"))


@pytest.mark.slow
@settings(max_examples=EMBED_CASES)
@given(news_text(max_tokens=60), news_text(max_tokens=10))
def test_fuzz_embed_component(text: str, title: str) -> None:
    CASES.hit("analyze: embed")
    article = Article(id="fuzz", text=text, title=title or None, origin="fuzz")
    load_component("embed")(article, Analysis(article_id="fuzz"))


# --------------------------------------------------------------------------- HTTP ingest and batches

TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    with TestClient(create_app(str(WORKDIR / "api.db"), ingest_token=TOKEN)) as c:
        yield c


def _fake_vectors(texts: list[str], max_chars: int = 480):
    """A cheap stand-in for the encoder (fuzzed on its own above): one fixed direction per text."""
    import numpy as np

    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i, hash(text) % 384] = 1.0
    return out


def test_fuzz_http_ingest(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.analyze import embed as embed_module

    monkeypatch.setattr(embed_module, "embed_texts", _fake_vectors)
    @given(st.one_of(json_record().map(to_json), st.lists(json_record(), min_size=1, max_size=3).map(to_json),
                     st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))),
           st.sampled_from(["application/json", "text/plain", ""]))
    def post(body: str, ctype: str) -> None:
        CASES.hit("http: POST /api/articles")
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": ctype}
        response = client.post("/api/articles", content=body.encode("utf-8", "surrogatepass"), headers=headers)
        assert response.status_code in (200, 400, 413, 415, 422), response.text[:500]
        if response.status_code == 200:
            report = response.json()
            assert report["ingested"] + report["duplicates"] + len(report["failures"]) >= report["documents"]

    post()


@given(st.lists(json_record(), min_size=1, max_size=4))
def test_fuzz_ingest_batches_lose_nothing(records: list[dict]) -> None:
    """A batch of generated documents plus one ordinary article: the ordinary one is always stored."""
    from corroborate.pipeline import Ingestor
    from corroborate.read.records import RecordProblem, document_from_record
    from corroborate.store import Store

    CASES.hit("pipeline: ingest batch")
    control = Document(origin="control", content="Three workers were killed in a rockfall at the Velmora quarry "
                       "on Monday, the regional mine inspector said.", kind="text", given_id="control")
    docs: list[Document | ReadError] = []
    for i, record in enumerate(records):
        try:
            docs.append(document_from_record(json.loads(to_json(record)), f"fuzz:{i}"))
        except RecordProblem as exc:  # a record the reader refuses is a ReadError in real reads
            docs.append(ReadError(f"fuzz:{i}", str(exc)))
    path = WORKDIR / "batch.db"
    path.unlink(missing_ok=True)
    with Store(str(path)) as store:
        report = Ingestor(store, ANALYZER, lazy_embed=False).ingest([*docs, control])
        assert store.get_articles(["control"]), f"batch lost: {report.failures}"
        assert report.ingested + report.duplicates + len(report.failures) == report.documents
