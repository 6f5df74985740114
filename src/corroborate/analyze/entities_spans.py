"""Tokens and capitalised spans of cased scripts: runs of capitalised tokens joined by lower-case
connectors (al-, bin, de, von, "of"), trimmed of stopwords and cue words at their edges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corroborate.analyze.entities_lexicon import Lexicon

TOKEN = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}|[^\W_](?:[\w]|[-'’:](?=\w))*")
_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['’](?=[^\W\d_])", re.I)  # French/Italian l'État, d'Orléans
NAME_PARTICLE = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|abu|abou|ben|аль|ад|ар|ас|аш|ат|аз|ан|ибн|бин|абу)[-'’]", re.I
)


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Tok]:
    toks = []
    for m in TOKEN.finditer(text):
        word, start = m.group(), m.start()
        elided = _ELISION.match(word)
        if elided:
            toks.append(Tok(word[: elided.end()], start, start + elided.end()))
            word, start = word[elided.end() :], start + elided.end()
        toks.append(Tok(word, start, m.end()))
    return toks


def is_cap(tok: str) -> bool:
    first = tok[0]
    if first.isupper():
        return True
    return bool(NAME_PARTICLE.match(tok)) and any(c.isupper() for c in tok[2:5])


def is_caseless(tok: str) -> bool:
    first = tok[0]
    return first.isalpha() and not first.isupper() and not first.islower()


@dataclass
class Span:
    toks: list[Tok]
    cue_before: str | None = None  # the cue word stripped from the front ("President")
    sentence_initial: bool = False

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    return gap in (" ", "\u00a0") or gap == "-" or (gap.strip() == "" and "\n" not in gap and len(gap) <= 2)


def _abbreviated_start(text: str, a: Tok, b: Tok, lex: Lexicon) -> bool:
    """Whether `a` is an abbreviation that starts a town name, written "St. Louis" / "Sta. Cruz"."""
    abbreviations = {k for k, _ in lex.name_abbreviations}
    return text[a.end : b.start] == ". " and a.low + "." in abbreviations and is_cap(b.text)


def _span_head(toks: list[Tok], i: int, at: int, lex: Lexicon) -> bool:
    """Whether token `at` starts the name in a span starting at `i` (only a stopword before it)."""
    return at == i or (at == i + 1 and toks[i].low in lex.stopwords)


def expand_abbreviation(surface: str, lex: Lexicon) -> str | None:
    """The name with its leading abbreviation written out ("Mt. Vernon" -> "Mount Vernon"), or None."""
    low = surface.lower()
    for short, full in lex.name_abbreviations:
        if low.startswith(short) and len(surface) > len(short):
            return full + " " + surface[len(short) :].lstrip()
    return None


def cased_spans(text: str, toks: list[Tok], lex: Lexicon, sent_starts: set[int]) -> list[Span]:
    spans: list[Span] = []
    i = 0
    n = len(toks)
    while i < n:
        if not is_cap(toks[i].text) or is_caseless(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n and (
            (gap_ok(text, toks[j - 1], toks[j]) and not toks[j - 1].text.endswith(("'s", "’s")))
            or (_span_head(toks, i, j - 1, lex) and _abbreviated_start(text, toks[j - 1], toks[j], lex))
        ):
            t = toks[j].text
            if is_cap(t):
                j += 1
            elif (
                t.lower() in lex.connectors
                and j + 1 < n
                and is_cap(toks[j + 1].text)
                and gap_ok(text, toks[j], toks[j + 1])
            ):
                j += 2
            else:
                break
        spans.extend(trim_span(Span(toks[i:j], sentence_initial=toks[i].start in sent_starts), lex))
        i = j
    return spans


def trim_span(span: Span, lex: Lexicon) -> list[Span]:
    """Drop stopwords and cue words at the edges; split at inner-only connectors ("and") unless the
    span is an organisation name ("Ministry of Health and Welfare")."""
    toks = span.toks
    cue = span.cue_before
    while toks and (toks[0].low in lex.stopwords or toks[0].low in lex.person_before):
        if toks[0].low in lex.person_before:
            cue = toks[0].text
        elif toks[0].low in lex.stopwords:
            cue = None
        toks = toks[1:]
        span.sentence_initial = False
    while toks and (toks[-1].low in lex.stopwords or toks[-1].low in lex.connectors):
        toks = toks[:-1]
    if not toks:
        return []
    if not any(t.low in lex.org_heads for t in toks):
        parts: list[list[Tok]] = [[]]
        for t in toks:
            if t.low in lex.connectors_inner_only:
                parts.append([])
            else:
                parts[-1].append(t)
        if len(parts) > 1:
            out: list[Span] = []
            for k, p in enumerate(parts):
                if p and is_cap(p[0].text):
                    out.extend(
                        trim_span(Span(p, cue if k == 0 else None, span.sentence_initial and k == 0), lex)
                    )
            return out
    return [Span(toks, cue, span.sentence_initial)]
