"""The per-language lexicon loader (data/lexicons/<lang>.json), English when a language has none."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

FALLBACK_LANG = "en"
@lru_cache(maxsize=32)
def load_lexicon(lang: str | None) -> dict[str, Any]:
    """The lexicon for `lang` (ISO 639-1); the English one when the language has none."""
    code = (lang or FALLBACK_LANG).lower().split("-")[0].split("_")[0]
    base = resources.files("corroborate.data") / "lexicons"
    path = base / f"{code}.json"
    if not path.is_file():
        path = base / f"{FALLBACK_LANG}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"lexicon {path} is not valid JSON ({exc}); fix the file") from exc

