"""Input hygiene: implausible or impossible dates, language codes, bidi controls, broken encodings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from corroborate.analyze import Analyzer
from corroborate.clean import clean
from corroborate.clean.hygiene import language_code, publication_date
from corroborate.model import Document
from corroborate.pipeline import Ingestor
from corroborate.read import decode_bytes, read_file
from corroborate.store import Store

TEXT = "A rockfall at the Velmora quarry killed three workers on Monday, the regional mine inspector said."


def _clean(**fields: object):
    return clean(Document(origin="t.json", content=fields.pop("content", TEXT), kind="text", **fields))  # type: ignore[arg-type]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1850-05-01", "1989-12-31T23:00:00Z"])
def test_dates_outside_the_plausible_range_are_unknown_and_reported(date: str) -> None:
    article = _clean(published=date)
    assert article.published is None
    assert any("outside" in w and "date unknown" in w for w in article.warnings)


def test_a_date_after_tomorrow_is_unknown() -> None:
    later = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    assert _clean(published=later).published is None
    today = datetime.now(UTC).date().isoformat()
    kept = _clean(published=today)
    assert kept.published is not None and not kept.warnings


@pytest.mark.parametrize(("date", "what"), [("2023-02-30", "day 30 of month 2"), ("2023-13-01", "month 13"),
                                            ("2023-02-28T25:00:00Z", "time 25:00")])
def test_impossible_dates_are_reported_not_changed(date: str, what: str) -> None:
    article = _clean(published=date)
    assert article.published is None
    assert any("impossible" in w and what in w for w in article.warnings)


def test_an_unreadable_date_is_reported_and_the_text_date_used() -> None:
    warnings: list[str] = []
    sniffed = (datetime(2024, 5, 6, tzinfo=UTC), "day")
    assert publication_date(["the day after the storm"], sniffed, None, warnings) == sniffed
    assert warnings and "could not be read" in warnings[0]


@pytest.mark.parametrize(("given", "code"), [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"),
                                             ("english", None), ("e1", None), ("<b>", None), ("", None)])
def test_lang_must_be_a_language_code(given: str, code: str | None) -> None:
    warnings: list[str] = []
    assert language_code(given, warnings) == code
    assert bool(warnings) == (code is None and bool(given))


def test_a_bad_lang_is_ignored_and_detected() -> None:
    article = _clean(lang="english")
    assert article.lang == "en"
    assert any("not a language code" in w for w in article.warnings)


def test_bidi_controls_are_removed_from_title_and_text() -> None:
    article = _clean(title="Quarry \u202eroloc\u202c rockfall \u2066kills\u2069 three",
                     content="Rescuers \u202dsearched\u202c the quarry.\n\n" + TEXT + " \u2067Velmora\u2069")
    for field in (article.title or "", article.text):
        assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in field)
    assert "rockfall kills three" in (article.title or "")


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    article = _clean(content=TEXT + " \ud800 Two more were hurt.")
    article.text.encode("utf-8")
    assert "\ufffd" in article.text


def test_broken_bytes_in_utf8_are_reported_not_mojibake(tmp_path: Path) -> None:
    text = "Räddningstjänsten i Kettering: tre arbetare dödades när berget rasade på måndagen."
    data = text.encode("utf-8").replace("måndagen".encode(), b"m\xe5ndagen")  # one Latin-1 byte inside UTF-8
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and "Räddningstjänsten" in decoded.text
    assert decoded.warning and "not valid utf-8" in decoded.warning
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    [doc] = list(read_file(path))
    assert doc.warnings


def test_clean_latin1_is_not_reported() -> None:
    decoded = decode_bytes("Räddningstjänsten dödade på måndagen".encode("latin-1"))
    assert decoded.warning is None and "måndagen" in decoded.text


def test_warnings_reach_the_ingest_report_without_failing_it(tmp_path: Path) -> None:
    docs = [Document(origin="w.jsonl:1", content=TEXT, kind="text", given_id="w1", published="0001-01-01",
                     lang="klingon")]
    with Store(str(tmp_path / "w.db")) as store:
        report = Ingestor(store, Analyzer(skip=("embed",)), lazy_embed=False).ingest(docs)
    assert report.ok and report.ingested == 1
    assert len(report.warnings) == 2 and all(w.origin == "w.jsonl:1" for w in report.warnings)


ADVERSARIAL_LINES = {  # found by the fuzz tests: each took from seconds to hours before the patterns were fixed
    "digits": "3169133866 69133866 69133866 0 69133866" * 2 + ". x",
    "social": "facebook twitter " * 12 + "zzz",
    "urls": "http://a" * 25 + " !x",
    "terms": "privacy policy" + " | ab" * 30 + " |",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL_LINES))
def test_boilerplate_patterns_do_not_backtrack_for_ever(name: str) -> None:
    import signal

    from corroborate.clean.patterns import load_patterns

    def hang(*_: object) -> None:
        raise TimeoutError(f"a boilerplate pattern backtracks catastrophically on the {name!r} line")
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)  # a hang guard, not a timing test: a fixed pattern answers in microseconds
    try:
        assert load_patterns().is_boilerplate(ADVERSARIAL_LINES[name]) is False
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("line", ["Share on: Facebook | Twitter | Email", "Follow us: Instagram, YouTube",
                                  "https://a.example/x http://b.example", "Privacy Policy | Cookie settings",
                                  "1920 1080 true", "640x480"])
def test_rewritten_boilerplate_patterns_still_match(line: str) -> None:
    from corroborate.clean.patterns import load_patterns

    assert load_patterns().is_boilerplate(line)
