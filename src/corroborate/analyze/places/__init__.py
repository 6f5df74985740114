"""The article's places, most salient first (the `places` component); the gazetteer is in `geo`."""

from corroborate.analyze.places.datelines import is_dateline
from corroborate.analyze.places.mentions import mention_weight
from corroborate.analyze.places.rank import places, rank_places

__all__ = ["is_dateline", "mention_weight", "places", "rank_places"]
