"""All entity mentions of an article: capitalised spans typed by classify, datelines,
aliases written with lower-case words, caseless (Arabic) n-grams; people merged by name."""

from __future__ import annotations

import re
from bisect import bisect_left

from corroborate import geo as gaz
from corroborate.analyze.entities.caseless import caseless_found, seen_again
from corroborate.analyze.entities.classify import classify_split
from corroborate.analyze.entities.lexicon import Lexicon, given_names, lexicon, resolve_alias
from corroborate.analyze.entities.signals import Found
from corroborate.analyze.entities.spans import Span, Tok, cased_spans, is_cap, is_caseless, tokenize
from corroborate.analyze.places.datelines import Dateline, datelines
from corroborate.model import Analysis, Article
from corroborate.text.names import same_name
from corroborate.text.sentences import split as split_sentences


def merge_people(found: list[Found], text: str) -> None:
    """Surname-only and differently spelled mentions of one person take the fullest form's name."""
    names = [f for f in found if f.kind == "misc" and f.evidence == "misc" and " " in f.base]
    for f in found:  # "<Name> <Surname> runs ... <Surname> said": the untyped full name is a person's
        if f.evidence == "said" and " " not in f.base and len(f.base) >= 3:
            for p in names:
                if same_name(p.base, f.base) >= 0.85:
                    p.kind = f.kind = "person"
    people = [f for f in found if f.kind == "person"]
    for f in found:  # a lone word that is a known person's surname is that person
        if f.kind == "misc" and " " not in f.base and len(f.base) >= 3:
            for p in people:
                if " " in p.base and same_name(p.base, f.base) >= 0.85:
                    f.kind = "person"
                    break
    surnames = {gaz.loose_key(p.base.split()[-1]) for p in people if " " in p.base}
    # two-word names the classifier left untyped whose first word is no place ("the death of 20-year-old
    # Delvon Kimball ... a cousin of Kimball"): their last word too
    untyped = {gaz.loose_key(f.base.split()[-1]) for f in found
               if f.kind == "misc" and f.evidence == "misc" and len(f.base.split()) == 2
               and not gaz.lookup(f.base.split()[0])}
    for f in found:  # "a friend of <surname>": a small town's name that is a person's surname here
        key = gaz.loose_key(f.base)
        if (
            f.kind in ("place", "misc")
            and f.evidence in ("place", "misc")
            and (key in surnames or key in untyped)
            and all(e.precision in ("town", "district") and e.population < 100000 for e in f.candidates or ())
        ):
            f.kind = "person"
    people = [f for f in found if f.kind == "person"]
    # ties in text order (a set's order changes with the process's hash seed: workers must agree)
    forms = sorted(dict.fromkeys(f.base for f in people), key=lambda b: -len(b.split()))
    fullest: dict[str, str] = {}
    for base in forms:
        fullest[base] = next(
            (o for o in forms if len(o.split()) > len(base.split()) and same_name(o, base) >= 0.75), base
        )
    for f in people:
        f.canonical = fullest[f.base]


