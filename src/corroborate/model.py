"""The vocabulary of Corroborate: one dataclass per thing that flows between stages.

read      -> Document
clean     -> Article
analyze   -> Analysis (Mention, TimeExpr, Place, Claim, Framing, PersonAttribute)
cluster   -> Assignment / Story (RelatedLink)
reconcile -> Dossier (Fact, Consensus, FactClaim, EventInfo, Entity (EntityAttribute), ArticleRef)

Stages only exchange these objects. Times are timezone-aware UTC `datetime`s where a time of day
is known, otherwise midnight UTC with a `precision` that says how much of it to believe.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, Literal

Kind = Literal["text", "html"]
EntityKind = Literal["person", "org", "place", "group", "misc"]
Precision = Literal["minute", "hour", "part_of_day", "day", "week", "month", "year"]
PlacePrecision = Literal["point", "town", "district", "province", "country", "region"]
Approx = Literal["exact", "at_least", "at_most", "about", "range"]
FactStatus = Literal["corroborated", "conflicting", "single-source"]

SLOTS = ("killed", "injured", "missing", "displaced", "arrested")
"""Casualty/event-count slots a Claim may fill."""


# --------------------------------------------------------------------------- read


@dataclass
class Document:
    """Raw input as a reader found it, with whatever metadata the container carried.

    `origin` names where it came from for messages ("feeds/a.xml#3", "dump.jsonl:12", a URL).
    `content` is text for JSON/JSONL/feeds and str or bytes for files (cleaning decodes bytes).
    """

    origin: str
    content: str | bytes
    kind: Kind
    given_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as found in the container; clean parses it
    source: str | None = None  # outlet name as given by the container
    lang: str | None = None
    fetched: datetime | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # problems a reader noticed but read past (encoding)


@dataclass
class ReadError:
    """An input that could not be read. `origin` is the path, with ':line' for line-based files."""

    origin: str
    message: str
    stage: str = "read"  # where it failed: read, clean, an analyzer component, cluster, reconcile, store


# --------------------------------------------------------------------------- clean


@dataclass
class Article:
    """A cleaned article. `id` follows docs/design.md: given id, else file stem, else content hash."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # registrable domain or given source name, e.g. "example-news.com"
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_precision: Precision | None = None
    lang: str | None = None  # ISO 639-1
    lang_confidence: float | None = None
    content_hash: str = ""  # sha1 of the normalised clean text; the idempotency key
    origin: str = ""
    removed: list[str] = field(default_factory=list)  # boilerplate lines dropped, for audit
    warnings: list[str] = field(default_factory=list)  # input problems read past (a date ignored, ...); not stored


# --------------------------------------------------------------------------- analyze


@dataclass
class Mention:
    """A named thing in an article's text. `key` is the spelling-independent merge key
    (e.g. one key for al-Khazraji / el-Khazragi / Khazraji); `canonical` is the alias-resolved display name."""

    text: str
    kind: EntityKind
    key: str
    start: int
    end: int
    canonical: str | None = None


@dataclass
class TimeExpr:
    """A time the text refers to, resolved against the article's published time."""

    text: str
    start: int
    end: int
    value: datetime | None  # start of the interval, None when it cannot be resolved
    value_end: datetime | None = None
    precision: Precision | None = None
    relative: bool = False  # resolved against the published time ("last night")
    is_event_time: bool = False  # the analyzer's pick for when the reported event happened


@dataclass
class Place:
    """A place mention, geocoded offline."""

    name: str  # canonical name (English exonym when known)
    text: str  # surface form in the article
    start: int
    end: int
    key: str = ""
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    geonameid: int | None = None


