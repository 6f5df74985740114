"""The package's face: `from corroborate import ...` works, lazily, and `python -m corroborate` runs."""

from __future__ import annotations

import subprocess
import sys

import corroborate


def test_face_names_resolve_to_the_stage_objects() -> None:
    from corroborate.analyze import Analyzer
    from corroborate.pipeline import Ingestor
    from corroborate.store import Store

    assert corroborate.Store is Store and corroborate.Ingestor is Ingestor and corroborate.Analyzer is Analyzer
    assert callable(corroborate.read_paths) and callable(corroborate.clean) and callable(corroborate.reconcile)
    assert corroborate.__version__


def test_importing_the_package_loads_no_stage() -> None:
    code = "import sys, corroborate; print(sorted(m for m in sys.modules if m.startswith('corroborate.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "corroborate", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "ingest" in result.stdout
