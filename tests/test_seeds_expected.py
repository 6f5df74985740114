"""Every row of ../shared/seeds/EXPECTED.md (bench/check_seeds.py) holds: run when the seeds are present."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not (SEEDS / "EXPECTED.md").exists(), reason="../shared/seeds is absent: seed checks not run")
def test_every_row_of_the_seed_answer_key(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("check_seeds", ROOT / "bench" / "check_seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.run_checks(str(tmp_path / "seeds.db"))
    failed = [(name, detail) for name, ok, detail in results if not ok]
    assert len(results) >= 25 and not failed, failed