@dataclass
class Claim:
    """One number an article states about the event, with who it attributes it to.

    `value` is the conservative (lowest) reading, `value_max` the upper end when the text gives a
    range or an open bound is capped (None = unbounded above for at_least, = value for exact).
    `start`/`end` is the character span of `quote` in Article.text.
    """

    slot: str  # one of SLOTS, or another count ("helicopters") when the lexicon defines it
    value: int
    quote: str
    start: int
    end: int
    group: str | None = None  # children, women, civilians, soldiers, attackers, police, ...
    approx: Approx = "exact"
    value_max: int | None = None
    attributed_to: str | None = None
    attribution_kind: str | None = None  # official, monitor, witness, media, medical, ...
    about: str | None = None  # qualifier like a nationality/side ("US") when the text restricts the count
    lang: str | None = None
    # an injured count read from "shot" / "taken to hospital" with no stated fate: some of them may be
    # among the story's dead (reconcile decides at story level)
    fate_unknown: bool = False
    # evolving stories (analyze/claims_updates.py): when it was reported (the article's publication time,
    # else the latest time its text states), whether its figure is framed as an update of an earlier one
    # ("rise": "rose to 7"; "increment": "two more died"; "correction": "revised to 5"; "earlier": the
    # previous figure a rise sentence recalls), and whether its source says the dead were only combatants
    reported: datetime | None = None
    update: str | None = None
    exclusive: bool = False
    # a count of what someone saw ("12 bodies"): a minimum of the toll (approx at_least), yet a figure
    # of its own that differs from another source's exact toll (reconcile shows the two as a conflict)
    observed: bool = False
    # a count the text implies without stating a figure ("charged in fatal shooting": at least one dead);
    # it allows values but is no headline figure of its own (reconcile)
    implied: bool = False


@dataclass
class PersonAttribute:
    """Something an article states about a person: an age ("X, 45,") or since when they hold a role
    ("leader since 31 October 2019"). `attribute` is "age" or "<role> since" (role in English, from
    data/lang/<code>/attributes.json); `value` is the age, or the date as ISO text of its precision ("2019-10-31", "2019-10",
    "2019"). `start`/`end` is the span of `quote` (the sentence) in Article.text."""

    person: str  # the name as the text writes it
    key: str  # spelling-independent key of the person (the mention's key when a mention names them)
    attribute: str
    value: str
    quote: str
    start: int
    end: int
    attributed_to: str | None = None
    lang: str | None = None


@dataclass
class Framing:
    """How an article tells it: terms used for key actors, who it quotes, civilian harm."""

    terms: dict[str, list[str]] = field(default_factory=dict)  # canonical actor -> surface terms
    quoted: list[str] = field(default_factory=list)  # named sources quoted or cited
    quoted_kinds: dict[str, int] = field(default_factory=dict)  # official/witness/monitor/... -> count
    civilian_harm: bool = False
    loaded_terms: list[str] = field(default_factory=list)  # evaluative labels from the lexicon


@dataclass
class Analysis:
    """Everything the analyze stage finds in one article."""

    article_id: str
    lang: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    embedding: list[float] | None = None
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    title_claims: list[Claim] = field(default_factory=list)  # counts the headline states; spans in the title
    event_type: str | None = None
    event_type_scores: dict[str, float] = field(default_factory=dict)
    framing: Framing = field(default_factory=Framing)
    attributes: list[PersonAttribute] = field(default_factory=list)  # ages, roles since (analyze/attributes.py)

    @property
    def event_time(self) -> TimeExpr | None:
        return next((t for t in self.times if t.is_event_time), None)


# --------------------------------------------------------------------------- parallel analysis (scale)


@dataclass
class AnalysedDocument:
    """One input after read/clean/analyze in a worker (corroborate.parallel): an article with its analysis,
    or the failure that stopped it (`failure.message` names the stage). `embedding` is the title + lead
    vector when the worker was asked to embed (`embedded`); the clusterer still decides whether to use it."""

    origin: str
    article: Article | None = None
    analysis: Analysis | None = None
    failure: ReadError | None = None
    embedded: bool = False
    embedding: list[float] | None = None


# --------------------------------------------------------------------------- cluster


@dataclass
class RelatedLink:
    story: str
    relation: str  # "background" (mentions an earlier story's event), "follow-up", "similar"
    score: float


@dataclass
class Assignment:
    """What the clusterer decided for one article. `merged` lists stories folded into `story`."""

    article_id: str
    story: str
    score: float
    new_story: bool
    merged: list[str] = field(default_factory=list)


