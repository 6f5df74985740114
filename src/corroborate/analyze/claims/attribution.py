"""Who a claim is attributed to: the noun phrase around an attribution cue."""

from __future__ import annotations

from corroborate.analyze.claims.lexicon import _NAME_PUNCT, _QUOTES, _Attribution, _Lex
from corroborate.text.lexicon import common_words
from corroborate.text.tokens import Token, tokenize

# --------------------------------------------------------------------------- attribution


def _attributions(text: str, tokens: list[Token], a: int, b: int, lex: _Lex) -> list[_Attribution]:
    out: list[_Attribution] = []
    for i in range(a, b):
        m = lex.source_after.match(tokens, i)
        if m and i + m[0] <= b:
            name = _np_right(text, tokens, i + m[0], b, lex, check_start=False)
            if name:
                out.append(_Attribution(i, name, _kind(name, lex)))
                continue
        m = lex.speech.match(tokens, i)
        if not m:
            continue
        prev = tokens[i - 1] if i > a else None
        name: str | None = None
        if lex.verb_first or prev is None or prev.text in _QUOTES | {",", "'", "’", "—", "–"}:
            name = _np_right(text, tokens, i + m[0], b, lex)  # "..., said the ministry"
        if name is None:
            name = _np_left(text, tokens, i, a, lex)
        if name is None and tokens[i].text.startswith("told"):
            name = _np_right(text, tokens, i + m[0], b, lex)  # "he told Reuters": the outlet is the source
        if name:
            out.append(_Attribution(i, name, _kind(name, lex)))
    return out


def _is_np_token(text: str, tok: Token) -> bool:
    return tok.kind in {"word", "num"} or tok.text in _NAME_PUNCT


def _np_right(text: str, tokens: list[Token], i: int, b: int, lex: _Lex, check_start: bool = True) -> str | None:
    while i < b and (m := lex.np_skip_left.match(tokens, i)):  # "uppger också X", "said also X"
        i += m[0]
    if i >= b or (check_start and not lex.verb_first and not _starts_name(text, tokens[i], lex)):
        return None
    if lex.np_stops.match(tokens, i) and not _determiner_of_name(text, tokens, i, b, lex):
        return None  # "säger att ...", "afirmó que ...": a clause, not a source
    j = i
    while j < b and j - i < 9 and _is_np_token(text, tokens[j]) \
            and not (j > i and lex.np_stops.match(tokens, j) and not _link_to_name(text, tokens, j, b, lex)) \
            and not lex.cues.match(tokens, j) and tokens[j].kind != "num":
        if tokens[j].text == "." and not (j + 1 < b and tokens[j + 1].kind == "word" and len(tokens[j - 1].text) <= 2):
            break
        if j > i and text[tokens[j - 1].start].isupper() and lex.name_end_articles.match(tokens, j):
            break  # "según la Protección Civil la cifra asciende": an article after a name opens a new phrase
        j += 1
    return _clean_name(text, tokens, i, j, lex)


def _determiner_of_name(text: str, tokens: list[Token], i: int, b: int, lex: _Lex) -> bool:
    """A clause word that is also a determiner opens a source when a capitalised noun follows:
    "sagte der Bürgermeister" (German "der"/"die" are relative pronouns too)."""
    m = lex.determiners.match(tokens, i)
    return bool(m) and i + m[0] < b and tokens[i + m[0]].kind == "word" and text[tokens[i + m[0]].start].isupper()


def _starts_name(text: str, tok: Token, lex: _Lex) -> bool:
    """A source after its verb starts with a capital, a determiner, or is in a script without case."""
    first = text[tok.start]
    return tok.kind == "word" and (first.isupper() or first.lower() == first.upper()
                                   or lex.determiners.match([tok], 0) is not None)


