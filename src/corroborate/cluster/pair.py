"""Same-event likelihood of two articles, with no corpus around them (the `similarity` command)."""

from __future__ import annotations

from corroborate.cluster.scoring import NoDocFreq, Weighted, features, load_model
from corroborate.cluster.signature import signature
from corroborate.model import Analysis, Article


def pair_score(a: tuple[Article, Analysis], b: tuple[Article, Analysis], model: str = "pair") -> float:
    """0..1 likelihood that two analysed articles report the same event.

    Uses the "pair" model, fitted on graded multilingual pairs (SemEval-2022 Task 8 dev), where only the
    embedding helped. The clusterer's "stream" model is not used here even for dated articles: it is
    fitted with a corpus around the articles (idf weights, event times from publication dates) and on
    the dev pairs its scores correlated far worse with the graded judgements (Pearson 0.27 against
    0.71; bench/RESULTS.md). `model="stream"` scores with the clusterer's weights (all signals: time,
    places, people, numbers), uniform idf.
    """
    df = NoDocFreq()
    sa, sb = signature(*a), signature(*b)
    x = features(Weighted.of(sa, df), Weighted.of(sb, df))
    return load_model(model).prob(x)


def pair_score_texts(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> float:
    """pair_score for two raw texts: embeds them, no other analysis (quick path for pair files)."""
    from corroborate.analyze.embed import embed

    pair = []
    for i, (text, lang) in enumerate(((text1, lang1), (text2, lang2))):
        art = Article(id=f"pair{i}", text=text, lang=lang)
        an = Analysis(article_id=art.id, lang=lang)
        embed(art, an)
        pair.append((art, an))
    return pair_score(pair[0], pair[1])
