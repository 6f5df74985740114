"""Tokens with character spans and the phrase matcher every lexicon-driven stage uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------- lexicon toolkit

# Arabic-Indic (U+0660..) and Persian (U+06F0..) digits map one-to-one onto ASCII digits, which keeps
# character offsets unchanged.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Arabic harakat (U+064B-065F, U+0670) are combining marks, not letters: they stay inside their word
_TOKEN = re.compile(r"\d+|[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670])*|[^\w\s]", re.UNICODE)
_AR_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel and harakat do not change an Arabic word


@dataclass(frozen=True)
class Token:
    text: str  # lower-cased, digits normalised to ASCII, Arabic marks removed
    start: int
    end: int
    kind: str  # "num", "word" or "punct"



def tokenize(text: str) -> list[Token]:
    """Word, number and punctuation tokens of `text` with their character spans (a new list each call:
    the tokens of recent texts are remembered, since one article's sentences are tokenized by many stages)."""
    cached = _recent_tokens.get(text)
    if cached is None:
        cached = _tokenize(text)
        if len(_recent_tokens) >= _RECENT_TEXTS:
            _recent_tokens.clear()  # (thread-safe, unlike dropping the oldest one)
        _recent_tokens[text] = cached
    return list(cached)


_RECENT_TEXTS = 256  # a few articles' sentences (memory: a few MB at most)
_recent_tokens: dict[str, tuple[Token, ...]] = {}


def _tokenize(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text.translate(_DIGITS)):
        tok = m.group().lower()
        kind = "num" if tok[0].isdecimal() else "word" if tok[0].isalpha() else "punct"
        if kind == "word" and _AR_MARKS.search(tok):
            tok = _AR_MARKS.sub("", tok)
        out.append(Token(tok, m.start(), m.end(), kind))
    return tuple(out)


_NONE: list[tuple[list[str], Any]] = []


class PhraseMatcher:
    """Finds lexicon phrases at token positions (longest match wins). A word ending in `*` matches
    any word starting with it (inflections); `clitics` are prefixes a first word may carry
    (Arabic و/ب/ل)."""

    def __init__(self, phrases: dict[str, Any], clitics: tuple[str, ...] = ()) -> None:
        self.clitics = clitics
        self.exact: dict[str, list[tuple[list[str], Any]]] = {}
        # phrases whose first word is a stem ("kill*"), indexed by the stem's first two letters so a
        # token only tries the stems it could start with
        self.prefixed: dict[str, list[tuple[list[str], Any]]] = {}
        for phrase, value in phrases.items():
            parts = _join_stars([t.text for t in tokenize(phrase)])
            if not parts:
                continue
            if parts[0].endswith("*"):
                bucket = self.prefixed.setdefault(parts[0][:-1][:2], [])
            else:
                bucket = self.exact.setdefault(parts[0], [])
            bucket.append((parts, value))
        for entries in (*self.exact.values(), *self.prefixed.values()):
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, tokens: list[Token], i: int) -> tuple[int, Any] | None:
        """(number of tokens, value) of the longest phrase starting at token i, else None."""
        first = tokens[i].text
        cands: list[tuple[list[str], Any]]
        if self.clitics:
            forms = [first] + [first[len(c) :] for c in self.clitics
                               if first.startswith(c) and len(first) - len(c) >= 2]
            cands = []
            for form in forms:
                cands += self.exact.get(form, [])
            if self.prefixed:
                for key in dict.fromkeys(k for form in forms for k in (form[:2], form[:1])):
                    cands += self.prefixed.get(key, [])
        else:  # the common case, called for every token by every matcher: no list building on a miss
            cands = self.exact.get(first, _NONE)
            if self.prefixed:
                two, one = self.prefixed.get(first[:2]), self.prefixed.get(first[:1]) if len(first) > 1 else None
                if two or one:
                    cands = [*cands, *(two or ()), *(one or ())]
            if not cands:
                return None
            return _longest(cands, tokens, i)
        best: tuple[int, Any] | None = None
        for parts, value in cands:
            n = len(parts)
            if i + n > len(tokens) or (best is not None and best[0] >= n):
                continue
            if all(_word_match(p, tokens[i + k].text, self.clitics if k == 0 else ())
                   for k, p in enumerate(parts)):
                best = (n, value)
        return best

    def match_ending(self, tokens: list[Token], end: int, max_len: int = 5) -> tuple[int, Any] | None:
        """(start index, value) of the longest phrase that ends right before token `end`."""
        for start in range(max(0, end - max_len), end):
            m = self.match(tokens, start)
            if m and start + m[0] == end:
                return start, m[1]
        return None


def _longest(cands: list[tuple[list[str], Any]], tokens: list[Token], i: int) -> tuple[int, Any] | None:
    """`match` without clitics: the first longest of `cands` whose words match tokens[i:] ("w*": a prefix)."""
    best: tuple[int, Any] | None = None
    size = len(tokens)
    for parts, value in cands:
        n = len(parts)
        if i + n > size or (best is not None and best[0] >= n):
            continue
        for k in range(n):
            p, word = parts[k], tokens[i + k].text
            if p[-1:] == "*":
                if not word.startswith(p[:-1]):
                    break
            elif p != word:
                break
        else:
            best = (n, value)
    return best


def _join_stars(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p == "*" and out:
            out[-1] += "*"
        else:
            out.append(p)
    return out


def _word_match(pattern: str, word: str, clitics: tuple[str, ...] = ()) -> bool:
    forms = [word] + [word[len(c) :] for c in clitics if word.startswith(c) and len(word) - len(c) >= 2]
    if pattern.endswith("*"):
        return any(f.startswith(pattern[:-1]) for f in forms)
    return pattern in forms