@dataclass
class Story:
    id: str
    article_ids: list[str]
    title: str | None = None
    first_published: datetime | None = None
    last_published: datetime | None = None
    related: list[RelatedLink] = field(default_factory=list)


# --------------------------------------------------------------------------- reconcile


@dataclass
class Carrier:
    """Another outlet that carried an article's text word for word (a syndicated wire copy): one source
    with the article, shown as carried by each outlet, never a new article nor new claims."""

    outlet: str | None
    url: str | None
    published: datetime | None = None


@dataclass
class ArticleRef:
    id: str
    title: str | None
    source: str | None
    lang: str | None
    published: datetime | None
    url: str | None
    carried_by: list[Carrier] = field(default_factory=list)  # other outlets with the same text (wire copies)


@dataclass
class WhenInfo:
    start: datetime | None
    end: datetime | None
    precision: Precision | None


@dataclass
class WhereInfo:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision | None = None
    articles: int = 0


@dataclass
class EventInfo:
    type: str | None
    when: WhenInfo
    where: list[WhereInfo] = field(default_factory=list)


@dataclass
class AttributeClaim:
    """One article's statement of a person attribute's value."""

    article: str
    source: str | None  # outlet
    attributed_to: str | None
    quote: str
    lang: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class AttributeValue:
    value: str
    claims: list[AttributeClaim]


@dataclass
class EntityAttribute:
    """A person attribute across a story's articles: "age" 45 vs 46 is conflicting; dates of different
    precision that agree ("2019" and "2019-10-31") corroborate each other."""

    attribute: str
    status: FactStatus
    values: list[AttributeValue]


@dataclass
class Entity:
    name: str
    kind: EntityKind
    variants: list[str]
    articles: list[str]
    key: str = ""
    attributes: list[EntityAttribute] = field(default_factory=list)


@dataclass
class FactClaim:
    value: int
    article: str
    source: str | None  # outlet
    attributed_to: str | None
    quote: str
    lang: str | None
    approx: Approx = "exact"
    value_max: int | None = None
    start: int | None = None
    end: int | None = None
    # the count the article states when the story reads it otherwise (3 shot, 1 of them dead elsewhere:
    # value 2, shot_stated 3)
    shot_stated: int | None = None
    # evolving stories: when the claim was reported, whether it still stands (False: superseded by a later
    # revision, or an increment with no earlier toll to add to), its update cue, the N of an increment
    # ("two more": value = previous toll + 2), the kind of its source, and whether it is a party's claim
    # that the dead were only combatants (entered in the civilians fact as 0 civilians)
    published: datetime | None = None
    published_precision: str | None = None  # "day": only the date is known (any time that day)
    current: bool = True
    update: str | None = None
    increment: int | None = None
    attribution_kind: str | None = None
    disputes: bool = False


@dataclass
class HistoryPoint:
    """A fact's figure as the story stood after a report that changed it."""

    at: datetime | None
    value: int | None
    min: int | None
    max: int | None
    articles: list[str] = field(default_factory=list)  # the reports whose claims stand behind it
    article: str | None = None  # the report after which the figure stood so
    status: str | None = None  # the fact's status then


@dataclass
class Consensus:
    value: int | None
    min: int | None
    max: int | None


@dataclass
class Fact:
    slot: str
    qualifier: dict[str, str]
    status: FactStatus
    consensus: Consensus
    claims: list[FactClaim]
    revised: bool = False  # its figure changed over time (a later report superseded an earlier one)
    history: list[HistoryPoint] = field(default_factory=list)  # time order


@dataclass
class ArticleFraming:
    article: str
    source: str | None
    terms: dict[str, list[str]]
    quoted: list[str]
    quoted_kinds: dict[str, int] = field(default_factory=dict)
    civilian_harm: bool = False
    # facts of the story that other outlets report and this article does not ("killed", "killed|children")
    omits: list[str] = field(default_factory=list)
    loaded_terms: list[str] = field(default_factory=list)  # evaluative labels as worded ("US occupying forces")


