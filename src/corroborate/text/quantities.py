"""Quantities in text, in any supported language: digits (locale thousands separators, Arabic-Indic and
Persian digits), number words (with inflected forms from the per-language lexicon), vague quantities
(ACLED-style normalisation) and bounds ("at least", "up to", "between A and B", "A-B").

The lexicon (data/lang/<code>/numbers.json) holds every word; this module is generic.
Conventions (documented in its "_doc"): "a dozen" = 12 exact; "dozens" = 12 at_least;
"tens of" = 10 at_least; "scores of" = 20 at_least; "hundreds" = 100 at_least; "several" = 3 at_least;
"a few" = 2 at_least; "more than N"/"over N" = N at_least (ACLED keeps N, it does not add one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from corroborate.model import Approx
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, Token, tokenize

# --------------------------------------------------------------------------- quantities


@dataclass
class Quantity:
    """A stated quantity. `value` is the conservative reading; `value_max` the upper end (= value when
    exact or about, None when open above). `start`/`end` span the whole expression in the text."""

    value: int
    start: int
    end: int
    text: str
    approx: Approx = "exact"
    value_max: int | None = None
    first_token: int = 0  # token indices of the expression (for claim extraction)
    last_token: int = 0  # exclusive


class _NumberLexicon:
    def __init__(self, lang: str | None) -> None:
        lex = load_lexicon(lang).get("numbers", {})
        self.clitics = tuple(lex.get("clitics", []))
        self.words: dict[str, int] = {k.lower(): int(v) for k, v in lex.get("words", {}).items()}
        self.multipliers: dict[str, int] = {k.lower(): int(v) for k, v in lex.get("multipliers", {}).items()}
        self.one_articles = set(lex.get("one_articles", []))
        self.joiners = set(lex.get("joiners", []))
        self.units_before_tens = bool(lex.get("units_before_tens", False))
        self.teens_units_first = bool(lex.get("teens_units_first", False))
        self.compounds = bool(lex.get("compound_words", False))
        # French soixante-dix / quatre-vingt-dix: tens after which 10..19 may follow
        self.teens_after = {int(v) for v in lex.get("teens_follow", [])}
        self.decimal = lex.get("decimal_separator", ".")
        self.vague = PhraseMatcher({k: v for k, v in lex.get("vague", {}).items()}, self.clitics)
        mods: dict[str, str] = {}
        for approx in ("at_least", "more_than", "at_most", "about"):
            for phrase in lex.get(approx, []):
                mods[phrase] = "at_least" if approx == "more_than" else approx
        self.prefix_mods = PhraseMatcher(mods, self.clitics)
        self.suffix_mods = PhraseMatcher(lex.get("suffix", {}), self.clitics)
        self.range_open = PhraseMatcher({a: b for a, b in lex.get("range", [])}, self.clitics)
        self.range_joiners = PhraseMatcher({w: True for w in lex.get("range_joiners", [])}, self.clitics)

    def word_value(self, word: str) -> int | None:
        """Value of a number word, trying without a clitic, and as a compound when the language
        writes numbers as one word (German dreiundzwanzig, Swedish tjugotre)."""
        for form in [word] + [word[len(c) :] for c in self.clitics if word.startswith(c)]:
            if form in self.words:
                return self.words[form]
            if form in self.multipliers:
                return self.multipliers[form]
        if self.compounds and len(word) > 4:
            parts = self._segment(word)
            if parts and len(parts) > 1:
                return _combine(parts, self)
        return None

    def _segment(self, word: str) -> list[int] | None:
        if not word:
            return []
        for cut in range(len(word), 1, -1):
            head = word[:cut]
            if head in self.joiners:
                rest = self._segment(word[cut:])
                if rest:
                    return rest
                continue
            val = self.words.get(head, self.multipliers.get(head))
            if val is not None:
                rest = self._segment(word[cut:])
                if rest is not None:
                    return [val, *rest]
        return None


@lru_cache(maxsize=32)
def _numlex(lang: str | None) -> _NumberLexicon:
    return _NumberLexicon(lang)


def _round_place(v: int) -> int:
    """10 for 20..90, 100 for 100..900, ...: what a following smaller word may fill."""
    if v < 20:
        return 0
    place = 10 ** int(math.log10(v))
    return place if v % place == 0 else 0


def _can_follow(prev: int, nxt: int, nl: _NumberLexicon, multiplier_prev: bool, joined: bool) -> bool:
    is_mult = nxt in nl.multipliers.values() and nxt >= 100 or nxt == 12 and nl.multipliers.get("dozen") == 12
    if is_mult:
        return not multiplier_prev or nxt > prev
    if multiplier_prev:
        return nxt < prev
    if 0 < nxt < _round_place(prev) or (prev in nl.teens_after and 10 <= nxt < 20):
        return True
    if nl.units_before_tens and prev < 10 and nxt % 10 == 0 and 20 <= nxt <= 90:
        return True
    return nl.teens_units_first and not joined and prev < 10 and nxt == 10


def _combine(values: list[int], nl: _NumberLexicon) -> int:
    mult_values = set(nl.multipliers.values())
    total, current = 0, 0
    for v in values:
        if v in mult_values and v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v in mult_values:
            current = max(current, 1) * v
        else:
            current += v
    return total + current


def _word_run(tokens: list[Token], i: int, nl: _NumberLexicon) -> tuple[int, int] | None:
    """(value, tokens used) of the number-word sequence starting at token i."""
    values: list[int] = []
    j = i
    if tokens[i].text in nl.one_articles and tokens[i].text not in nl.words and i + 1 < len(tokens):
        nxt = nl.multipliers.get(tokens[i + 1].text)
        if nxt is None:
            return None
        values, j = [1], i + 1
    last_end = j
    while j < len(tokens):
        tok = tokens[j]
        joined = False
        k = j
        if values and tok.text in nl.joiners | {"-"} and k + 1 < len(tokens):
            joined = tok.text != "-"
            k += 1
        if tokens[k].kind != "word":
            break
        v = nl.word_value(tokens[k].text)
        # a hyphenated word listed whole ("quatre-vingt", "dix-sept")
        if k + 2 < len(tokens) and tokens[k + 1].text == "-" and tokens[k + 1].start == tokens[k].end:
            whole = f"{tokens[k].text}-{tokens[k + 2].text}"
            if whole in nl.words:
                v, k = nl.words[whole], k + 2
        if v is None:
            break
        if not joined and values and any(tokens[k].text.startswith(c) for c in nl.clitics) \
                and tokens[k].text not in nl.words:
            joined = True  # Arabic "و" glued to the next number word
        if values:
            prev_is_mult = values[-1] in nl.multipliers.values() and values[-1] >= 100
            if not _can_follow(values[-1], v, nl, prev_is_mult, joined):
                break
        values.append(v)
        j = k + 1
        last_end = j
    if not values:
        return None
    return _combine(values, nl), last_end - i


def _digit_run(text: str, tokens: list[Token], i: int, nl: _NumberLexicon) -> tuple[float, int] | None:
    """(value, tokens used) of a digit number with thousands separators (1,000 / 1.000 / 1 000) or a
    decimal part. A 3-digit group after either mark is read as thousands: counts of people are whole."""
    digits = tokens[i].text
    value: float = int(digits)
    j = i + 1
    while len(digits) <= 3 and j < len(tokens):
        sep = tokens[j]
        if sep.text in {",", ".", "'"} and j + 1 < len(tokens) and _adjacent(tokens[j - 1], sep) \
                and _adjacent(sep, tokens[j + 1]) and tokens[j + 1].kind == "num" and len(tokens[j + 1].text) == 3:
            value, j = value * 1000 + int(tokens[j + 1].text), j + 2
        elif sep.kind == "num" and len(sep.text) == 3 and text[tokens[j - 1].end : sep.start] in _SPACES:
            value, j = value * 1000 + int(sep.text), j + 1
        else:
            break
    if j == i + 1 and j + 1 < len(tokens) and tokens[j].text == nl.decimal and tokens[j + 1].kind == "num" \
            and _adjacent(tokens[i], tokens[j]) and _adjacent(tokens[j], tokens[j + 1]):
        value, j = float(f"{digits}.{tokens[j + 1].text}"), j + 2
    return value, j - i


_SPACES = {"\u00a0", "\u202f", " ", "\u2009"}


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


_DATE_SEPARATORS = {"-", "/", "."}


def _numeric_date(tokens: list[Token], i: int) -> int:
    """5 when tokens[i:i+5] are a numeric date written without spaces (day-month-year or year-month-day:
    "05-04-2016", "2016/4/5", "5.4.16"), else 0."""
    if i + 4 >= len(tokens):
        return 0
    a, s1, b, s2, c = tokens[i : i + 5]
    if not (a.kind == b.kind == c.kind == "num" and s1.text == s2.text and s1.text in _DATE_SEPARATORS):
        return 0
    if not (_adjacent(a, s1) and _adjacent(s1, b) and _adjacent(b, s2) and _adjacent(s2, c)):
        return 0
    lengths = (len(a.text), len(b.text), len(c.text))
    if lengths[1] > 2:
        return 0
    year_first, year_last = lengths[0] == 4 and lengths[2] <= 2, lengths[0] <= 2 and lengths[2] in (2, 4)
    return 5 if year_first or year_last else 0


def _possessive(tokens: list[Token], k: int) -> bool:
    """tokens[k:] is a possessive ending glued to the word before it ("couple's", "pair’s")."""
    return k + 1 < len(tokens) and tokens[k].text in {"'", "’"} and tokens[k + 1].text == "s" \
        and tokens[k].start == tokens[k - 1].end and tokens[k + 1].start == tokens[k].end


def _atoms(text: str, tokens: list[Token], nl: _NumberLexicon) -> list[Quantity]:
    atoms: list[Quantity] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        vague = nl.vague.match(tokens, i)
        if vague:
            n, (val, approx) = vague
            vmax = None if approx == "at_least" else int(val)
            atoms.append(Quantity(int(val), tok.start, tokens[i + n - 1].end, "", approx, vmax, i, i + n))
            i += n
            continue
        run: tuple[float, int] | None = None
        if tok.kind == "num" and (date_len := _numeric_date(tokens, i)):
            i += date_len  # "05-04-2016", "2016/04/05": a date, no count
            continue
        if tok.kind == "num":
            run = _digit_run(text, tokens, i, nl)
        elif tok.kind == "word":
            run = _word_run(tokens, i, nl)
        if run is None:
            i += 1
            continue
        value, n = run
        if tok.kind == "word" and _possessive(tokens, i + n):
            i += n  # "the couple's son", "the pair's car": the count word owns the noun, counts no one
            continue
        mult = nl.multipliers.get(tokens[i + n].text) if i + n < len(tokens) else None
        if mult and mult >= 1000 and tok.kind == "num":
            value, n = value * mult, n + 1
        if value != int(value):  # a decimal that is not a count ("2.5 km")
            i += n
            continue
        atoms.append(Quantity(int(value), tok.start, tokens[i + n - 1].end, "", "exact", int(value), i, i + n))
        i += n
    return atoms


def find_quantities(text: str, lang: str | None) -> list[Quantity]:
    """Every quantity in `text` with its span, value, value_max and approx, left to right."""
    tokens = tokenize(text)
    nl = _numlex(lang)
    atoms = _atoms(text, tokens, nl)
    out: list[Quantity] = []
    k = 0
    while k < len(atoms):
        q = atoms[k]
        nxt = atoms[k + 1] if k + 1 < len(atoms) else None
        opened = nl.range_open.match_ending(tokens, q.first_token)
        # "between A and B", "A-B", "A to B", "two or three"
        if nxt is not None and nxt.value > q.value:
            gap = tokens[q.last_token : nxt.first_token]
            joiner = nl.range_joiners.match(tokens, q.last_token) if gap else None
            if joiner and joiner[0] == len(gap) and (opened or gap[0].text != "-" or
                                                     text[q.end : nxt.start] in {"-", "–", "—"}):
                first = opened[0] if opened else q.first_token
                q = Quantity(q.value, tokens[first].start, nxt.end, "", "range", nxt.value, first, nxt.last_token)
                k += 1
                opened = None
        if q.approx != "range":
            mod = nl.prefix_mods.match_ending(tokens, q.first_token)
            if mod:
                start_tok, approx = mod
                q.approx = approx  # type: ignore[assignment]
                q.value_max = None if approx == "at_least" else q.value
                q.first_token, q.start = start_tok, tokens[start_tok].start
            suf = nl.suffix_mods.match(tokens, q.last_token) if q.last_token < len(tokens) else None
            if suf:
                q.approx = suf[1]
                q.value_max = None if suf[1] == "at_least" else q.value
                q.last_token += suf[0]
                q.end = tokens[q.last_token - 1].end
        q.text = text[q.start : q.end]
        out.append(q)
        k += 1
    return out


def parse_quantity(text: str, lang: str | None) -> Quantity | None:
    """The quantity `text` states ("13", "dreizehn", "at least a dozen", "between 10 and 15"), else None."""
    found = find_quantities(text, lang)
    return found[0] if found else None
