"""Place keys in the clustering signature: a place the gazetteer resolved matches by its canonical name,
not by the consonant skeleton that joins unrelated places sharing one."""

from __future__ import annotations

from corroborate.cluster import signature
from corroborate.model import Analysis, Article, Place
from corroborate.text.names import name_key


def _places(lang: str, *places: tuple[str, str, str | None, int | None]) -> frozenset[str]:
    """Signature places of an article mentioning (canonical name, surface text, country, geonameid) each."""
    art = Article(id=f"a-{lang}-{len(places)}", text="Text of the report.", title="Report", lang=lang)
    an = Analysis(article_id=art.id, lang=lang, places=[
        Place(name=name, text=text, start=0, end=len(text), key=name_key(name), country=cc, geonameid=gid)
        for name, text, cc, gid in places])
    return signature(art, an).places


def test_resolved_places_sharing_a_skeleton_do_not_match() -> None:
    assert name_key("Iran") == name_key("Oran")  # the collision the canonical name avoids
    one = _places("en", ("Iran", "Iran", "IR", 130758))
    other = _places("en", ("Oran", "Oran", "DZ", 2485926))
    assert not one & other


def test_one_resolved_place_matches_across_languages_and_spellings() -> None:
    english = _places("en", ("Sweden", "Sweden", "SE", 2661886))
    swedish = _places("sv", ("Sweden", "Sverige", "SE", 2661886))
    assert english == swedish


def test_unresolved_places_keep_the_spelling_independent_key() -> None:
    one = _places("en", ("Raqqa", "Raqqa", None, None))
    other = _places("en", ("Raqqah", "Raqqah", None, None))
    assert one == other