@dataclass
class Change:
    """One thing a report changed in its story: kind is "new_fact", "revised", "conflict", "new_source" or
    "new_language"; `fact` indexes Dossier.facts; `before`/`after` are figures of a revision."""

    kind: str
    text: str
    fact: int | None = None
    before: int | None = None
    after: int | None = None


@dataclass
class StoryUpdate:
    at: datetime | None
    article: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class BriefLink:
    """A span of a brief sentence: a figure (`fact` indexes Dossier.facts, `value` is its number) or a time."""

    start: int
    end: int
    kind: str = "figure"  # "figure" | "time"
    fact: int | None = None
    value: int | None = None


@dataclass
class BriefSentence:
    kind: str  # "known" | "disputed" | "unknown"
    text: str
    facts: list[int] = field(default_factory=list)  # indexes into Dossier.facts
    links: list[BriefLink] = field(default_factory=list)


@dataclass
class Dossier:
    id: str
    title: str | None
    languages: list[str]
    articles: list[ArticleRef]
    event: EventInfo
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    framing: list[ArticleFraming] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)
    updates: list[StoryUpdate] = field(default_factory=list)  # per article in time order: what it changed

    @property
    def has_conflict(self) -> bool:
        return any(f.status == "conflicting" for f in self.facts)


# --------------------------------------------------------------------------- watch and alerts

ALERT_EVENTS = ("new-story", "conflict", "revised", "new-language", "new-source")
"""What a saved alert can fire on (`AlertWatch.events`)."""


@dataclass
class WatchedFeed:
    """A feed or sitemap that `corroborate watch` polls, with its polling state."""

    url: str
    interval_s: float
    active: bool = True
    etag: str | None = None
    last_modified: str | None = None
    next_poll: datetime | None = None
    last_polled: datetime | None = None
    errors: int = 0  # consecutive failed polls
    last_error: str | None = None
    title: str | None = None


@dataclass
class AlertWatch:
    """A saved alert: which stories (all filters must match) and which events, and where to deliver."""

    id: int
    events: list[str]
    query: str | None = None
    lang: str | None = None
    place: str | None = None
    event_type: str | None = None
    min_killed: int | None = None
    webhook: str | None = None
    secret: str | None = None
    jsonl: str | None = None  # a file path, or "-" for standard output
    created_at: datetime | None = None


@dataclass
class AlertEvent:
    """Something that changed in one story in one batch (before/after comparison of its dossier)."""

    event: str  # one of ALERT_EVENTS
    story: str
    key: str  # identifies the event within the story (dedup key)
    title: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- JSON


def to_json(obj: Any) -> Any:
    """Dataclasses -> JSON-ready dicts (datetimes as ISO 8601 strings)."""
    if hasattr(obj, "__dataclass_fields__"):
        return to_json(asdict(obj))
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    if isinstance(obj, datetime):
        return obj.isoformat()
    return obj


def from_json(cls: type, data: Any) -> Any:
    """Inverse of `to_json` for the dataclasses of this module (nested dataclasses, lists, datetimes)."""
    return _build(cls, data)


@cache
def _hints(tp: type) -> tuple[dict[str, Any], frozenset[str]]:
    names = frozenset(f.name for f in dataclasses.fields(tp) if f.init)
    return typing.get_type_hints(tp), names


@cache
def _union_args(tp: Any) -> tuple[Any, ...]:
    return tuple(a for a in typing.get_args(tp) if a is not type(None))


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = _union_args(tp)
        return _build(args[0], value) if len(args) == 1 else value
    if origin in (list, tuple):
        item = (typing.get_args(tp) or (Any,))[0]
        built = [_build(item, v) for v in value]
        return tuple(built) if origin is tuple else built
    if origin is dict:
        return dict(value)
    if tp is datetime:
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if dataclasses.is_dataclass(tp):
        hints, names = _hints(tp)
        return tp(**{k: _build(hints[k], v) for k, v in value.items() if k in names})
    return value
