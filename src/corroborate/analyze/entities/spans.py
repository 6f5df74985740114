"""Tokens and capitalised spans of cased scripts: runs of capitalised tokens joined by lower-case
connectors (al-, bin, de, von, "of"), trimmed of stopwords and cue words at their edges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate import geo as gaz
from corroborate.analyze.entities.lexicon import Lexicon, exact_alias, person_nouns, quantity_words

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
        if elided and word[0] in "nN" and word[elided.end()].isupper():
            elided = None  # "N'Djamena": French elides "n'" only before verbs, never before a name
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
    of_people: bool = False  # after a noun for people: "Residents of <X>", "Жители <X>"

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    # two spaces are where a scraper joined a headline, a caption or a list item to the text
    return gap in (" ", "\u00a0", "-", "\u00a0 ", " \u00a0")


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
        if not is_cap(toks[i].text) or is_caseless(toks[i].text) or _elided(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n and (
            (gap_ok(text, toks[j - 1], toks[j]) and not toks[j - 1].text.endswith(("'s", "’s")))
            or _plural_possessive_name(text, toks[j - 1], toks[j], lex)
            or (_span_head(toks, i, j - 1, lex) and _abbreviated_start(text, toks[j - 1], toks[j], lex))
        ):
            t = toks[j].text
            if is_cap(t) and not _elided(t):
                j += 1
            elif t.lower() in lex.org_adjectives and is_cap(toks[j - 1].text):
                j += 1  # "la Protection civile": the adjective finishes the institution's name
            elif (
                t.lower() in lex.connectors
                and j + 1 < n
                and is_cap(toks[j + 1].text)
                and gap_ok(text, toks[j], toks[j + 1])
            ):
                j += 2
            else:
                break
        j = _trailing_org_head(text, toks, i, j, lex)
        first = _lowercase_head(text, toks, i, lex)
        spans.extend(trim_span(Span(toks[first:j], sentence_initial=toks[i].start in sent_starts), lex))
        i = j
    return spans


def _plural_possessive_name(text: str, a: Tok, b: Tok, lex: Lexicon) -> bool:
    """ "<Country> Mineworkers' Union", "Veterans' Affairs": a plural possessive inside an
    organisation's name, before its head word."""
    return text[a.end : b.start] in ("' ", "’ ") and a.text.endswith("s") and b.low in lex.org_heads


def _elided(tok: str) -> bool:
    """French/Italian elided words ("J'", "L'", "Qu'") are never names of their own."""
    return tok[-1] in "'’" and len(tok) <= 3


def _trailing_org_head(text: str, toks: list[Tok], i: int, j: int, lex: Lexicon) -> int:
    """Where a span ending before token j really ends: after a lower-case institution word written after
    a capitalised adjective, with at most one lower-case adjective between ("Верховный суд", "Вахитовский
    районный суд", "Счётной палаты", "Högsta domstolen"); else at j."""
    if not lex.trailing_org_heads or j >= len(toks) or j - i > 2:
        return j
    k = j
    if k + 1 < len(toks) and toks[k].text.islower() and toks[k].low.endswith(lex.adjective_endings) \
            and gap_ok(text, toks[k - 1], toks[k]):
        k += 1
    if k < len(toks) and toks[k].text.islower() and toks[k].low in lex.trailing_org_heads \
            and gap_ok(text, toks[k - 1], toks[k]):
        return k + 1
    return j


