"""The tokenizer's memory of recent texts and the matcher's fast path change no result."""

from __future__ import annotations

import random

from corroborate.text import tokens as tk
from corroborate.text.tokens import PhraseMatcher, tokenize


def test_tokenize_returns_a_fresh_list_each_time() -> None:
    first = tokenize("Two people were hurt in Brindleton on Monday.")
    first.clear()
    again = tokenize("Two people were hurt in Brindleton on Monday.")
    assert [t.text for t in again] == ["two", "people", "were", "hurt", "in", "brindleton", "on", "monday", "."]


def test_tokenize_memory_is_bounded() -> None:
    for n in range(tk._RECENT_TEXTS * 3):
        tokenize(f"sentence number {n}")
    assert len(tk._recent_tokens) <= tk._RECENT_TEXTS
    assert [t.text for t in tokenize("sentence number 5")] == ["sentence", "number", "5"]


def _reference_match(m: PhraseMatcher, tokens: list[tk.Token], i: int):
    """The matcher's definition: the first longest phrase of the candidate order whose words all match."""
    first = tokens[i].text
    cands = list(m.exact.get(first, []))
    cands += m.prefixed.get(first[:2], []) + (m.prefixed.get(first[:1], []) if len(first) > 1 else [])
    best = None
    for parts, value in cands:
        n = len(parts)
        if i + n > len(tokens) or (best is not None and best[0] >= n):
            continue
        if all(tk._word_match(p, tokens[i + k].text) for k, p in enumerate(parts)):
            best = (n, value)
    return best


def test_fast_match_agrees_with_the_definition() -> None:
    m = PhraseMatcher({"shot": "a", "shot dead": "b", "kill*": "c", "kill* in action": "d", "k* x": "e",
                       "set * fire": "f", "set on fire": "g", "death toll": "h", "death": "i"})
    words = ["shot", "dead", "killed", "kills", "in", "action", "k", "x", "set", "on", "fire", "death",
             "toll", "the", "a", "ki"]
    rng = random.Random(7)
    for _ in range(300):
        toks = tokenize(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))))
        for i in range(len(toks)):
            assert m.match(toks, i) == _reference_match(m, toks, i)
    toks = tokenize("they were shot dead and killed in action")
    assert m.match(toks, 2) == (2, "b")
    assert m.match(toks, 5) == (3, "d")
