"""The cluster stage: online story assignment (cross-lingual, time-aware) and related-story links.

    clusterer = Clusterer(embedder=ids_to_vectors)  # embedder optional: embeds on demand (cross-lingual)
    clusterer.restore(saved_states)            # at the start of an ingest
    assignment = clusterer.add(article, analysis)
    assignments = clusterer.add_batch(pairs)   # the same, prefetching likely embeddings in one call
    db.save(clusterer.take_dirty())            # in the same transaction as the articles
"""

from __future__ import annotations

from corroborate.cluster.clusterer import ClusterConfig, Clusterer, story_id_for
from corroborate.cluster.pair import pair_score, pair_score_texts
from corroborate.cluster.signature import Signature, signature

__all__ = ["ClusterConfig", "Clusterer", "Signature", "pair_score", "pair_score_texts", "signature",
           "story_id_for"]
