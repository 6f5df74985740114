"""Which time expression says when the reported event happened (the event time of one article).

The event time is the best-scoring expression: early in the text, precise, in a sentence that reports
an event, and bound to an event cue ("shot Friday", "the shooting on May 3") rather than to a follow-up
cue ("arraigned Thursday", "police said Friday", `followup_cues` in the lexicon). Wire datelines,
timestamp lines, later days and far-back days lose; when nothing beats the publication day, it wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from corroborate.analyze.times.grammar import _ISO, _alt, _ascii_digits, _grammar, load_lexicon
from corroborate.analyze.times.resolve import _as_utc, _day_expr, _local_day
from corroborate.model import Precision, TimeExpr
from corroborate.text.sentences import split as split_sentences

_PRECISION_BONUS: dict[str, float] = {
    "minute": 1.0, "hour": 1.0, "part_of_day": 1.0, "day": 0.5, "week": -0.5, "month": -1.5, "year": -3.0,
}


class _CuePatterns(NamedTuple):
    event: re.Pattern[str] | None
    followup: re.Pattern[str] | None
    procedure: re.Pattern[str] | None  # follow-up steps that take the event as object ("charged with murder")
    opener: re.Pattern[str] | None  # words that open a new clause ("after", "when")
    death: re.Pattern[str] | None = None  # a death that may come days after the attack ("died", "starb")
    prediction: re.Pattern[str] | None = None  # a forecast, plan or chance ("expected", "will", "could")


@cache
def _cue_patterns(lang: str) -> _CuePatterns:
    """Regexes for the cue lists of `lang` (at word starts, or anywhere where words fuse)."""
    lex = load_lexicon(lang) or {}
    lead = "" if lex.get("cues_inside_words") else r"(?<!\w)" + (lex.get("clitic_prefix") or "")

    def build(words: Any, whole_words: bool = False) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile(rf"(?<!\w){_alt(words)}(?!\w)" if whole_words else lead + _alt(words), re.I)

    return _CuePatterns(build(lex.get("event_cues")), build(lex.get("followup_cues")),
                        build(lex.get("procedure_cues")), build(lex.get("clause_openers"), whole_words=True),
                        build(lex.get("death_cues")), build(lex.get("prediction_cues")))


# how far (characters) after a procedure cue an event word is still its object: "charged a man with murder"
_PROCEDURE_REACH = 25
_PROCEDURE_GAP = re.compile(r"[^,;:.!?،؛\n]*")


@dataclass
class _Context:
    """What the scorer needs about the whole article; cues are found only around the expressions."""

    text: str
    sentences: list[tuple[int, int]]
    lex: dict[str, Any]
    pub: datetime | None
    ref: date | None  # the publication day where it was published
    patterns: _CuePatterns
    clocks: tuple[re.Pattern[str], ...] = ()
    scan: str = ""  # the text with ASCII digits, for the clock patterns
    playlist: bool = False  # the page lists videos by length ("2:05 Weekend Weather: ...")
    topic: frozenset[str] = frozenset()  # the headline's words: sentences about the article's own story
    _cues: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = field(default_factory=dict)

    def cues(self, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(event cue spans, follow-up cue spans) inside text[lo:hi]."""
        key = (lo, hi)
        if key not in self._cues:
            p = self.patterns
            ev = [m.span() for m in p.event.finditer(self.text, lo, hi)] if p.event else []
            fu = [m.span() for m in p.followup.finditer(self.text, lo, hi)] if p.followup else []
            # an event word inside a follow-up phrase ("pronounced dead", "died of his injuries") is the follow-up
            ev = [(s, e) for s, e in ev if not any(fs < e and s < fe for fs, fe in fu)]
            if p.procedure and ev:
                steps = [m.span() for m in p.procedure.finditer(self.text, max(0, lo - _PROCEDURE_REACH), hi)]
                ev = [(s, e) for s, e in ev if not any(self._object_of(pe, s) for _, pe in steps)]
            self._cues[key] = (ev, fu)
        return self._cues[key]

    def _object_of(self, step_end: int, event_start: int) -> bool:
        """Whether the event word at `event_start` is the object of the procedure cue ending at `step_end`:
        close after it, in the same clause ("charged with murder Thursday", not "arrested after he shot")."""
        if not 0 <= event_start - step_end <= _PROCEDURE_REACH:
            return False
        if not _PROCEDURE_GAP.fullmatch(self.text, step_end, event_start):
            return False
        return not (self.patterns.opener and self.patterns.opener.search(self.text, step_end, event_start))