def _lowercase_head(text: str, toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Where a span starting at token i really starts: at a lower-case institution word written before
    it with its connectors ("ministère de la Défense", "ministerio del Interior"); else at i."""
    k = i
    while k > 0 and i - k < 2 and toks[k - 1].low in lex.connectors | lex.definite_articles:
        if not gap_ok(text, toks[k - 1], toks[k]):
            return i
        k -= 1
    if k == i or k == 0 or not gap_ok(text, toks[k - 1], toks[k]):
        return i
    head = toks[k - 1]
    return k - 1 if head.text.islower() and head.low in lex.lowercase_org_heads else i


def is_title(low: str, lex: Lexicon) -> bool:
    """A title or job word before a name: from the lexicon, or a compound ending in one
    ("Bundestrainer", "Ex-Fraktionschef", "försvarsministern")."""
    if low in lex.person_before or low.rstrip(".") in lex.person_before:
        return True
    if "-" in low and not low.startswith("ex-"):
        return False  # "IS-ledaren": an organisation's leader, the organisation named in it
    return len(low) > 5 and bool(lex.title_suffixes) and low.endswith(_title_endings(lex.title_suffixes))


@lru_cache(maxsize=16)
def _title_endings(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s + tail for s in suffixes for tail in ("", "n", "en", "s"))


def _strip_adjective_suffix(tok: Tok) -> Tok:
    """ "US-led", "Britain-based", "IS-controlled": the name without its lower-case adjective part."""
    head, sep, tail = tok.text.rpartition("-")
    if sep and head and tail.islower() and tail.isalpha() and head[0].isupper():
        return Tok(head, tok.start, tok.start + len(head))
    return tok


def _stopword(tok: Tok, lex: Lexicon) -> bool:
    """A stopword or a number word ("Drei Monate", "Eleven"), unless written as a short alias in
    capitals ("IS" in "IS-held", "US")."""
    if tok.low in lex.stopwords or tok.low in quantity_words(lex.lang):
        return not exact_alias(tok.text)
    return False


def _named_institution(toks: list[Tok], lex: Lexicon) -> bool:
    """"National Police": an institution word (a stopword where it is a cue, "police said") after an
    institution's adjective ends a name."""
    return len(toks) >= 2 and toks[-1].low in lex.org_heads and toks[-2].low in lex.institution_adjectives


def _named_institution_first(toks: list[Tok], lex: Lexicon) -> bool:
    """"Policía Nacional", "Garde nationale": the institution word first, its adjective after it."""
    return len(toks) >= 2 and toks[0].low in lex.org_heads and toks[1].low in lex.institution_adjectives


def _compound_place_head(low: str, lex: Lexicon) -> bool:
    """ "Grenzstadt", "Nachbardorf": a compound of a place head word, not itself a town ("Darmstadt")."""
    compound = any(low.endswith(h) and len(low) - len(h) >= 3 for h in lex.place_heads if len(h) >= 4)
    return compound and not gaz.lookup(low)


def trim_span(span: Span, lex: Lexicon) -> list[Span]:
    """Drop stopwords and cue words at the edges; split at inner-only connectors ("and") unless the
    span is an organisation name ("Ministry of Health and Welfare")."""
    toks = span.toks
    if toks:
        toks = [*toks[:-1], _strip_adjective_suffix(toks[-1])]
    cue = span.cue_before
    while len(toks) >= 2 and lex.capitalised_nouns and _compound_place_head(toks[0].low, lex):
        toks = toks[1:]  # "Grenzstadt <Name>": the border town named <Name>
        span.sentence_initial = False
    while toks and (_stopword(toks[0], lex) or is_title(toks[0].low, lex)) and not _named_institution_first(toks, lex):
        if toks[0].low in person_nouns(lex.lang):
            span.of_people = True  # "Residents of <X>"
        if is_title(toks[0].low, lex):
            cue = toks[0].text
        elif toks[0].low in lex.stopwords:
            cue = None
        toks = toks[1:]
        span.sentence_initial = False
    while toks and (_stopword(toks[-1], lex) or toks[-1].low in lex.connectors) and not _named_institution(toks, lex):
        toks = toks[:-1]
    if not toks:
        return []
    for k in range(1, len(toks) - 1):
        if lex.capitalised_nouns and toks[k].text[0].isupper() and toks[k].low in lex.definite_articles:
            # "<Noun> Das <Noun>": a capitalised article inside starts another sentence or title (where
            # every noun is capitalised; elsewhere it belongs to a name: "Fonds Les <Name>")
            return [
                *trim_span(Span(toks[:k], cue, span.sentence_initial), lex),
                *trim_span(Span(toks[k + 1 :]), lex),
            ]
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
    return [Span(toks, cue, span.sentence_initial, span.of_people)]
