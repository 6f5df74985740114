"""The language data, reassembled through the one loader, equals the files it was moved from.

Kept for the step that moved data/lexicons, data/gazetteer/lang, data/times, data/framing,
data/event_types.json and data/boilerplate into data/lang/<code>/; removed with the old files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.analyze.eventtype import _taxonomy
from corroborate.text.lexicon import languages, load_lexicon, load_part

DATA = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data"


def _old(relative: str) -> dict:
    return json.loads((DATA / relative).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", languages())
def test_parts_equal_the_old_files(lang: str) -> None:
    old = _old(f"lexicons/{lang}.json")
    old.pop("_doc")
    assert load_lexicon(lang) == old
    entities = _old(f"gazetteer/lang/{lang}.json")
    entities.pop("place_heads_before", None)  # the one key no code read: dropped in the move
    assert load_part(lang, "entities") == entities
    assert load_part(lang, "times") == _old(f"times/{lang}.json")
    assert load_part(lang, "framing") == _old(f"framing/{lang}.json")
    assert (DATA / "lang" / lang / "boilerplate.txt").read_text(encoding="utf-8") == (
        DATA / "boilerplate" / f"{lang}.txt").read_text(encoding="utf-8")


def test_event_taxonomy_equals_the_old_file() -> None:
    assert _taxonomy()["types"] == _old("event_types.json")["types"]


def test_fallbacks_are_the_old_ones() -> None:
    assert load_lexicon("xx") == load_lexicon("en") and load_lexicon(None) == load_lexicon("en")
    assert load_part("pt", "framing") == load_part("en", "framing")
    assert load_part("pt", "times") is None
