"""Facts from claims: group each story's claims by slot and qualifier, then decide consensus.

A claim is read as an interval of values it allows: exact 13 = [13, 13], "at least a dozen" = [12, inf),
"up to 20" = [0, 20], "about 50" = [45, 55], "10-15" = [10, 15]. Two claims agree when their intervals
meet. Support for a value counts independent sources: distinct attributions, or distinct outlets when a
claim names no source. The consensus value is the lowest value that the most independent sources allow
(ACLED's conservative choice among the best-supported figures); min/max span everything claimed, less
the lower counts a source gives beside its own main figure in the same report (parts of it), and less
the counts a report cites that its own lead assessment rules out (see _own_assessment); the consensus
stays within min/max. Injured counts read from "shot" with no stated fate lose the story's dead (see
_settle_fate_unknown). In a story that counts no combatants, civilian counts and counts with no group
are one fact (see _merge_civilians_into_totals).
Claims are read in report order first (revisions.py): what a later report revised stays listed as not
current, and status and consensus are decided over the current claims; `history` gives the decision after
each report, and a party saying the dead were only combatants enters the civilians fact (_add_disputes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from corroborate.model import Analysis, Article, Claim, Consensus, Fact, FactClaim, HistoryPoint
from corroborate.reconcile.headline import prefer_headline_figures
from corroborate.reconcile.intervals import Interval, claim_interval
from corroborate.reconcile.revisions import Settled, settle_revisions
from corroborate.reconcile.sources import source_key
from corroborate.reconcile.sums import prefer_stated_totals
from corroborate.text.lexicon import load_lexicon
from corroborate.text.quantities import find_quantities
from corroborate.text.tokens import PhraseMatcher, tokenize

Key = tuple[str, str | None, str | None]


def build_facts(items: list[tuple[Article, Analysis]]) -> list[Fact]:
    grouped: dict[Key, list[tuple[FactClaim, Interval]]] = defaultdict(list)
    headline: dict[Key, set[tuple[str, int]]] = defaultdict(set)
    unknown: set[int] = set()  # ids of the FactClaims read from "shot" with no stated fate
    disputing: list[tuple[Claim, FactClaim]] = []
    observed: set[int] = set()  # ids of the FactClaims counting what someone saw ("12 bodies")
    implied: set[int] = set()  # ids of the FactClaims no figure states ("charged in fatal shooting")
    for article, analysis in items:
        keys = set()
        for claim in analysis.claims:
            fc = _fact_claim(article, claim, claim.quote)
            grouped[_key(claim)].append((fc, claim_interval(claim)))
            keys.add(_key(claim))
            if claim.fate_unknown:
                unknown.add(id(fc))
            if claim.exclusive:
                disputing.append((claim, fc))
            if claim.observed:
                observed.add(id(fc))
        for claim in analysis.title_claims:
            if not claim.implied:
                headline[_key(claim)].add((article.id, claim.value))
            if _key(claim) not in keys:  # the headline states a count the text does not repeat
                fc = _fact_claim(article, claim, claim.quote, in_text=False)
                grouped[_key(claim)].append((fc, claim_interval(claim)))
                keys.add(_key(claim))
                if claim.fate_unknown:
                    unknown.add(id(fc))
                if claim.implied:
                    implied.add(id(fc))
    _drop_implied_beside_figures(grouped, implied)
    _add_disputes(grouped, disputing)
    _own_figures_only(grouped, observed)
    _settle_fate_unknown(grouped, unknown)
    _merge_civilians_into_totals(grouped)
    facts = [_fact(slot, group, about, claims, headline[(slot, group, about)], observed)
             for (slot, group, about), claims in grouped.items()]
    facts = prefer_headline_figures(prefer_stated_totals(facts), items)
    facts = [_last_step_final(f) for f in facts]
    facts.sort(key=lambda f: (_SLOT_ORDER.get(f.slot, 99), f.qualifier.get("group") or "", f.qualifier.get("about") or ""))
    return facts


def _drop_implied_beside_figures(grouped: dict[Key, list[tuple[FactClaim, Interval]]], implied: set[int]) -> None:
    """A count no figure states ("at least one dead" from a headline naming a killing) stands only in a
    fact no report gives a figure for: beside one it adds nothing, and would support its own low value."""
    for key, claims in grouped.items():
        if any(id(c) not in implied for c, _ in claims):
            grouped[key] = [ci for ci in claims if id(ci[0]) not in implied]


def _add_disputes(grouped: dict[Key, list[tuple[FactClaim, Interval]]], disputing: list[tuple[Claim, FactClaim]]) -> None:
    """A party that says the dead were only combatants ("all 11 killed were militants") disputes the
    story's civilian count: its claim enters the civilians fact as 0 civilians, with its attribution.
    A story that counts no civilians gets the fact from the counts of people the party contests."""
    for claim, fc in disputing:
        key = ("killed", "civilians", claim.about)
        if key not in grouped:
            contested = _contested_counts(grouped.get(("killed", None, claim.about), []), fc)
            if not contested:
                continue
            grouped[key] = contested
        if any(c.disputes and c.article == fc.article for c, _ in grouped[key]):
            continue
        zero = replace(fc, value=0, approx="exact", value_max=None, disputes=True)
        grouped[key].append((zero, claim_interval(zero)))


def _contested_counts(totals: list[tuple[FactClaim, Interval]], party: FactClaim) -> list[tuple[FactClaim, Interval]]:
    """With no civilian count in the story, what a party contests by saying all the dead were combatants
    is the count of people the other sources give (a health authority's toll): those claims, with their
    own quotes and attributions, are the other side of the civilians fact. The party's own counts are not."""
    mine = source_key(party)
    return [(c, iv) for c, iv in totals if source_key(c) != mine and c.article != party.article]


# groups whose dead are not civilians: a story that counts them may mean combatants by "people"
_COMBATANTS = {"attackers", "fighters", "police", "soldiers"}


def _own_figures_only(grouped: dict[Key, list[tuple[FactClaim, Interval]]], observed: set[int]) -> None:
    """A count of what was seen stands as a report's own figure only when that report states no higher
    toll: "12 bodies" beside its own "13 killed" is part of what it counted, not a rival figure."""
    for claims in grouped.values():
        for c, _ in claims:
            if id(c) in observed and any(o.article == c.article and id(o) not in observed and o.value > c.value
                                         for o, _ in claims):
                observed.discard(id(c))


def _merge_civilians_into_totals(grouped: dict[Key, list[tuple[FactClaim, Interval]]]) -> None:
    """In a story that counts no combatants for a slot, "15 people were killed" and "16 civilians were
    killed" count the same dead: the civilian claims join the fact with no group (one range, one
    consensus) instead of two facts that each see half of the reports."""
    for slot, group, about in list(grouped):
        if group != "civilians" or (slot, None, about) not in grouped:
            continue
        if any(c.disputes for c, _ in grouped[(slot, group, about)]):
            continue  # civilians are what a party disputes: a fact of their own
        if any(k[0] == slot and k[2] == about and k[1] in _COMBATANTS for k in grouped):
            continue
        totals = grouped[(slot, None, about)]
        seen = {_same_count(c) for c, _ in totals}  # a civilian count is often read as a total too
        totals += [(c, iv) for c, iv in grouped.pop((slot, group, about)) if _same_count(c) not in seen]


def _same_count(c: FactClaim) -> tuple:
    return c.article, c.start, c.value, c.approx, c.value_max


def _settle_fate_unknown(grouped: dict[Key, list[tuple[FactClaim, Interval]]], unknown: set[int]) -> None:
    """People shot with no stated fate in one report may be the dead of another ("a boy was shot" in
    one article, "the boy died" in the next): when no report gives an injured count with a known fate,
    the injured are those shot minus the story's killed consensus, and a claim left with none drops. With
    more dead than shot ("7 shot" beside "45 killed" in a month), the dead are not all among them: the
    claim stays as stated."""
    injured = grouped.get(("injured", None, None))
    if not injured or any(id(c) not in unknown for c, _ in injured):
        return
    killed_claims = grouped.get(("killed", None, None))
    if killed_claims:  # the toll as it stands now (an earlier, lower toll a later report revised is past)
        killed_claims = [ci for ci in _settled("killed", killed_claims).items if ci[0].current] or killed_claims
    killed = (_best_supported(killed_claims)[0] or 0) if killed_claims else 0
    killed -= _dead_attackers_counted(grouped, killed_claims or [])
    if killed <= 0:
        return
    kept: list[tuple[FactClaim, Interval]] = []
    for c, interval in injured:
        if killed > c.value:  # more dead than shot: the dead are not (all) among these, whose fate stays unknown
            kept.append((c, interval))
            continue
        if c.value - killed <= 0:
            continue
        c = replace(c, value=c.value - killed, shot_stated=c.value,
                    value_max=None if c.value_max is None else max(c.value - killed, c.value_max - killed))
        kept.append((c, claim_interval(c)))
    if kept:
        grouped[("injured", None, None)] = kept
    else:
        del grouped[("injured", None, None)]


def _dead_attackers_counted(grouped: dict[Key, list[tuple[FactClaim, Interval]]],
                            killed: list[tuple[FactClaim, Interval]]) -> int:
    """The dead attackers that the killed total counts ("and the gunman killed himself" is a death of the
    total and of the attackers, from the same words): they were not among the people shot."""
    attackers = grouped.get(("killed", "attackers", None)) or []
    spans = {(c.article, c.start, c.value) for c, _ in killed if c.start is not None}
    twins = [ci for ci in attackers if (ci[0].article, ci[0].start, ci[0].value) in spans]
    return (_best_supported(twins)[0] or 0) if twins else 0


def _key(claim: Claim) -> Key:
    return claim.slot, claim.group, claim.about


def _fact_claim(article: Article, claim: Claim, quote: str, in_text: bool = True) -> FactClaim:
    """A dossier claim; one from the headline has no span in the text (start/end None)."""
    return FactClaim(
        value=claim.value,
        article=article.id,
        source=article.outlet,
        attributed_to=claim.attributed_to,
        quote=quote,
        lang=claim.lang or article.lang,
        approx=claim.approx,
        value_max=claim.value_max,
        start=claim.start if in_text else None,
        end=claim.end if in_text else None,
        published=article.published or claim.reported,
        published_precision=article.published_precision if article.published else None,
        update=claim.update,
        attribution_kind=claim.attribution_kind,
    )


_SLOT_ORDER = {"killed": 0, "injured": 1, "missing": 2, "arrested": 3, "displaced": 4, "killed_self": 5}


def _fact(slot: str, group: str | None, about: str | None, claims: list[tuple[FactClaim, Interval]],
          headline: set[tuple[str, int]] | None = None, observed: set[int] | None = None) -> Fact:
    qualifier = {k: v for k, v in (("group", group), ("about", about)) if v}
    settled = _settled(slot, claims)
    current = [(c, iv) for c, iv in settled.items if c.current] or settled.items
    status, consensus = _decide(current, headline or set(), observed)
    if settled.snapshots:  # the story as it stands now: decided above
        settled.snapshots[-1].decided = (status, consensus)
    value = consensus.value
    ordered = sorted((c for c, _ in settled.items),
                     key=lambda c: (not c.current, c.value != value, c.value, c.article))
    return Fact(
        slot=slot,
        qualifier=qualifier,
        status=status,
        consensus=consensus,
        claims=ordered,
        revised=settled.superseded > 0,
        history=_history(settled, headline or set()),
    )


def _settled(slot: str, claims: list[tuple[FactClaim, Interval]]) -> Settled:
    return settle_revisions(claims, slot, claim_interval, lambda standing: _best_supported(standing)[0])


def _decide(claims: list[tuple[FactClaim, Interval]], headline: set[tuple[str, int]],
            observed: set[int] | None = None) -> tuple[str, Consensus]:
    """Status and consensus of a fact over the claims that stand (see the module doc)."""
    value, _ = _best_supported(claims, headline)
    sources = {source_key(c) for c, _ in claims}
    # a count of what was seen ("12 bodies") allows a higher toll, yet as a stated figure it differs
    # from another source's exact toll: the reports disagree, which the status shows (the consensus
    # still reads it as a minimum)
    stated = [(float(c.value), float(c.value)) if id(c) in (observed or set()) else iv for c, iv in claims]
    compatible = _all_meet(stated)
    if not compatible:
        status = "conflicting"
    elif len(sources) >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    assessed = _own_assessment(_without_parts(claims, value))
    low, high = _range(assessed)
    if value is not None and not low <= value <= high:
        # the best-supported figure is one a report cites and its own assessment rules out
        value = _best_supported(assessed, headline)[0]
    return status, Consensus(value=value, min=low, max=high)


_MAX_HISTORY = 40  # reports a fact's history is computed for (the latest ones; a story's first stays)


def _history(settled: Settled, headline: set[tuple[str, int]]) -> list[HistoryPoint]:
    """The fact's figure as the story stood after each report that changed it, in time order."""
    snaps = settled.snapshots
    if len(snaps) > _MAX_HISTORY:
        snaps = [snaps[0], *snaps[-(_MAX_HISTORY - 1):]]
    out: list[HistoryPoint] = []
    for snap in snaps:
        if not snap.current:
            continue
        status, c = snap.decided or _decide(snap.current, headline)
        articles = sorted({cl.article for cl, (lo, hi) in snap.current if c.value is not None and lo <= c.value <= hi})
        if out and (out[-1].value, out[-1].min, out[-1].max, out[-1].status) == (c.value, c.min, c.max, status):
            continue
        out.append(HistoryPoint(at=snap.at, value=c.value, min=c.min, max=c.max, articles=articles,
                                article=snap.article, status=status))
    return out


def _last_step_final(fact: Fact) -> Fact:
    """The last step of a fact's history is its final figure (a headline or a stated total may decide it)."""
    if not fact.history:
        return fact
    last = fact.history[-1]
    c = fact.consensus
    if (last.value, last.min, last.max, last.status) != (c.value, c.min, c.max, fact.status):
        fact.history[-1] = replace(last, value=c.value, min=c.min, max=c.max, status=fact.status)
    return fact


def _without_parts(claims: list[tuple[FactClaim, Interval]], value: int | None) -> list[tuple[FactClaim, Interval]]:
    """`claims` less the lower counts that a source states beside a figure of its own allowing `value`
    in the same report ("15 members of the family were killed" ... "he was killed with his two sons"):
    those are victims named in passing, breakdowns or earlier tolls, a part of its main figure, not a
    lower toll. A lower count the report cites from another source stays: a competing claim."""
    if value is None:
        return claims
    main = {(c.article, source_key(c)) for c, (lo, hi) in claims if lo <= value <= hi}
    kept = [(c, iv) for c, iv in claims if iv[1] >= value or (c.article, source_key(c)) not in main]
    return kept or claims


def _own_leads(claims: list[tuple[FactClaim, Interval]]) -> dict[str, tuple[FactClaim, Interval]]:
    """Per article, its own assessment of the fact: the first claim in its text when the article states
    it in its own voice (no attribution). A report leads with its finding ("at least 14 civilians were
    killed", "between eight and 12 people died") and then cites the counts it weighed."""
    first: dict[str, tuple[FactClaim, Interval]] = {}
    for c, iv in claims:
        if c.start is not None and (c.article not in first or _lead_order(c) < _lead_order(first[c.article][0])):
            first[c.article] = (c, iv)
    return {a: ci for a, ci in first.items() if ci[0].attributed_to is None}


def _lead_order(c: FactClaim) -> tuple[int, int]:
    """Earliest sentence first; within one sentence the count stated first, the total its breakdown
    follows ("at least 8 civilians, among them six men")."""
    return c.start or 0, _stated_at(c.quote, c.lang, c.value)


@lru_cache(maxsize=8192)
def _stated_at(quote: str, lang: str | None, value: int) -> int:
    # re-reads the sentence: cached, as a story's history asks again for the same claims
    return next((q.start for q in find_quantities(quote, lang) if q.value == value), len(quote))


def _own_assessment(claims: list[tuple[FactClaim, Interval]]) -> list[tuple[FactClaim, Interval]]:
    """`claims` less the counts an article cites that its own lead assessment rules out: with "at least
    14 were killed" in its own voice, a lower count it cites is an earlier or partial toll it did not
    adopt; with "up to 20", a higher one. Each article judges only its own citations; the counts of
    other reports stay (that is where the story's range comes from)."""
    leads = _own_leads(claims)
    kept = []
    for c, iv in claims:
        lead = leads.get(c.article)
        if lead is not None and c is not lead[0]:
            (low, high) = lead[1]
            if iv[1] < low or iv[0] > high:
                continue
            if c.approx == "range" and c.value_max is not None and (c.value < low or c.value_max > high):
                # a cited range reaching past the assessment counts only within it ("at least 21" own,
                # "tolls ranging from 20 to 26" cited: 21-26)
                c = replace(c, value=int(max(c.value, low)), value_max=int(min(c.value_max, high)))
                iv = claim_interval(c)
        kept.append((c, iv))
    return kept or claims


def _range(claims: list[tuple[FactClaim, Interval]]) -> tuple[int, int]:
    """Lowest and highest value the sources put forward.

    An open bound only widens the range when no firmer claim already lies beyond it: "at least 2"
    beside an exact 14 is compatible with 14 and is not evidence of a lower toll; "up to 30" beside
    an exact 12 is not evidence of a higher one. A report's own lead bound is firm (its assessment), and
    a strict bound beyond the firm claims widens to the least toll it allows ("more than 30": 31).
    """
    open_ = ("at_least", "at_most")
    # a report's own open bound is its assessment: firm against the counts it cites itself ("at least 32"
    # leading, "between 35 and 50" cited: 32-50), not against another report's firm figure it allows
    own = _own_leads(claims)
    leads = {id(c) for c, (lo, hi) in own.values()
             if not any(d.article != c.article and d.approx not in open_ and lo <= d.value <= hi for d, _ in claims)}
    # "up to 20 civilians, including at least 14 members of the family": beside a report's own upper
    # bound, the lower bounds it states in its own voice are the low end of its assessment
    capped = {a for a, (c, _) in own.items() if id(c) in leads and c.approx == "at_most"}
    firm = [c for c, _ in claims if c.approx not in open_ or id(c) in leads
            or (c.approx == "at_least" and c.article in capped and c.attributed_to is None)]
    firm = firm or [c for c, _ in claims]
    firm_low = min(c.value for c in firm)
    firm_high = max(c.value_max if c.value_max is not None else c.value for c in firm)
    lows = [firm_low] + [c.value for c, _ in claims if c.approx == "at_most" and c.value < firm_low]
    firm_ids = {id(c) for c in firm}
    highs = [firm_high] + [_least(c) for c, _ in claims
                           if c.approx == "at_least" and id(c) not in firm_ids and _least(c) > firm_high]
    return min(lows), max(highs)


def _least(c: FactClaim) -> int:
    """The lowest toll a claim allows: "more than 30" allows 31 (the claim's value keeps 30, ACLED's
    reading of the figure stated), "at least 30" allows 30."""
    return c.value + 1 if c.approx == "at_least" and c.value_max is None and _strictly_more(c) else c.value


def _strictly_more(c: FactClaim) -> bool:
    """True when the claim's figure comes after a strict bound (numbers.more_than in the lexicon of the
    claim's language: "more than", "över", "mehr als", "plus de", "أكثر من")."""
    return bool(c.quote) and _strict_bound_in(c.quote, c.lang, c.value)


@lru_cache(maxsize=4096)
def _strict_bound_in(quote: str, lang: str | None, value: int) -> bool:
    # re-reads the sentence (a claim does not say which bound word it had): cached, as every range
    # computation over a story asks again for the same claims
    strict = _more_than(lang)
    return any(q.value == value and q.approx == "at_least" and strict.match(tokenize(q.text), 0)
               for q in find_quantities(quote, lang))


@lru_cache(maxsize=32)
def _more_than(lang: str | None) -> PhraseMatcher:
    numbers = load_lexicon(lang).get("numbers", {})
    return PhraseMatcher({p: True for p in numbers.get("more_than", [])}, tuple(numbers.get("clitics", [])))


def _all_meet(intervals: list[Interval]) -> bool:
    return max(lo for lo, _ in intervals) <= min(hi for _, hi in intervals)


def _best_supported(claims: list[tuple[FactClaim, Interval]],
                    headline: set[tuple[str, int]] | None = None) -> tuple[int | None, tuple]:
    """The value allowed by the most independent sources.

    An open bound supports its own figure and the firm figures (exact, about, range) it allows, not
    another open bound: "at least 18" beside "hundreds" is no evidence that hundreds died.
    Ties are broken by the number of articles allowing it, then by a headline stating it (`headline`:
    (article id, value) pairs), then by the number of articles leading with it (their first figure for
    the fact: a report leads with its main figure; later numbers are often single victims, breakdowns
    or background, and repeating them does not make them the report's figure), then by the number of
    claims allowing it, then by an exact claim of it, then by how early it is stated, and last by the
    lower value (ACLED's conservative choice).
    """
    headline = headline or set()
    firm = {c.value for c, _ in claims if c.approx not in ("at_least", "at_most")}
    firm |= {c.value_max for c, _ in claims if c.approx == "range" and c.value_max is not None}
    candidates = sorted({c.value for c, _ in claims} | {c.value_max for c, _ in claims if c.value_max})
    first: dict[str, tuple[int, int]] = {}  # article -> (position, value) of its first figure in the text
    for c, _ in claims:
        if c.start is not None and (c.article not in first or c.start < first[c.article][0]):
            first[c.article] = (c.start, c.value)
    best: tuple[int, tuple] | None = None
    for value in candidates:
        allowing = [c for c, (lo, hi) in claims if lo <= value <= hi
                    and (value == c.value or value in firm or c.approx not in ("at_least", "at_most"))]
        stated = [c.start for c in allowing if c.value == value and c.start is not None]
        score = (
            len({source_key(c) for c in allowing}),
            len({c.article for c in allowing}),
            int(any((c.article, value) in headline for c in allowing)),
            sum(1 for _, v in first.values() if v == value),
            len(allowing),
            int(any(c.value == value and c.approx == "exact" for c in allowing)),
            -min(stated, default=10**9),
        )
        if best is None or score > best[1]:
            best = (value, score)
    return (best[0], best[1]) if best else (None, ())
