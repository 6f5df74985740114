"""The demo corpus (examples/corpus) is well-formed and agrees with its answer key (examples/expected.json)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORPUS = EXAMPLES / "corpus"
LANGS = ("en", "sv", "de", "es", "fr", "ar", "ru")

# sha1[:16] of lower-cased names from the seed articles: the corpus must not reuse them, and this file
# must not spell them out either (the repository is grepped for them).
SEED_NAME_HASHES = frozenset(
    [
        "1862c4b1eab2a079", "34c8edf8406ac1df", "def457f9ae425c88", "6c51a0e36380e947", "628778e37b7d2ad6", "e6d4fc904c6876f8",
        "ed9ec7451b9547dc", "1f1a5cb2e6a1402d", "992efda4ce64b989", "e01307f2d998635d", "19db1e818365ba0b", "763154b8746beeac",
        "9230526331c24adb", "a80680499c1290dd", "45433e9298d24f32", "247e972a6605d019", "d9bda35783e300a0", "f8dda3683c74db65",
        "d1a4be2894455bcd", "1000521c0fc3300d", "e172cc2eab352367", "720fd6d69926168e", "830ecb0551a2e117", "8b70ce5c77a537ed",
    ]
)


def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _html_body(markup: str) -> str:
    """The article's paragraphs only (what a reader counts as the story, not nav/footer)."""
    return " ".join(_strip_tags(p) for p in re.findall(r"(?is)<p\b[^>]*>(.*?)</p>", markup))


def load_corpus() -> dict[str, str]:
    """id -> article body text, ids as docs/design.md defines them (stem, JSONL `id`, feed entry id)."""
    articles: dict[str, str] = {}

    def add(article_id: str, text: str) -> None:
        assert article_id not in articles, f"duplicate article id {article_id!r} in {CORPUS}"
        articles[article_id] = text

    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".txt":
            add(path.stem, path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            add(path.stem, _html_body(path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                row = json.loads(line)
                missing = {"id", "title", "url", "date", "source", "lang", "text"} - row.keys()
                assert not missing, f"{path.name}:{n} lacks fields {sorted(missing)}"
                add(row["id"], row["text"])
        elif path.suffix == ".rss":
            feed = feedparser.parse(str(path))
            assert not feed.bozo, f"{path.name} is not a well-formed feed: {feed.get('bozo_exception')}"
            for entry in feed.entries:
                add(entry.id, _strip_tags(entry.content[0].value))
        else:
            pytest.fail(f"unexpected file {path.name} in {CORPUS}: use .txt, .html, .jsonl or .rss")
    return articles


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    return load_corpus()


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


def test_corpus_size_and_formats(corpus: dict[str, str]) -> None:
    assert len(corpus) >= 48
    suffixes = Counter(p.suffix for p in CORPUS.iterdir())
    assert suffixes[".txt"] > suffixes[".html"] >= 3
    assert suffixes[".jsonl"] == 1 and suffixes[".rss"] == 1


def test_article_lengths(corpus: dict[str, str]) -> None:
    lengths = {aid: len(text.split()) for aid, text in corpus.items()}
    bad = {aid: n for aid, n in lengths.items() if not 120 <= n <= 350}
    assert not bad, f"articles outside 120-350 words: {bad}"


def test_every_article_is_in_exactly_one_story(corpus: dict[str, str], expected: dict) -> None:
    labelled = [aid for ids in expected["stories"].values() for aid in ids]
    assert len(labelled) == len(set(labelled)), "an article id is listed in two stories"
    assert set(labelled) == set(corpus), (
        f"not in corpus: {sorted(set(labelled) - set(corpus))}; unlabelled: {sorted(set(corpus) - set(labelled))}"
    )
    assert len(expected["stories"]) >= 7
    for pair in expected["related"]:
        assert all(label in expected["stories"] for label in pair)
    assert set(expected["facts"]) <= set(expected["stories"])


def test_languages(corpus: dict[str, str], expected: dict) -> None:
    langs: dict[str, str] = expected["languages"]
    assert set(langs) == set(corpus)
    counts = Counter(langs.values())
    for lang in LANGS:
        assert counts[lang] >= 4, f"only {counts[lang]} {lang} articles"
    # cheap script check so that the labels cannot drift from the texts
    for aid, lang in langs.items():
        text = corpus[aid]
        arabic = len(re.findall(r"[\u0600-\u06FF]", text))
        cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
        assert (arabic > 200) == (lang == "ar"), aid
        assert (cyrillic > 200) == (lang == "ru"), aid


def test_main_event_is_multilingual_with_conflicts(expected: dict) -> None:
    sizes = {label: len(ids) for label, ids in expected["stories"].items()}
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] >= 8
    assert len({expected["languages"][aid] for aid in expected["stories"][biggest]}) >= 5
    assert sum(f["status"] == "conflicting" for f in expected["facts"][biggest]) >= 3
    for facts in expected["facts"].values():
        for fact in facts:
            assert fact["status"] in {"corroborated", "conflicting", "single-source"}
            assert (fact["status"] == "conflicting") == (len(fact["values"]) > 1)


def test_no_seed_names(corpus: dict[str, str]) -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for aid, text in [*corpus.items(), ("README.md", readme)]:
        words = re.findall(r"\w+", text.lower())
        grams = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
        hits = {g for g in grams if hashlib.sha1(g.encode()).hexdigest()[:16] in SEED_NAME_HASHES}
        assert not hits, f"{aid} uses names from the seed articles"
