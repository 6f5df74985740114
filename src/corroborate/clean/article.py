"""`clean`: one Document in, one Article out (text, title, url, outlet, date, language, id)."""

from __future__ import annotations

import re

from corroborate.clean.boilerplate import (
    apply_anywhere_rules,
    apply_edge_rules,
    apply_repetition_rule,
    repeated_names_of,
)
from corroborate.clean.errors import CleanError
from corroborate.clean.html import HtmlExtract, extract_html
from corroborate.clean.hygiene import language_code, publication_date
from corroborate.clean.lines import Line, ends_sentence
from corroborate.clean.metadata import sniff_head, take_title
from corroborate.clean.patterns import load_patterns
from corroborate.clean.textnorm import (
    content_hash,
    decode_bytes,
    fix_mojibake,
    normalise_line,
    repair_glued_sentences,
    split_lines,
    strip_controls,
)
from corroborate.clean.urls import normalise_url, registrable_domain
from corroborate.limits import MAX_TEXT_CHARS, cut_text
from corroborate.model import Article, Document
from corroborate.text.detect import detect_language, overruled

LANG_SAMPLE = 2000  # characters of clean text given to language identification


def clean(doc: Document) -> Article:
    """Turn a raw Document into an Article. Metadata given in the Document wins over sniffed values.

    Raises CleanError when no text is left (empty input, markup without text, only boilerplate).
    """
    raw = decode_bytes(doc.content, doc.origin) if isinstance(doc.content, bytes) else doc.content
    raw = fix_mojibake(strip_controls(raw))
    warnings = list(doc.warnings)
    html: HtmlExtract | None = None
    if doc.kind == "html":
        html = extract_html(raw, doc.url)
        raw = fix_mojibake(html.text)
    full_length = len(raw)
    raw = raw[: 2 * MAX_TEXT_CHARS]  # cleaning keeps most lines: the exact cut is made on the clean text

    patterns = load_patterns()
    lines = _to_lines(raw)
    given_title = _clean_field(doc.title) or (_clean_field(html.title) if html else None)
    given_lang = language_code(doc.lang, warnings)
    languages = [given_lang] if given_lang else None
    sniffed = sniff_head(lines, patterns, languages)
    lines = _merge_wrapped(lines)
    apply_anywhere_rules(lines, patterns, given_title)
    title = given_title
    if title is None:
        title = take_title(lines)
        if title:
            apply_anywhere_rules(lines, patterns, title)
            for line in lines:
                if line.kept and line.text == title:
                    line.removed = "title"
                    break
    if html is None:
        repeated_names = apply_repetition_rule(lines)
        apply_edge_rules(lines)
    else:  # the HTML extractor already chose the article's blocks: repeats and short blocks stay
        repeated_names = repeated_names_of(lines)

    text, cut = cut_text(_assemble(lines))
    if cut:
        warnings.append(cut if full_length <= 2 * MAX_TEXT_CHARS else
                        f"text is {full_length:,} characters, over the {MAX_TEXT_CHARS:,} analysed per article: "
                        f"cut at {len(text):,}")
    if not text:
        raise CleanError(
            f"{doc.origin or 'document'}: no article text left after cleaning "
            f"({len(lines)} lines, all empty or boilerplate); check that the input is an article"
        )
    sign = patterns.not_article_sign(title, text)
    if sign is not None:
        raise CleanError(f"{doc.origin or 'document'}: an error or unavailable page ({sign!r}), not an article; "
                         "skipped (fetch the page again if it should hold one)")

    published, precision = publication_date(
        [doc.published, html.date if html else None], (sniffed.published, sniffed.precision), languages, warnings)

    url = _clean_field(doc.url) or (html.url if html else None) or sniffed.url
    url = normalise_url(url) if url else None
    outlet = _clean_field(doc.source) or (registrable_domain(url) if url else None)
    if outlet is None and html and html.sitename:
        outlet = html.sitename

    if given_lang:
        lang, confidence = given_lang, 1.0
        reading = overruled(given_lang, text)
        if reading is not None:
            lang, confidence = reading
            warnings.append(f"lang {given_lang!r} given, but the text reads as {lang!r} "
                            f"(confidence {confidence:.2f}): analysed as {lang!r}")
    else:
        lang, confidence = detect_language(text[:LANG_SAMPLE])

    digest = content_hash(text)
    removed = [r for r in sniffed.removed if r] + [ln.text for ln in lines if ln.text and ln.removed not in (None, "title")]
    authors = [strip_controls(a) for a in doc.authors] or (html.authors if html and html.authors else repeated_names)
    return Article(
        id=strip_controls(doc.given_id) if doc.given_id else digest[:16],
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        authors=authors,
        published=published,
        published_precision=precision,
        lang=lang,
        lang_confidence=confidence,
        content_hash=digest,
        origin=doc.origin,
        removed=removed,
        warnings=warnings,
    )


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalise_line(fix_mojibake(value))
    return value or None


def _to_lines(text: str) -> list[Line]:
    out: list[Line] = []
    gap = False
    for line in split_lines(text):
        if not line:
            gap = True
            continue
        out.append(Line(text=line, gap_before=gap or not out))
        gap = False
    return out


def _hard_wrapped(lines: list[Line]) -> bool:
    """Paragraphs broken into lines of similar width (e-mail style) rather than one line each."""
    if len(lines) < 6:
        return False
    inner = [ln for ln in lines if not ln.gap_before]
    if len(inner) < len(lines) / 2 or not any(ln.gap_before for ln in lines[1:]):
        return False
    lengths = sorted(len(ln.text) for ln in lines)
    return lengths[len(lengths) * 3 // 4] <= 90


def _merge_wrapped(lines: list[Line]) -> list[Line]:
    """Join physical lines into paragraphs: every line of a block when the text is hard-wrapped,
    else a line that goes on in lowercase after a line that stopped mid-sentence."""
    wrapped = _hard_wrapped([ln for ln in lines if ln.kept])
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if line.kept and prev is not None and prev.kept and not line.gap_before and (
            wrapped or (not ends_sentence(prev.text) and line.text[:1].islower())
        ):
            prev.text = f"{prev.text} {line.text}"
        else:
            out.append(line)
    return out


def _assemble(lines: list[Line]) -> str:
    """Kept lines are paragraphs, separated by blank lines."""
    text = "\n\n".join(repair_glued_sentences(ln.text) for ln in lines if ln.kept)
    return re.sub(r"[ \t]+", " ", text).strip()