def _np_left(text: str, tokens: list[Token], i: int, a: int, lex: _Lex) -> str | None:
    end = i
    while end > a and lex.np_skip_left.match(tokens, end - 1):
        end -= 1
    if end > a and tokens[end - 1].text == ",":
        # "X, an opposition monitor, said" / "X, a journalist who saw it, reported": the name is the
        # segment before the appositive.
        prev_comma = max((k for k in range(a, end - 1) if tokens[k].text == ","), default=None)
        if prev_comma is None:
            return None
        seg_start = prev_comma + 1
        if seg_start < end - 1 and text[tokens[seg_start].start].islower():
            first = max((k for k in range(a, prev_comma) if tokens[k].text in {",", ";"} | _QUOTES), default=a - 1)
            return _clean_name(text, tokens, max(first + 1, prev_comma - 9), prev_comma, lex)
        end -= 1
    start = _left_edge(text, tokens, end, a, end, lex)
    if start - 1 > a and start < end and _link_to_name(text, tokens, start - 1, end, lex):
        # "local officials in <Town> said": the source's head noun lies before the link word
        head = _left_edge(text, tokens, start - 1, a, end, lex)
        if head < start - 1 and any(text[t.start].islower() for t in tokens[head:start - 1] if t.kind == "word"):
            start = head
    return _clean_name(text, tokens, start, end, lex)


def _left_edge(text: str, tokens: list[Token], k: int, a: int, end: int, lex: _Lex) -> int:
    start = k
    while start > a and end - start < 9 and _is_np_token(text, tokens[start - 1]) \
            and not lex.np_stops.match(tokens, start - 1) and tokens[start - 1].kind != "num":
        start -= 1
    return start


def _link_to_name(text: str, tokens: list[Token], j: int, b: int, lex: _Lex) -> bool:
    """tokens[j] links a head noun to a capitalised name after it ("officials in Varnok", "i Oslo")."""
    m = lex.np_links.match(tokens, j) if lex.np_links is not None else None
    k = j + m[0] if m else b
    return k < b and tokens[k].kind == "word" and text[tokens[k].start].isupper()


def _clean_name(text: str, tokens: list[Token], i: int, j: int, lex: _Lex) -> str | None:
    while j > i and tokens[j - 1].text in _NAME_PUNCT:
        j -= 1
        if j - 1 > i and len(tokens[j - 1].text) == 1 and tokens[j].text in {"'", "’"}:
            j -= 1  # a name cut after an elided article: "l'hôpital régional d'" ends at "régional"
    while i < j and tokens[i].text in _NAME_PUNCT:
        i += 1
    if j <= i:
        return None
    name = text[tokens[i].start : tokens[j - 1].end].strip()
    for fused, plain in lex.name_rewrites:
        if name.startswith(fused):  # Arabic "للدفاع المدني" (li- + al-) names "الدفاع المدني", "لوزارة" "وزارة"
            name = plain + name[len(fused):]
            break
    words = [t.text for t in tokens[i:j] if t.kind == "word"]
    if words and all(len(t.text) <= 2 or (lex.np_links is not None and lex.np_links.match(tokens, k))
                     for k, t in enumerate(tokens[i:j], start=i) if t.kind == "word") \
            and not any(text[t.start].isupper() for t in tokens[i:j] if t.kind == "word"):
        return None  # "de", "of": function words, no source
    if not words or (len(words) <= 2 and all(w in lex.pronouns or w in {"the", "a", "an"} for w in words)):
        return None
    if len(words) == 1 and words[0] in lex.pronouns:
        return None
    first, _, rest = name.replace("'", "' ").replace("’", "’ ").partition(" ")
    if name[:1].isupper() and rest[:1].islower() and first.strip("'’").lower() in common_words("source_articles"):
        name = name[0].lower() + name[1:]  # "El ejército afirmó": the article was capital only at the sentence start
    return name



def _kind(name: str, lex: _Lex) -> str:
    """The kind whose cue covers most of the name ("press secretary" beats "press")."""
    toks = tokenize(name)
    best, best_len = "unknown", 0
    for kind, matcher in lex.kinds:
        for k in range(len(toks)):
            m = matcher.match(toks, k)
            if m and m[0] > best_len:
                best, best_len = kind, m[0]
    return best


