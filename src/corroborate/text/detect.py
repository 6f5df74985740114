"""Language identification with lingua, restricted to the languages news arrives in.

Memory, measured on this machine (22 languages, models preloaded): high-accuracy mode ~556 MB RSS
and ~7.6 s to build; low-accuracy mode ~32 MB and ~0.25 s, ~1.6 ms per 2,000-character text in both.
Low accuracy is reliable on article-length text, so it is the default for text of
`SHORT_TEXT` characters or more; shorter text (titles, snippets) uses the high-accuracy detector,
built lazily on first need (only the models of the scripts it meets are loaded). Set
CORROBORATE_LANG_ACCURACY=low to never load it, or =high to use it for everything.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

LANGUAGES = (
    "ENGLISH", "SWEDISH", "GERMAN", "SPANISH", "FRENCH", "ARABIC", "RUSSIAN", "ITALIAN", "PORTUGUESE",
    "DUTCH", "POLISH", "TURKISH", "DANISH", "BOKMAL", "FINNISH", "CHINESE", "JAPANESE", "UKRAINIAN",
    "PERSIAN", "HEBREW", "KOREAN", "GREEK",
)
SAMPLE_CHARS = 2000
SHORT_TEXT = 120
_LETTERS = re.compile(r"[^\W\d_]")


@cache
def _detector(high_accuracy: bool) -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in LANGUAGES))
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode().with_preloaded_language_models()
    return builder.build()


def _use_high_accuracy(text: str) -> bool:
    mode = os.environ.get("CORROBORATE_LANG_ACCURACY", "auto").lower()
    if mode in {"high", "low"}:
        return mode == "high"
    return len(text) < SHORT_TEXT


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of `text` and lingua's confidence in [0, 1]; (None, 0.0) when the text has no
    letters. Only the first SAMPLE_CHARS characters are read."""
    sample = text[:SAMPLE_CHARS].strip().encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    if len(_LETTERS.findall(sample)) < 2:
        return None, 0.0
    values = _detector(_use_high_accuracy(sample)).compute_language_confidence_values(sample)
    if not values or values[0].value <= 0.0:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), round(float(top.value), 4)


OVERRULE_LETTERS = 200  # letters a text needs before its reading may overrule a given language
# characters read for that check: enough for a confident reading, and lingua's time grows with length
# (measured on the cleaned GVA dev texts: 0.6 ms per text at 600 characters, 1.3 ms at 2,000)
OVERRULE_SAMPLE = 600
OVERRULE_CONFIDENCE = 0.9


@cache
def _known_codes() -> frozenset[str]:
    from lingua import Language

    return frozenset(getattr(Language, name).iso_code_639_1.name.lower() for name in LANGUAGES)


@cache  # the language file is read once, not per article
def _close_to(code: str) -> frozenset[str]:
    from corroborate.text.lexicon import common_list

    for group in common_list("close_languages"):
        codes = frozenset(group.split())
        if code in codes:
            return codes
    return frozenset({code})


def overruled(given: str, text: str) -> tuple[str, float] | None:
    """(code, confidence) of the language `text` clearly reads as when that is not the `given` one, else
    None. Feeds and dumps often label every item with their site's language; a label is only overruled
    by a confident reading of enough text, never by a close language (`close_languages` in
    data/lang/xx/words.json), and a language the detector does not know is trusted."""
    close = _close_to(given)
    if not close & _known_codes():
        return None
    sample = text[:OVERRULE_SAMPLE]
    if len(_LETTERS.findall(sample)) < OVERRULE_LETTERS:
        return None  # checked first: short text would load the high-accuracy detector (~0.5 GB)
    code, confidence = detect_language(sample)
    if code is None or code in close or confidence < OVERRULE_CONFIDENCE:
        return None
    return code, confidence