def find_mentions(article: Article, analysis: Analysis) -> list[Found]:
    text = article.text or ""
    lang = (analysis.lang or article.lang or "").lower()[:2] or None
    lex = lexicon(lang)
    toks = tokenize(text)
    spans_ = analysis.sentences or split_sentences(text)
    sent_starts = {s for s, _ in spans_}
    # tokens right after a line break or quote also start a sentence for capitalisation purposes
    for t in toks:
        before = text[max(0, t.start - 2) : t.start]
        if "\n" in before or before.endswith(("“", '"', "«", "„", "– ", "- ", "— ")):
            sent_starts.add(t.start)
    found: list[Found] = []
    # aliases written with lower-case words ("État islamique", "Islamiska staten") extend a span
    extended: dict[int, Found] = {}
    for i, tok in enumerate(toks):
        if not is_cap(tok.text) or is_caseless(tok.text):
            continue
        for size in (3, 2):
            if i + size <= len(toks) and not toks[i + size - 1].text[0].isupper():
                phrase = text[tok.start : toks[i + size - 1].end]
                alias = resolve_alias(phrase, lang) if "\n" not in phrase else None
                if alias:
                    extended[tok.start] = Found(
                        tok.start,
                        toks[i + size - 1].end,
                        phrase,
                        phrase,
                        alias[1],  # type: ignore[arg-type]
                        alias[0],
                        "alias",
                    )
                    break
    skip_until = -1
    dated = dateline_places(text, lex)
    found.extend(dated)
    headlines = headline_lines(text, toks, lex)
    headlines += repeated_headlines(text, headlines)
    in_headline: list[Found] = []
    for span in cased_spans(text, toks, lex, sent_starts):
        if span.start < skip_until or any(d.start <= span.start < d.end for d in dated):
            continue
        hit = extended.get(span.start)
        if hit and hit.end > span.end:
            found.append(hit)
            skip_until = hit.end
            continue
        typed = classify_split(text, span, lex, lang)
        if any(a <= span.start < b for a, b in headlines) or title_run(span, lex):
            in_headline.extend(typed)
        else:
            found.extend(typed)
    found.extend(headline_mentions(text, headlines, in_headline, found))
    if any(is_caseless(t.text) for t in toks):
        found.extend(caseless_found(text, toks, lexicon("ar") if lang in (None, "ar") else lex))
        found.extend(seen_again(text, toks, found))
    found.sort(key=lambda f: f.start)
    towns_of_named_provinces(found, text, lex)
    merge_people(found, text)
    return [f for f in found if not (f.evidence in ("initial", "said") and f.kind == "misc")]


_LINE = re.compile(r"[^\n]+")


def headline_lines(text: str, toks: list[Tok], lex: Lexicon) -> list[tuple[int, int]]:
    """Lines written in Title Case or capitals (headlines, menus, tag lists: "Man Shot Dead In Park"):
    four words or more, every word that is not a stopword capitalised. Their capitals mark no names."""
    out: list[tuple[int, int]] = []
    starts = [t.start for t in toks]
    for line in _LINE.finditer(text):
        a, b = bisect_left(starts, line.start()), bisect_left(starts, line.end())
        if not 4 <= b - a <= 40:
            continue  # a paragraph, not a headline (run-together headlines: `title_run`)
        words = toks[a:b]
        if not words[0].text[0].isupper():
            continue
        content = [
            t
            for t in words
            if (t.low not in lex.stopwords or t.text[0].isupper())
            and not (t.start and text[t.start - 1] in "./@")
        ]
        lowered = sum(1 for t in content if not is_cap(t.text) and t.text[0].isalpha())
        cased = sum(1 for t in content if t.text[0].isalpha() and not is_caseless(t.text))
        if len(words) >= 4 and cased >= 4 and lowered == 0:
            out.append((words[0].start, words[-1].end))
    return out


