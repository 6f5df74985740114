"""RSS and Atom feed files: one Document per entry with the entry's metadata."""

from __future__ import annotations

from pathlib import Path

from corroborate.model import Document, ReadError
from corroborate.read import read_paths

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Gransjö Tidning</title><language>sv</language><link>https://tidning.example/</link>
<item><title>Brand i lagerlokal</title><link>https://tidning.example/brand</link><guid>tid-101</guid>
  <pubDate>Tue, 04 Mar 2031 18:30:00 +0100</pubDate><dc:creator>Lena Ekholm</dc:creator>
  <description>Kort sammanfattning.</description>
  <content:encoded><![CDATA[<p>Räddningstjänsten larmades till en lagerlokal på tisdagskvällen.</p>]]></content:encoded></item>
<item><title>Vägen stängd</title><link>https://tidning.example/vag</link><guid>tid-102</guid>
  <author>redaktion@tidning.example (Per Alm)</author>
  <description>Vägen mellan byarna är stängd efter ett ras.</description></item>
<item><title>Bara rubrik</title><link>https://tidning.example/rubrik</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>Вести Ольховки</title>
  <entry><id>urn:vesti:7</id><title>Паводок отступает</title>
    <link href="https://vesti.example/7"/><updated>2031-04-01T06:00:00Z</updated>
    <author><name>Ирина Соколова</name></author><author><name>Олег Петров</name></author>
    <content type="html">&lt;p&gt;Вода в реке начала спадать.&lt;/p&gt;</content></entry>
  <entry><id>urn:vesti:8</id><title>Мост</title><link href="https://vesti.example/8"/>
    <summary type="text">Мост открыт.</summary></entry>
</feed>"""


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "tidning.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_paths([path]))
    first, second, third = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.kind == "html" and "tisdagskvällen" in first.content  # full content beats the summary
    assert (first.title, first.url, first.given_id, first.source, first.lang) == (
        "Brand i lagerlokal", "https://tidning.example/brand", "tid-101", "Gransjö Tidning", "sv")
    assert first.published == "Tue, 04 Mar 2031 18:30:00 +0100"
    assert first.authors == ["Lena Ekholm"]
    assert first.origin == f"{path}#1"
    assert second.content == "Vägen mellan byarna är stängd efter ett ras." and second.authors == ["Per Alm"]
    assert isinstance(third, ReadError) and third.origin == f"{path}#3"
    assert "neither content nor summary" in third.message and "follow_feed_links" in third.message


def test_atom_with_several_authors_and_text_summary(tmp_path: Path) -> None:
    path = tmp_path / "vesti.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read_paths([path])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.content == "<p>Вода в реке начала спадать.</p>" and first.kind == "html"
    assert first.authors == ["Ирина Соколова", "Олег Петров"]
    assert first.published == "2031-04-01T06:00:00Z" and first.given_id == "urn:vesti:7"
    assert first.lang == "ru" and first.source == "Вести Ольховки"
    assert second.kind == "text" and second.content == "Мост открыт."


def test_xml_extension_and_no_extension_are_sniffed_as_feeds(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "feed-download").write_text(RSS, encoding="utf-8")
    items = list(read_paths([tmp_path], include=["*"]))  # a name without extension: only with --include
    assert len([i for i in items if isinstance(i, Document)]) == 4
    assert len([i for i in items if isinstance(i, ReadError)]) == 1  # the entry without a body


def test_legacy_encoded_feed(tmp_path: Path) -> None:
    feed = ATOM.replace('encoding="utf-8"', 'encoding="windows-1251"')
    path = tmp_path / "old.rss"
    path.write_bytes(feed.encode("cp1251"))
    first = next(iter(read_paths([path])))
    assert isinstance(first, Document) and first.title == "Паводок отступает"


def test_broken_feed_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Half", encoding="utf-8")
    (err,) = read_paths([path])
    assert isinstance(err, ReadError) and "feed" in err.message