def _context(text: str, sentences: list[tuple[int, int]], lang: str | None, published: datetime | None,
             title: str | None = None) -> _Context:
    lex = (load_lexicon(lang) if lang else None) or {}
    patterns = _cue_patterns(lang) if lex and lang else _CuePatterns(None, None, None, None)
    g = _grammar(lang) if lex and lang else None
    scan = _ascii_digits(text)
    playlist = len(_PLAYLIST_ENTRY.findall(scan)) >= _PLAYLIST_MIN
    return _Context(text, sentences, lex, _as_utc(published), _local_day(published), patterns,
                    tuple(g.clocks) if g else (), scan, playlist, _topic_words(title or ""))


# words long enough to say what a story is about ("shooting", "bakery", "11"), compared by their first
# letters so that inflections meet ("accidental" / "accidentally", "verletzt" / "verletzte")
_TOPIC_WORD = re.compile(r"[^\W_]+")
_TOPIC_MIN_LEN = 4
_TOPIC_STEM = 5
# a sentence sharing this many headline words tells the article's own story, not another on the page
_TOPIC_SHARED = 2
_TOPIC_BONUS = 0.5


def _topic_words(text: str) -> frozenset[str]:
    return frozenset(w.lower()[:_TOPIC_STEM] for w in _TOPIC_WORD.findall(text)
                     if len(w) >= _TOPIC_MIN_LEN or w[0].isdigit())


# a line opening with a length ("1:16", "12:05") and a title: an entry of a list of videos, when the
# page has several; a clock time opening a line of prose carries am/pm or a unit ("10:45 p.m.", "10:45 Uhr")
_PLAYLIST_ENTRY = re.compile(r"^\d{1,2}:\d{2}[^\S\n]+(?!(?:[ap]\.?m\b|uhr\b|h\b|ч))\w", re.M | re.I)
_PLAYLIST_MIN = 2


# what may stand between a day and its clock time: "10:45 p.m. Saturday", "Saturday at about 9:30"
_CLOCK_GAP = re.compile(r"[^\S\n]*,?[^\S\n]*(?:[^\W\d]+\.?[^\S\n]+){0,2}")


def _clock_beside(t: TimeExpr, ctx: _Context) -> bool:
    """Whether a clock time sits right before or after `t`: the precise time of something that happened."""
    for pattern in ctx.clocks:
        for m in pattern.finditer(ctx.scan, max(0, t.start - 30), t.start):
            if _CLOCK_GAP.fullmatch(ctx.scan, m.end(), t.start):
                return True
        m = pattern.search(ctx.scan, t.end, min(len(ctx.scan), t.end + 40))
        if m and _CLOCK_GAP.fullmatch(ctx.scan, t.end, m.start()):
            return True
    return False


def _nearest(cues: list[tuple[int, int]], t: TimeExpr, lo: int, hi: int, text: str = "") -> float | None:
    """Distance from `t` to the closest cue inside [lo, hi), or None when there is none.

    A cue after the expression counts half as far again: a verb binds the time phrase that follows it
    ("was shot Friday", "said Friday") more often than one before it; after a comma, farther still
    ("shot Friday, police said": the time belongs to the clause it closes).
    """
    best: float | None = None
    for s, e in cues:
        if e <= lo or s >= hi:
            continue
        if e <= t.start:
            d: float = t.start - e
        elif s >= t.end:
            d = 1.5 * (s - t.end) + (_COMMA_GAP if _COMMA.search(text, t.end, s) else 0)
        else:
            d = 0
        if best is None or d < best:
            best = d
    return best