def repeated_headlines(text: str, headlines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A headline written again inside the body ("<date> <Headline> <first sentence>", a scraped
    teaser): its capitals mark no names there either."""
    out: list[tuple[int, int]] = []
    for a, b in headlines:
        title = text[a:b]
        if len(title) < 20:
            continue
        at = text.find(title, b)
        while at >= 0:
            out.append((at, at + len(title)))
            at = text.find(title, at + len(title))
    return out


def title_run(span: Span, lex: Lexicon) -> bool:
    """A run of five capitalised words or more with a capitalised stopword inside ("... Liberate Another
    Village From <X> Near <Y>"), or of seven with no connector: headlines or tags run together by a
    scraper, not one name."""
    toks = span.toks
    if len(toks) >= 7 and not any(t.low in lex.connectors or t.low in lex.org_heads for t in toks):
        return True  # "Tags <Country> <Country> <Org> <Town> ...": a list, not one name
    return len(toks) >= 5 and any(
        t.text[0].isupper() and (t.low in lex.stopwords or t.low in lex.place_preps) for t in toks[1:]
    )


def headline_mentions(
    text: str, headlines: list[tuple[int, int]], typed: list[Found], body: list[Found]
) -> list[Found]:
    """Mentions in headline lines: aliases and places typed there, and the names the body text
    holds, found again in the line ("Police Name <Full Name> As Suspect")."""
    out = [
        f
        for f in typed
        if f.evidence == "alias" and f.kind in ("place", "org", "group") or f.kind == "place" and f.candidates
    ]
    names = {f.text: f for f in body if f.kind in ("person", "org", "misc") and len(f.text) >= 4}
    if not headlines or not names:
        return out
    taken = [(f.start, f.end) for f in out]
    # one pattern, longest names first, so "<Given> <Surname>" wins over "<Surname>"
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
    for a, b in headlines:
        for m in pattern.finditer(text, a, b):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            f = names[m.group()]
            taken.append((start, end))
            out.append(Found(start, end, m.group(), f.base, f.kind, f.canonical, f.evidence, f.candidates))
    return out


def named_provinces(found: list[Found], text: str) -> set[str]:
    """loose_keys of the states/provinces an article names: as places, or abbreviated after a comma."""
    g = gaz.gazetteer()
    out = {
        gaz.loose_key(e.admin1)
        for f in found
        if f.kind == "place" and f.candidates and len(f.candidates) <= 2
        for e in f.candidates
        if e.precision == "province" and e.admin1
    }
    for m in re.finditer(r",\s*((?:[A-Z][a-z]{0,3}\.\s?){1,2}|[A-Z]{2}\b)", text):
        state = g.state_abbrev.get(m.group(1).strip())
        if state:
            out.add(gaz.loose_key(state))
    return out


def towns_of_named_provinces(found: list[Found], text: str, lex: Lexicon) -> None:
    """An untyped name that is a town of a state/province the article names is that town ("... in
    <state> ... <town> residents ..."); common words and names starting with a given name excepted."""
    misc = [f for f in found if f.kind == "misc" and f.evidence == "misc"]
    provinces = named_provinces(found, text) if misc else set()
    if not provinces:
        return
    for f in misc:
        words = f.base.split()
        if (
            not words
            or len(words) > 3
            or f.base.lower() in lex.common_words
            or words[0].lower() in given_names()
        ):
            continue
        key = gaz.loose_key(f.base)
        towns = [
            e
            for e in gaz.lookup(f.base)
            if e.precision in ("town", "district")
            and gaz.is_primary(e, key)
            and e.admin1
            and gaz.loose_key(e.admin1) in provinces
        ]
        if towns:
            f.kind, f.evidence, f.candidates = "place", "place", towns


def dateline_places(text: str, lex: Lexicon) -> list[Found]:
    """Towns written as a dateline ("GARY, Ind. (AP) —"): places whatever their size."""
    out = []
    for d in datelines(text):
        if d.name.lower() in lex.stopwords:
            continue
        key = gaz.loose_key(d.name)
        candidates = [
            e for e in gaz.lookup(d.name) if e.precision in ("town", "district") and gaz.is_primary(e, key)
        ]
        if candidates:
            out.append(Found(d.start, d.end, d.name, d.name, "place", None, "place", candidates))
        elif _placed(d, lex):
            # a town the gazetteer lacks, filed from with its state or an agency: kept without coordinates
            name = d.name.title() if d.name.isupper() else d.name
            out.append(Found(d.start, d.end, d.name, name, "place", None, "place", []))
    return out


def _placed(d: Dateline, lex: Lexicon) -> bool:
    """Whether an unknown dateline name is surely a place: a state/province/country after its comma
    ("<TOWN>, S.D. —") or an agency in parentheses ("<TOWN> (AP) —"), and not a common word."""
    if d.name.lower() in lex.common_words or len(d.name) < 3:
        return False
    if d.admin:
        g = gaz.gazetteer()
        admin = d.admin.strip()
        return (
            admin in g.state_abbrev
            or admin.rstrip(".") + "." in g.state_abbrev
            or any(e.precision in ("province", "country") for e in g.lookup(admin))
        )
    return d.agency
