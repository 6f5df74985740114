"""Metadata: dates, URL, outlet, title sniffed from text; given metadata wins; ids and hashes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.clean import CleanError, clean
from corroborate.clean.dates import is_date_line, parse_date
from corroborate.clean.urls import registrable_domain
from corroborate.model import Document

BODY = (
    "Firefighters contained a warehouse blaze in the port district of Dunmarsh on Sunday night.\n\n"
    "The fire service said three workers were treated for smoke inhalation.\n\n"
    "An investigation into the cause of the fire is under way, a spokeswoman said."
)


def doc(text: str, **kw: object) -> Document:
    return Document(origin="test", content=text, kind="text", **kw)  # type: ignore[arg-type]


def test_leading_date_and_url_prefix() -> None:
    art = clean(doc(f" date 2023-09-17 https://www.harbourpost.example.co.uk/news/blaze-123.html\n\n{BODY}"))
    assert art.published == datetime(2023, 9, 17, tzinfo=UTC)
    assert art.published_precision == "day"
    assert art.url == "https://www.harbourpost.example.co.uk/news/blaze-123.html"
    assert art.outlet == "example.co.uk"
    assert art.text == BODY
    assert "date 2023-09-17" in art.removed


def test_day_date_refined_by_same_day_timestamps() -> None:
    text = f"date 2023-09-17\n\nWarehouse fire contained\n\n2023-09-17T21:40+0000\n\n2023-09-17T20:05+0000\n\n{BODY}"
    art = clean(doc(text))
    assert art.published == datetime(2023, 9, 17, 20, 5, tzinfo=UTC)
    assert art.published_precision == "minute"


def test_earliest_timestamp_line_without_prefix() -> None:
    text = f"{BODY}\n\n2023-09-18T08:00:00Z\n\n2023-09-17T22:30:00+02:00"
    art = clean(doc(text))
    assert art.published == datetime(2023, 9, 17, 20, 30, tzinfo=UTC)
    assert "2023-09-18T08:00:00Z" in art.removed


@pytest.mark.parametrize(
    ("line", "expected", "precision"),
    [
        ("Posted: Sunday, September 17, 2023 10:21 PM EST", datetime(2023, 9, 18, 3, 21, tzinfo=UTC), "minute"),
        ("Published 17 September 2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
        ("Publicerad 17 september 2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
        ("Veröffentlicht am 17.09.2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
        ("Publicado el 17 de septiembre de 2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
        ("Publié le 17 septembre 2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
        ("Опубликовано 17 сентября 2023", datetime(2023, 9, 17, tzinfo=UTC), "day"),
    ],
)
def test_dateline_near_start(line: str, expected: datetime, precision: str) -> None:
    art = clean(doc(f"{line}\n\n{BODY}"))
    assert art.published == expected
    assert art.published_precision == precision
    assert art.text == BODY


def test_dateline_glued_to_headline_is_cut_and_headline_kept_as_title() -> None:
    text = ("Warehouse blaze contained in Dunmarsh Posted: Sunday, September 17, 2023 10:21 PM EST "
            f"Updated: Monday, September 18, 2023 6:31 AM EST\n\n{BODY}")
    art = clean(doc(text))
    assert art.title == "Warehouse blaze contained in Dunmarsh"
    assert art.published == datetime(2023, 9, 18, 3, 21, tzinfo=UTC)
    assert art.text == BODY


def test_date_in_a_body_sentence_is_not_a_dateline() -> None:
    sentence = "The report was published on 17 September 2023 and criticised the port's safety record."
    art = clean(doc(f"{sentence}\n\n{BODY}"))
    assert art.text.startswith(sentence)
    assert art.published is None


def test_no_date_means_none() -> None:
    art = clean(doc(BODY))
    assert art.published is None and art.published_precision is None


def test_given_metadata_wins() -> None:
    text = f"date 2023-09-17 https://harbourpost.example/x\n\nSniffed headline here\n\n{BODY}"
    art = clean(doc(text, title="Given title", url="https://other.example.org/a", published="2023-09-20T10:00:00Z",
                    source="Harbour Post", lang="en", given_id="abc-1"))
    assert art.title == "Given title"
    assert art.url == "https://other.example.org/a"
    assert art.published == datetime(2023, 9, 20, 10, 0, tzinfo=UTC)
    assert art.outlet == "Harbour Post"
    assert art.lang == "en" and art.lang_confidence == 1.0
    assert art.id == "abc-1"


def test_given_title_repeated_in_text_is_removed() -> None:
    art = clean(doc(f"Warehouse blaze contained in Dunmarsh\n\n{BODY}", title="Warehouse blaze contained in Dunmarsh - Harbour Post"))
    assert art.text == BODY


def test_headline_first_line_becomes_title_but_not_a_sentence() -> None:
    assert clean(doc(f"Warehouse blaze contained in Dunmarsh\n\n{BODY}")).title == "Warehouse blaze contained in Dunmarsh"
    art = clean(doc(BODY))
    assert art.title is None
    assert art.text == BODY


def test_id_and_content_hash() -> None:
    a = clean(doc(BODY))
    b = clean(doc(BODY.upper().replace("\n\n", "\n\n\n   ")))
    assert a.content_hash == b.content_hash
    assert a.id == a.content_hash[:16]
    assert len(a.content_hash) == 40


def test_clean_error_on_empty_and_boilerplate_only() -> None:
    with pytest.raises(CleanError, match="no article text"):
        clean(doc("   \n\n  "))
    with pytest.raises(CleanError, match="empty-origin"):
        clean(Document(origin="empty-origin", content="Advertisement\n\nLeave a Comment\n\nhttps://x.example/a.jpg",
                       kind="text"))


def test_registrable_domain() -> None:
    assert registrable_domain("https://www.news.example.co.uk/a?b=1") == "example.co.uk"
    assert registrable_domain("http://WWW.Example.com:8080/") == "example.com"
    assert registrable_domain("www.example.org/path") == "example.org"
    assert registrable_domain("not a url") is None


def test_date_helpers() -> None:
    assert is_date_line("Sunday, 17 September 2023")
    assert is_date_line("10:21 a.m.")
    assert is_date_line("17.09.2023")
    assert not is_date_line("On Sunday the fire spread.")
    assert parse_date("17.09.2023") == (datetime(2023, 9, 17, tzinfo=UTC), "day")
    assert parse_date("sometime soon") is None
