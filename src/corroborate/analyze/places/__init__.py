"""The article's places, most salient first; the gazetteer itself is in `geo`.

The `places` component (places.component) reads the entities component's mentions; the entities
component ranks the places it geocodes with `rank_places`. The face leaves the component out, so that
the entities package can import it without a circle.
"""

from corroborate.analyze.places.datelines import is_dateline
from corroborate.analyze.places.mentions import mention_weight
from corroborate.analyze.places.rank import rank_places

__all__ = ["is_dateline", "mention_weight", "rank_places"]
