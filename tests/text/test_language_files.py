"""Every language has every part of data/schema.json, with only the keys the schema allows."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from corroborate.text.lexicon import common_list, lang_dir, languages, load_part, schema

PARTS = sorted(schema()["parts"])
EVERY_LANGUAGE = sorted(p for p, spec in schema()["parts"].items() if spec.get("every_language", True))


def _problems(keys: set[str], spec: dict) -> tuple[set[str], set[str]]:
    return keys - set(spec["required"]) - set(spec["optional"]), set(spec["required"]) - keys


def _keys(lang: str, part: str) -> set[str]:
    path = lang_dir() / lang / schema()["parts"][part]["file"]
    return {k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_")}


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("part", EVERY_LANGUAGE)
def test_every_language_has_every_part_with_known_keys(lang: str, part: str) -> None:
    spec = schema()["parts"][part]
    unknown, missing = _problems(_keys(lang, part), spec)
    assert not unknown, f"lang/{lang}/{spec['file']}: keys not in data/schema.json: {sorted(unknown)}"
    assert not missing, f"lang/{lang}/{spec['file']}: required keys missing: {sorted(missing)}"


@pytest.mark.parametrize("lang", languages())
def test_every_language_has_boilerplate_patterns(lang: str) -> None:
    assert (lang_dir() / lang / "boilerplate.txt").is_file()


def test_a_part_some_languages_lack_still_has_known_keys() -> None:
    for part in set(PARTS) - set(EVERY_LANGUAGE):
        for lang in languages():
            if (lang_dir() / lang / schema()["parts"][part]["file"]).is_file():
                assert _problems(_keys(lang, part), schema()["parts"][part]) == (set(), set()), (lang, part)


def test_no_stray_files_in_language_folders() -> None:
    allowed = {spec["file"] for spec in schema()["parts"].values()} | {"boilerplate.txt"}
    for folder in lang_dir().iterdir():
        if folder.name == "xx" or not folder.is_dir():
            continue
        assert folder.name in languages(), f"data/lang/{folder.name} is not listed in data/schema.json languages"
        stray = {f.name for f in folder.iterdir()} - allowed
        assert not stray, f"data/lang/{folder.name}: files no part reads: {sorted(stray)}"


def test_the_check_finds_an_unknown_and_a_missing_key() -> None:
    spec = schema()["parts"]["framing"]
    keys = _keys("en", "framing") | {"not_a_real_key"}
    keys.discard(spec["required"][0])
    assert _problems(keys, spec) == ({"not_a_real_key"}, {spec["required"][0]})


@pytest.mark.parametrize(("part", "spec"), sorted(schema()["parts"].items()))
def test_fallbacks_are_declared(part: str, spec: dict) -> None:
    assert spec["fallback"] in (None, "union", *languages())
    if spec["fallback"] in languages():
        assert load_part("zz", part) == load_part(spec["fallback"], part)
    else:
        assert load_part("zz", part) is None


def test_common_lists_are_data() -> None:
    words = json.loads((resources.files("corroborate.data") / "lang" / "xx" / "words.json").read_text("utf-8"))
    for name in words:
        if not name.startswith("_"):
            assert common_list(name) == tuple(words[name])
    with pytest.raises(KeyError):
        common_list("no_such_list")