# a day named with its clock time ("10:45 p.m. Saturday") dates an incident, seldom a later step
_CLOCK_BONUS = 3.0
# extra distance of a cue after the expression with a comma in between
_COMMA_GAP = 30.0
_COMMA = re.compile("[,،、]")
# score of "the event happened on the publication day": a weak expression must beat it to be chosen
_PUBLISHED_DAY_SCORE = -1.0
# what follows the date of a wire dateline: "(Reuters) -", "(AP) —"
_DATELINE_TAIL = re.compile(r"\s*\((?:[A-Z][\w.&-]*\s?){1,4}\)\s*[-–—:]")
# "— Jane Roe (@janeroe) May 3, 2024": the signature line of an embedded post, the day it was posted
_EMBED_SIGNATURE = re.compile(r"\(@\w+\)\s*$")
# far-back penalty of an absolute date ("on June 3, 2023") that the text binds to the event
_DATED_FOLLOWED_UP = 1.0
# how close (in characters, same clause) a cue must be to bind to a time expression
_CUE_REACH = 70
# a sentence end inside the cue window; "p.m. Monday" and "Jan. 5" are not ends
_CLAUSE_END = re.compile(r"(?<!\b[ap]\.m)(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z])[.!?؟;]+[\"'”’»)]*\s+|\n")


def _clause(text: str, t: TimeExpr) -> tuple[int, int]:
    """The stretch around `t` a cue may bind from: within reach, on its line, not across a sentence end."""
    lo, hi = max(0, t.start - _CUE_REACH), min(len(text), t.end + _CUE_REACH)
    for m in _CLAUSE_END.finditer(text, lo, t.start):
        lo = m.end()
    m = _CLAUSE_END.search(text, t.end, hi)
    return lo, (m.start() if m else hi)


