"""Spelling-independent keys and similarity for person and organisation names, across scripts.

`name_key` reduces a name to a consonant skeleton per token (vowels dropped, an initial vowel kept
as "a"), after transliteration, particle/honorific removal and transliteration folds. Arabic script
writes no short vowels, so only a skeleton can make al-Rashidi, Rasheedi and the Arabic spelling
agree. The skeleton is lossy (different Latin names may share one); `same_name` therefore compares
the vowelled "fine" form when both names are in the same script, and the skeleton across scripts.
The rules (particles, honorifics, folds) live in data/aliases/name_rules.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz.distance import Indel

_VOWELS = frozenset("aeiou")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, superscript alif, tatweel
_ARABIC_VOWEL_START = "اأإآعٱ"
_APOSTROPHES = "'’‘`´ʿʾʼ"
_SPLIT = re.compile(r"[\s\-‐‑–—_/.,;:()\[\]\"“”«»]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]")
_APOSTROPHE_TABLE = {ord(c): "'" for c in _APOSTROPHES}


@dataclass(frozen=True)
class _Rules:
    particles: frozenset[str]
    particles_not_first: frozenset[str]
    arabic_prefixes: tuple[str, ...]
    honorifics: frozenset[str]
    skeleton_folds: tuple[tuple[str, str], ...]
    fine_folds: tuple[tuple[str, str], ...]


@cache
def _rules() -> _Rules:
    path = resources.files("corroborate.data").joinpath("aliases/name_rules.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"cannot read name rules {path}: {exc}; reinstall the package data") from exc
    honorifics = {
        _plain(h) if not _ARABIC.search(h) else h for words in data["honorifics"].values() for h in words
    }
    return _Rules(
        particles=frozenset(data["particles"]),
        particles_not_first=frozenset(data["particles_not_first"]),
        arabic_prefixes=tuple(sorted(data["arabic_prefixes"], key=len, reverse=True)),
        honorifics=frozenset(honorifics),
        skeleton_folds=tuple((a, b) for a, b in data["skeleton_folds"]),
        fine_folds=tuple((a, b) for a, b in data["fine_folds"]),
    )


def _plain(word: str) -> str:
    return _NON_ALNUM.sub("", anyascii(word).lower())


def _arabic_word(word: str, first: bool) -> str:
    """Transliterate one Arabic-script word: article prefix off, initial alif/ayn marked as a vowel."""
    word = _ARABIC_DIACRITICS.sub("", word)
    for prefix in _rules().arabic_prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    word = word.rstrip("ة")
    lead = ""
    if word and word[0] in _ARABIC_VOWEL_START:
        lead, word = "a", word[1:]
    return lead + anyascii(word).replace("'", "").replace("`", "")


def transliterate(text: str) -> str:
    """Any script -> ASCII-ish Latin. Arabic words lose their article prefix and keep an initial
    vowel (anyascii drops alif); Cyrillic soft/hard signs and apostrophes of any shape are removed."""
    if text.isascii():
        return text.replace("'", "").replace("`", "")
    out: list[str] = []
    for chunk in re.split(r"(\s+)", text):
        if _ARABIC.search(chunk):
            out.append(_arabic_word(chunk, not out))
        else:
            chunk = chunk.translate(_APOSTROPHE_TABLE)
            ascii_chunk = anyascii(unicodedata.normalize("NFC", chunk))
            out.append(
                ascii_chunk.replace("'", "")
                if ascii_chunk[:1] != "'"
                else "a" + ascii_chunk[1:].replace("'", "")
            )
    return "".join(out)


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a name without honorifics and particles."""
    rules = _rules()
    raw = [t for t in _SPLIT.split(name.strip()) if t]
    # honorifics are only dropped at the start ("President X", "الرئيس X")
    while len(raw) > 1 and (raw[0] in rules.honorifics or _plain(raw[0]) in rules.honorifics):
        raw = raw[1:]
    tokens: list[str] = []
    for i, tok in enumerate(raw):
        low = _NON_ALNUM.sub("", transliterate(tok).lower())
        if not low:
            continue
        if low in rules.particles and not (i == 0 and low in rules.particles_not_first) and len(raw) > 1:
            continue
        # glued article: "al-" written without hyphen is split already; "Al" + capital in one token is not
        tokens.append(low)
    return tuple(tokens)


