"""Corpus maintenance: delete articles and recompute their stories (the CLI's `delete`, the API's DELETE).

Updates need nothing here: re-ingesting an article id with new content replaces it (see pipeline.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from corroborate.store import Store


@dataclass
class DeleteReport:
    deleted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # ids asked for that are not stored
    stories: list[str] = field(default_factory=list)  # stories rewritten (re-decided, dossiers rebuilt)
    removed_stories: list[str] = field(default_factory=list)  # stories left empty, gone

    @property
    def ok(self) -> bool:
        return not self.missing


def delete_articles(store: Store, article_ids: Iterable[str] = (), outlet: str | None = None) -> DeleteReport:
    """Delete `article_ids` and every article of `outlet`, in one transaction. Each deleted version goes to
    the article history; the stories they were in are re-decided (a story held together only by a deleted
    article splits, an emptied story disappears, related links to it go) and their dossiers rebuilt."""
    from corroborate.pipeline import Ingestor

    wanted = list(dict.fromkeys(article_ids))
    if outlet:
        wanted += [a.id for a in store.iter_articles(outlet=outlet, with_text=False) if a.id not in wanted]
    known = store.known_ids(wanted)
    report = DeleteReport(deleted=[i for i in wanted if i in known], missing=[i for i in wanted if i not in known])
    if not report.deleted:
        return report
    before = {sid for aid in report.deleted if (sid := store.article_story(aid))}
    ingestor = Ingestor(store, lazy_embed=True)
    report.stories = sorted(ingestor.delete(report.deleted).stories)
    report.removed_stories = sorted(sid for sid in before if store.get_story(sid) is None)
    return report