def _score(t: TimeExpr, ctx: _Context) -> float:
    text, sentences, lex, pub = ctx.text, ctx.sentences, ctx.lex, ctx.pub
    si = bisect_right(sentences, (t.start, len(text) + 1)) - 1
    if si < 0 or t.start >= sentences[si][1]:
        si = len(sentences)  # between sentences (trimmed whitespace): weigh as late
    s0, s1 = sentences[si] if si < len(sentences) else (t.start, t.end)
    score = 3.0 / (1 + si) ** 0.5
    if ctx.topic and len(ctx.topic & _topic_words(text[s0:s1])) >= _TOPIC_SHARED:
        score += _TOPIC_BONUS
    c0, c1 = _clause(text, t)
    event_cues, followup_cues = ctx.cues(min(s0, c0), max(s1, c1))
    if _nearest(event_cues, t, s0, s1, text) is not None:
        score += 1.0  # the sentence reports an event
    # the cue closest to the expression says what it dates: the event itself, or a later step
    # ("arrested on Saturday in the shooting on May 3", "police said Friday")
    near_event = _nearest(event_cues, t, c0, c1, text)
    near_followup = _nearest(followup_cues, t, c0, c1, text)
    bound_to_event = near_event is not None and (near_followup is None or near_event <= near_followup)
    if near_event is not None and bound_to_event:
        score += 2.0 if near_event <= _CUE_REACH // 3 else 1.5
    elif near_followup is not None:
        score -= 2.0
    line_start = text.rfind("\n", 0, t.start) + 1
    line_end = text.find("\n", t.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    before = text[max(line_start, t.start - 40) : t.start].lower()
    if any(cue in before for cue in lex.get("published_cues", ())) or len(line.strip()) - len(t.text) < 12 \
            or _EMBED_SIGNATURE.search(before):
        score -= 6.0  # a dateline or timestamp line: the publication time, not the event's
    elif ctx.playlist and _PLAYLIST_ENTRY.match(text, line_start):
        score -= 12.0  # "2:05 Weekend Weather: ...": a video's title in the page's list, below the published day
    if _ISO.fullmatch(t.text):
        score -= 3.0  # machine timestamps are metadata far more often than prose
    if any(cue in text[max(0, t.start - 30) : t.start].lower() for cue in lex.get("background_cues", ())):
        score -= 1.5
    score += _PRECISION_BONUS.get(t.precision or "day", 0.0)
    if t.precision in ("day", "part_of_day") and _clock_beside(t, ctx):
        score += _CLOCK_BONUS
    if t.value is not None and _DATELINE_TAIL.match(text, t.end):
        score -= 3.0  # "CITY, May 3 (Agency) -": the filing day
    if pub is not None and t.value is not None:
        days_before = (pub - t.value).total_seconds() / 86400
        if days_before > 31:
            # a full date with its year, bound to the event, is how a later report dates what it follows up
            dated = bound_to_event and not t.relative and t.precision == "day"
            score -= _DATED_FOLLOWED_UP if dated else 3.0
        elif days_before > 8:
            score -= 1.0
        elif ctx.ref is not None and t.value.date() > ctx.ref:
            score -= 4.0  # reports tell what happened: a later day is a plan or a schedule
    if t.value is None:
        score -= 1.0
    return score


def pick_event_time(
    text: str, exprs: list[TimeExpr], lang: str | None, published: datetime | None,
    sentences: list[tuple[int, int]] | None = None, title: str | None = None,
) -> TimeExpr | None:
    """Mark and return the expression that best says when the reported event happened.

    When nothing was found, or only what scores below the plain publication day (a lone timestamp line),
    the published day becomes the event time (text ""), if it is known. With the article's `title`,
    sentences sharing its words (the article's own story, not another on the page) score a little higher;
    a day inside a chosen week replaces it, and an event's day replaces the later day of a death or of a
    follow-up step ("died Monday" / "turned himself in Thursday" after "shot Saturday").
    A clock time in the chosen expression's sentence refines it to the hour or minute. A day the text
    forecasts, plans or gives a chance of ("expected on May 3") is never chosen.
    """
    pub = _as_utc(published)
    for t in exprs:
        t.is_event_time = False
    best: TimeExpr | None = None
    if exprs:
        sents = sentences if sentences else split_sentences(text)
        ctx = _context(text, sents, lang, published, title)
        predicted = [_dates_prediction(t, ctx) for t in exprs]
        for t, plan in zip(exprs, predicted, strict=True):
            if not plan:
                _last_year_if_past_event(t, ctx)
        scored = [(_PREDICTED if plan else _score(t, ctx), -t.start, i)
                  for i, (t, plan) in enumerate(zip(exprs, predicted, strict=True))]
        top_score, _, top = max(scored)
        # nothing in the text beats the plain publication day (an old holiday, a lone timestamp line)
        best = exprs[top] if (pub is None and top_score > _PREDICTED) or top_score >= _PUBLISHED_DAY_SCORE \
            else None
        if best is not None:
            scores = [s for s, _, _ in scored]
            best = _day_inside(best, exprs, scores) or best
            best = _attack_before_death(best, exprs, scores, ctx) or best
            best = _event_before_followup(best, exprs, scores, ctx) or best
    if best is None:
        if pub is None:
            return None
        fallback = TimeExpr("", 0, 0, *_day_expr(_local_day(published) or pub.date(), None), relative=False,
                            is_event_time=True)
        exprs.append(fallback)
        return fallback
    chosen = _refine_with_clock(best, text, sents, lang) or best
    if chosen is not best:
        exprs.append(chosen)
        exprs.sort(key=lambda t: t.start)
    chosen.is_event_time = True
    return chosen


# how far below a week or month the day inside it may score and still replace it
_INSIDE_MARGIN = 3.0
_COARSE = ("week", "month")
# "a week ago" is said loosely: a day a few days before the week still falls in it
_LOOSE = timedelta(days=3)
_FINE = ("day", "part_of_day", "hour", "minute")


def _day_inside(best: TimeExpr, exprs: list[TimeExpr], scores: list[float]) -> TimeExpr | None:
    """A day the text names inside the week or month chosen ("died a week ago ... died March 6"): the
    same event, said precisely."""
    if best.precision not in _COARSE or best.value is None or best.value_end is None:
        return None
    top = max(scores)
    picks = [(score, -t.start, t) for t, score in zip(exprs, scores, strict=True)
             if t.precision in _FINE and t.value is not None and best.value - _LOOSE <= t.value < best.value_end
             and top - score <= _INSIDE_MARGIN]
    return max(picks, key=lambda p: p[:2])[2] if picks else None


# a death this many days after an attack the article also dates is the victim dying of the wounds
_DEATH_AFTER = timedelta(days=14)
# how far below the chosen death's day the attack's day may score and still date the event instead
_ATTACK_MARGIN = 3.0


def _attack_before_death(best: TimeExpr, exprs: list[TimeExpr], scores: list[float], ctx: _Context) -> TimeExpr | None:
    """The day of the attack when the chosen time dates only a death ("died at 6:10 p.m. Monday") and
    another expression dates an attack shortly before it ("shot Saturday"): the incident is the attack."""
    if best.value is None or not _death_only(best, ctx):
        return None
    return _earlier_event(best, exprs, scores, ctx, _DEATH_AFTER)


# how long before a follow-up step (arrest, charge, statement) the event it follows may lie
_FOLLOWUP_AFTER = timedelta(days=60)


def _event_before_followup(best: TimeExpr, exprs: list[TimeExpr], scores: list[float], ctx: _Context) -> TimeExpr | None:
    """The day of the event when the chosen time dates a follow-up step ("turned himself in Thursday")
    and another expression dates an event word shortly before it ("shot on Aug. 5")."""
    if best.value is None or not _dates_followup(best, ctx):
        return None
    return _earlier_event(best, exprs, scores, ctx, _FOLLOWUP_AFTER)


def _earlier_event(best: TimeExpr, exprs: list[TimeExpr], scores: list[float], ctx: _Context,
                   within: timedelta) -> TimeExpr | None:
    """The best-scoring expression dating an event word 1 day to `within` before `best`'s day, scoring at
    most _ATTACK_MARGIN below the top (the earliest in the text on ties)."""
    if best.value is None:
        return None
    top = max(scores)
    picks = [
        (score, -t.start, t) for t, score in zip(exprs, scores, strict=True)
        if t.value is not None and top - score <= _ATTACK_MARGIN
        and timedelta(days=1) <= best.value - t.value <= within
        and t.value.date() < best.value.date() and _dates_attack(t, ctx)
    ]
    return max(picks, key=lambda p: p[:2])[2] if picks else None


# the score of a day the text forecasts or plans: never the event time (the others' margins exclude it too)
_PREDICTED = -100.0


def _dates_prediction(t: TimeExpr, ctx: _Context) -> bool:
    """Whether a forecast, a plan or a chance governs `t` ("a chance of impact on 2 June", "a vigil will be
    held Saturday"): a cue before it in its clause, closer than any event word. Such a day is one the event
    has not reached; without a publication day this is the only way to tell it from the event's."""
    pattern = ctx.patterns.prediction
    if pattern is None:
        return False
    c0, c1 = _clause(ctx.text, t)
    predictions = [m.span() for m in pattern.finditer(ctx.text, c0, t.start)]
    if not predictions:
        return False
    events, _ = ctx.cues(c0, c1)
    # an event word inside the cue is the cue ("وقع" in "المتوقع", expected)
    events = [(s, e) for s, e in events if not any(ps < e and s < pe for ps, pe in predictions)]
    near = _nearest(events, t, c0, c1, ctx.text)
    return near is None or _nearest(predictions, t, c0, c1, ctx.text) < near  # type: ignore[operator]


# a day this far after the publication day cannot be a slightly wrong publication date
_AHEAD_OF_PUBLICATION = timedelta(days=14)


def _last_year_if_past_event(t: TimeExpr, ctx: _Context) -> None:
    """Re-date last year a day given without its year ("was shot Oct. 9" in a July report) that an event
    word binds and that lies weeks after the publication day: it resolved to the publication year (only a
    day half a year ahead is taken as last year's without context), but a report tells what has happened."""
    if ctx.ref is None or t.value is None or not t.relative or t.precision != "day" \
            or not any(ch.isdigit() for ch in t.text) or t.value.date() <= ctx.ref + _AHEAD_OF_PUBLICATION:
        return
    c0, c1 = _clause(ctx.text, t)
    events, followups = ctx.cues(c0, c1)
    near, far = _nearest(events, t, c0, c1, ctx.text), _nearest(followups, t, c0, c1, ctx.text)
    if near is None or (far is not None and far < near):
        return
    try:
        value = t.value.replace(year=t.value.year - 1)
        value_end = t.value_end.replace(year=t.value_end.year - 1) if t.value_end else None
    except ValueError:  # 29 February
        return
    t.value, t.value_end = value, value_end


def _dates_followup(t: TimeExpr, ctx: _Context) -> bool:
    """Whether the cue closest to `t` is a follow-up step, not an event word."""
    c0, c1 = _clause(ctx.text, t)
    events, followups = ctx.cues(c0, c1)
    far = _nearest(followups, t, c0, c1, ctx.text)
    near = _nearest(events, t, c0, c1, ctx.text)
    return far is not None and (near is None or far < near)


def _death_spans(t: TimeExpr, ctx: _Context) -> tuple[int, int, list[tuple[int, int]]]:
    c0, c1 = _clause(ctx.text, t)
    pattern = ctx.patterns.death
    return c0, c1, [m.span() for m in pattern.finditer(ctx.text, c0, c1)] if pattern else []


def _death_only(t: TimeExpr, ctx: _Context) -> bool:
    """Whether every event word bound to `t` tells a death, none an attack."""
    c0, c1, deaths = _death_spans(t, ctx)
    if not deaths:
        return False
    events, _ = ctx.cues(c0, c1)
    return all(any(ds < e and s < de for ds, de in deaths) for s, e in events)


def _dates_attack(t: TimeExpr, ctx: _Context) -> bool:
    """Whether `t` is bound to an event word that is not a death ("shot Saturday")."""
    c0, c1, deaths = _death_spans(t, ctx)
    events, followups = ctx.cues(c0, c1)
    attacks = [(s, e) for s, e in events if not any(ds < e and s < de for ds, de in deaths)]
    near = _nearest(attacks, t, c0, c1, ctx.text)
    far = _nearest(followups, t, c0, c1, ctx.text)
    return near is not None and (far is None or near <= far)


def _refine_with_clock(t: TimeExpr, text: str, sentences: list[tuple[int, int]], lang: str | None) -> TimeExpr | None:
    g = _grammar(lang) if lang else None
    if g is None or t.value is None or t.precision not in ("day", "part_of_day"):
        return None
    if t.precision == "day" and t.value_end is not None and t.value_end - t.value > timedelta(days=1):
        return None  # a range of days: no single day for the clock
    s0, s1 = next(((s, e) for s, e in sentences if s <= t.start < e), (t.start, t.end))
    # the clock must sit in the same sentence and on the same line (not in a dateline above it)
    s0 = max(s0, text.rfind("\n", 0, t.start) + 1)
    line_end = text.find("\n", t.end)
    s1 = min(s1, line_end) if line_end >= 0 else s1
    scan = _ascii_digits(text)
    for pattern in g.clocks:
        m = pattern.search(scan, s0, s1)
        if not m or (m.start() < t.end and m.end() > t.start):
            continue
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ampm = (m.groupdict().get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        day = t.value.replace(hour=0, minute=0)
        if t.precision == "part_of_day" and t.value.hour >= 18 and hour < 12:
            day += timedelta(days=1)  # "overnight ... at 1:30": after midnight
        v = day + timedelta(hours=hour, minutes=minute)
        precision: Precision = "minute" if m["mi"] else "hour"
        span = timedelta(minutes=1) if m["mi"] else timedelta(hours=1)
        return TimeExpr(text[m.start() : m.end()], m.start(), m.end(), v, v + span, precision, t.relative)
    return None
