"""The analyze stage: named components run in order over one Article, filling one Analysis.

Like spaCy's pipeline, each component is a function `(Article, Analysis) -> None` that reads what
earlier components wrote and adds its own part. The table below declares, per component, the
Analysis fields it `uses` and `assigns`; components are referenced by dotted path and imported only
when an Analyzer is built (so the encoder stays unloaded until an article needs it). A component may offer a batch form (`component.batch`), which
`Analyzer.many` uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from corroborate.model import Analysis, Article

Component = Callable[[Article, Analysis], None]

@dataclass(frozen=True)
class ComponentSpec:
    """A named component: where it lives, which Analysis fields it reads and which it fills."""

    name: str
    target: str  # "module:function", imported when an Analyzer is built
    uses: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


# The default pipeline, in order: each component's `uses` are assigned by one before it (checked when
# an Analyzer is built, and by tests/test_analyze_registry.py). `lang` is given with the Analysis.
COMPONENT_TABLE: tuple[ComponentSpec, ...] = (
    ComponentSpec("sentences", "corroborate.analyze.sentences:sentences", (), ("sentences",)),
    ComponentSpec("entities", "corroborate.analyze.entities.component:entities", ("sentences",), ("mentions",)),
    ComponentSpec("places", "corroborate.analyze.places.component:places", ("sentences", "mentions"), ("places",)),
    ComponentSpec("times", "corroborate.analyze.times.component:times", ("sentences",), ("times",)),
    ComponentSpec("claims", "corroborate.analyze.claims.extract:claims", ("sentences", "places", "times"),
                  ("claims", "title_claims")),
    ComponentSpec("event_type", "corroborate.analyze.eventtype:event_type", ("sentences",),
                  ("event_type", "event_type_scores")),
    ComponentSpec("framing", "corroborate.analyze.framing:framing", ("mentions", "places", "claims"), ("framing",)),
    ComponentSpec("attributes", "corroborate.analyze.attributes:attributes", ("sentences", "mentions", "times", "claims"),
                  ("attributes",)),
    ComponentSpec("embed", "corroborate.analyze.embed:embed", (), ("embedding",)),
)
SPECS: dict[str, ComponentSpec] = {spec.name: spec for spec in COMPONENT_TABLE}
COMPONENTS: dict[str, str] = {spec.name: spec.target for spec in COMPONENT_TABLE}
DEFAULT_PIPELINE: tuple[str, ...] = tuple(COMPONENTS)
# stored with each analysis; bump it when an analyzer's output changes, then `reanalyze`.
# 2: the embedding reads the e5 "query: " prefix once (it was doubled), so stored vectors changed
ANALYZER_VERSION = "2"


def check_pipeline(names: Sequence[str], skipped: Collection[str] = ()) -> None:
    """Raise ValueError when a component is unknown, or reads a field that no earlier component of
    `names` fills and that no skipped component would have filled (a component then runs on the empty
    field, which each one tolerates: `--skip entities` leaves places without mentions)."""
    unknown = [n for n in (*names, *skipped) if n not in SPECS]
    if unknown:
        raise ValueError(f"unknown analysis component(s) {unknown}; choose from {list(SPECS)}")
    given = {"lang"}
    left_out = {f for n in skipped for f in SPECS[n].assigns}
    for name in names:
        spec = SPECS[name]
        missing = [f for f in spec.uses if f not in given and f not in left_out]
        if missing:
            raise ValueError(f"component {name!r} reads {missing}, which no earlier component fills; "
                             f"order the pipeline so that the components assigning them run first")
        given.update(spec.assigns)


def load_component(name: str) -> Component:
    if name not in SPECS:
        raise ValueError(f"unknown analysis component {name!r}; choose from {list(SPECS)}")
    module_name, func = SPECS[name].target.split(":")
    return getattr(importlib.import_module(module_name), func)


class Analyzer:
    """Runs the chosen components. Build once, reuse for every article (components cache models)."""

    def __init__(self, pipeline: Sequence[str] = DEFAULT_PIPELINE, skip: Sequence[str] = ()) -> None:
        self.names = [n for n in pipeline if n not in skip]
        check_pipeline(self.names, [n for n in pipeline if n in skip] + [n for n in DEFAULT_PIPELINE
                                                                          if n not in pipeline])
        self.components = [(n, load_component(n)) for n in self.names]

    def __call__(self, article: Article) -> Analysis:
        analysis = Analysis(article_id=article.id, lang=article.lang)
        for _name, component in self.components:
            component(article, analysis)
        return analysis

    def many(self, articles: Sequence[Article], skip: Collection[str] = ()) -> list[Analysis]:
        """Analyze a batch. A component with a `batch` attribute ((articles, analyses) -> None) runs once
        over the whole batch (the encoder is several times faster per text on batches). Components named
        in `skip` are left out (the pipeline defers "embed" to the clusterer, which embeds on demand)."""
        analyses = [Analysis(article_id=a.id, lang=a.lang) for a in articles]
        for name, component in self.components:
            if name in skip:
                continue
            batch = getattr(component, "batch", None)
            if batch is not None:
                batch(articles, analyses)
                continue
            for article, analysis in zip(articles, analyses, strict=True):
                component(article, analysis)
        return analyses


def analyze(article: Article, skip: Sequence[str] = ()) -> Analysis:
    """Analyze one article with the default pipeline (convenience; prefer a shared Analyzer)."""
    return Analyzer(skip=skip)(article)