def name_parts(name: str) -> int:
    """How many name parts `name` has, particles and honorifics left out ("Harún al Tayeb" has 2)."""
    return len(_tokens(name))


def _fold(token: str, folds: tuple[tuple[str, str], ...]) -> str:
    for a, b in folds:
        token = token.replace(a, b)
    return token


@lru_cache(maxsize=65536)
def _skeleton(token: str) -> str:
    """Consonant skeleton of one ASCII token: initial vowel -> 'a', other vowels and w/y glides dropped."""
    if token.isdigit():
        return token
    # "-eh"/"-ah" endings: the h after a final vowel is not a consonant (Hamdeh/Hamde)
    token = re.sub(r"(?<=[aeiou])h$", "", token)
    token = _fold(token, _rules().skeleton_folds)
    if not token:
        return ""
    head, rest = token[0], token[1:]
    if head in _VOWELS:
        head = "a"
    rest = "".join(c for c in rest if c not in _VOWELS and c not in "wy")
    out = head + rest
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=65536)
def _fine(token: str) -> str:
    """Vowelled comparison form: folds applied, doubles collapsed, final -eh/-ah/-e/-a dropped."""
    token = re.sub(r"(?<=[aeiou])h$", "", token)
    token = _fold(token, _rules().fine_folds)
    token = re.sub(r"(.)\1+", r"\1", token)
    if len(token) > 3 and token[-1] in "ai":
        token = token[:-1]
    return token


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Spelling-independent key: space-joined consonant skeletons of the name's tokens.

    al-Rashidi, ar-Rasheedi, Rashidi and the Arabic spelling all give "rsd"; Hamdeh and Hamda "hmd".
    Returns "" for a name with no letters or digits.
    """
    return " ".join(s for s in (_skeleton(t) for t in _tokens(name)) if s)


def _script(name: str) -> str:
    if _ARABIC.search(name):
        return "arabic"
    if re.search(r"[\u0400-\u04FF]", name):
        return "cyrillic"
    return "latin"


def _token_sim(a: str, b: str, same_script: bool) -> float:
    if same_script:
        fa, fb = _fine(a), _fine(b)
        sim = Indel.normalized_similarity(fa, fb)
        if _skeleton(a) == _skeleton(b):
            sim = max(sim, 0.85 if sim >= 0.7 else sim)
        return sim
    sa, sb = _skeleton(a), _skeleton(b)
    if not sa or not sb:
        return 0.0
    if sa == sb:
        return 1.0
    if sa.replace("h", "") == sb.replace("h", ""):
        return 0.9  # an h that one script writes and the other does not (John / Dzhon)
    sim = Indel.normalized_similarity(sa, sb)
    # short skeletons carry little information: one differing consonant means a different name
    return sim if min(len(sa), len(sb)) >= 4 else sim * 0.7


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> float:
    """Similarity in 0..1 of two person/organisation names across spellings and scripts.

    Token-wise: the shorter name's tokens must align, in order, with tokens of the longer one, and
    the last tokens (surnames) must agree. A surname-only mention matches the full name (slightly
    below 1); names that share a token but differ in another aligned token score low.
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    same_script = _script(a) == _script(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    last = _token_sim(short[-1], long_[-1], same_script)
    if last < 0.75:
        return 0.0
    if len(short) == 1:
        return round(last * 0.95, 3)
    # every other token of the shorter name must align, in order, with a token of the longer one
    scores = [last]
    pos = 0
    for tok in short[:-1]:
        best, best_j = 0.0, -1
        for j in range(pos, len(long_) - 1):
            s = _token_sim(tok, long_[j], same_script)
            if s > best:
                best, best_j = s, j
        if best < 0.75:
            return round(best * 0.5, 3)
        scores.append(best)
        pos = best_j + 1
    penalty = 0.97 ** (len(long_) - len(short))
    return round(sum(scores) / len(scores) * penalty, 3)
