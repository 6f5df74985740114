"""The offline gazetteer: an index of place names (index), built once from the bundled geonames data
and cached on disk (build), looked up and disambiguated (lookup), with big cities' neighbourhoods.

Every stage that needs places imports this face, never the modules behind it.
"""

from corroborate.geo.build import _data_dir, _tsv_rows, build_gazetteer, gazetteer
from corroborate.geo.index import GazEntry, Gazetteer, loose_key
from corroborate.geo.lookup import Context, best, geocode, is_primary, known_as, lookup, to_place, town_admin2

__all__ = [
    "Context", "GazEntry", "Gazetteer", "_data_dir", "_tsv_rows", "best", "build_gazetteer", "gazetteer",
    "geocode", "is_primary", "known_as", "lookup", "loose_key", "to_place", "town_admin2",
]
