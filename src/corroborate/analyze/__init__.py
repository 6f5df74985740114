"""The analyze stage: named components run in order over one Article, filling one Analysis.

Like spaCy's pipeline, each component is a function `(Article, Analysis) -> None` that reads what
earlier components wrote and adds its own part. Components are referenced by dotted path and
imported when an Analyzer is built. A component may offer a batch form (`component.batch`), which
`Analyzer.many` uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Sequence

from corroborate.model import Analysis, Article

Component = Callable[[Article, Analysis], None]

# name -> "module:function"; order matters (entities before places, times before claims, ...).
COMPONENTS: dict[str, str] = {
    "sentences": "corroborate.analyze.sentences:sentences",
    "entities": "corroborate.analyze.entities:entities",
    "places": "corroborate.analyze.places:places",
    "times": "corroborate.analyze.times:times",
    "claims": "corroborate.analyze.claims:claims",
    "event_type": "corroborate.analyze.eventtype:event_type",
    "framing": "corroborate.analyze.framing:framing",
    "embed": "corroborate.analyze.embed:embed",
}
DEFAULT_PIPELINE: tuple[str, ...] = tuple(COMPONENTS)
ANALYZER_VERSION = "1"  # stored with each analysis; bump it when an analyzer's output changes, then `reanalyze`


def load_component(name: str) -> Component:
    module_name, func = COMPONENTS[name].split(":")
    return getattr(importlib.import_module(module_name), func)


class Analyzer:
    """Runs the chosen components. Build once, reuse for every article (components cache models)."""

    def __init__(self, pipeline: Sequence[str] = DEFAULT_PIPELINE, skip: Sequence[str] = ()) -> None:
        self.names = [n for n in pipeline if n not in skip]
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
