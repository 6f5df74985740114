"""Check the clean stage on the seed articles against EXPECTED.md; prints PASS/FAIL per check.

Run: .venv/bin/python bench/check_seeds_clean.py   (exit status 1 when a check fails)
The seeds are read from ../shared/seeds relative to the repository root.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from corroborate.clean import clean
from corroborate.clean.textnorm import fix_mojibake
from corroborate.model import Article, Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Noise items per seed, as EXPECTED.md lists them ("Input noise to strip").
NOISE: dict[str, list[str]] = {
    "000": ["[[title]]", "[[text]]", "An error occurred", "Sign up", "date 2022-02-03"],
    "001": ["Photo credit:"],
    "002": [
        "https://sputniknews.com/", "date 2022-02-03", "2022-02-03T12:54+0000", "2022-02-03T13:47+0000",
        "middle east", "/html/head/meta", "cdnn1.img.sputniknews.com", "feedback@sputniknews.com",
        "+74956456601", "Ilya Tsukanov", "en_EN", "1920 1080 true", "1920 1440 true", "1920 1920 true",
    ],
    "003": ["Leave a Comment", "Your email address will not be published", "Required fields are marked"],
    "004": [],
}
NOISE_LINES: dict[str, list[str]] = {"002": ["2022", "News"]}  # whole-line noise (too short to grep)
PUBLISHED = {"000": "2022-02-03", "001": None, "002": "2022-02-03", "003": None, "004": None}
LANGS = {"000": "en", "001": "en", "002": "en", "003": "en", "004": "sv"}

results: list[bool] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append(ok)
    print(f"  {'PASS' if ok else 'FAIL'}  {name}{'  ' + detail if detail and not ok else ''}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_lines(raw: str, key: str, title: str | None) -> list[str]:
    """Raw lines that are neither noise nor the title: every one must survive cleaning."""
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or any(n in line for n in NOISE[key]) or line in NOISE_LINES.get(key, []):
            continue
        if title and line == title:
            continue
        out.append(line)
    return out


def sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”])\s+", line) if s]


def report(key: str, raw: str, art: Article) -> None:
    print(f"== {key}  title={art.title!r}")
    print(f"   published={art.published} ({art.published_precision})  url={art.url}  outlet={art.outlet}")
    print(f"   lang={art.lang} ({art.lang_confidence})  authors={art.authors}  chars={len(art.text)}")
    for line in art.removed:
        print(f"   removed: {line[:110]}")
    lines = art.text.split("\n\n")
    for item in NOISE[key]:
        check(f"noise gone: {item!r}", item not in art.text, "")
    for item in NOISE_LINES.get(key, []):
        check(f"noise line gone: {item!r}", item not in lines)
    clean_squashed = squash(art.text)
    missing = [s for line in body_lines(raw, key, art.title) for s in sentences(line) if squash(s) not in clean_squashed]
    check(f"every body sentence kept ({len(missing)} missing)", not missing, "; ".join(m[:60] for m in missing[:3]))
    want = PUBLISHED[key]
    got = art.published.date().isoformat() if art.published else None
    check(f"published == {want}", got == want, f"got {got}")
    check(f"lang == {LANGS[key]}", art.lang == LANGS[key], f"got {art.lang}")
    if key == "002":
        check("outlet == sputniknews.com", art.outlet == "sputniknews.com", f"got {art.outlet}")
        first = next(ln.strip() for ln in raw.splitlines()[1:] if ln.strip())
        check("title == the duplicated headline", art.title == first, f"got {art.title!r}")
        check("title not left in the text", first not in art.text)
        check("glued sentences repaired", ".The " not in art.text and "announced. The" in art.text)


def main() -> int:
    if not SEEDS.is_dir():
        print(f"seed folder not found: {SEEDS}; run from a checkout next to ../shared/seeds")
        return 2
    files = sorted(SEEDS.glob("*.txt"))
    start = time.perf_counter()
    for path in files:
        key = path.stem[:3]
        raw = fix_mojibake(path.read_text(encoding="utf-8"))
        art = clean(Document(origin=str(path), content=path.read_bytes(), kind="text", given_id=path.stem))
        report(key, raw, art)
    elapsed = time.perf_counter() - start
    langs = sorted(a for a in LANGS.values())
    print(f"\n{sum(results)}/{len(results)} checks passed; {len(files)} seeds in {elapsed:.2f} s "
          f"(includes loading lingua); expected languages {langs}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
