"""Body extraction on ../shared/eval/extraction_dev.jsonl: Corroborate's clean stage and trafilatura alone.

Both run in the same process on the same pages, taking turns page by page, so their speeds are
comparable on a shared machine; pages per second of wall time and of the process's CPU time (less
sensitive to other jobs on the machine) are printed. Each page's HTML becomes a Document (kind "html", no metadata: what `watch`
fetches) and `corroborate.clean.clean` turns it into an Article whose text is scored; trafilatura
runs with its defaults (`trafilatura.extract`). Scores use score.py's shingle metric (4-token
shingles, per-page precision and recall averaged, F1 of the averages), overall and per language.

Usage: python bench/bench_clean.py [--repeat N] [--limit N] [--dump DIR]
  --repeat N   time each system N times over the pages and keep the fastest pass (default 1)
  --dump DIR   write each system's predictions as DIR/<system>.jsonl (`score.py extraction` input)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, load_jsonl, scorer  # noqa: E402

CORPUS = "extraction_dev.jsonl"


def corroborate_text(page: dict[str, Any]) -> str:
    from corroborate.clean import CleanError, clean
    from corroborate.model import Document

    try:
        return clean(Document(origin=f"{CORPUS}#{page['id']}", content=page["html"], kind="html")).text
    except CleanError:
        return ""


def trafilatura_text(page: dict[str, Any]) -> str:
    import trafilatura

    return trafilatura.extract(page["html"]) or ""


SYSTEMS: dict[str, Callable[[dict[str, Any]], str]] = {
    "corroborate": corroborate_text,
    "trafilatura": trafilatura_text,
}


def run_systems(pages: list[dict[str, Any]], repeat: int) -> dict[str, dict[str, Any]]:
    """Predictions, wall and CPU seconds per system. The systems take turns page by page, so a change in
    the machine's load during the run hits both alike. A first, untimed pass over every page loads what
    is loaded once per process (imports, the language identifier's model of each language met); its
    wall time is reported as `first_pass`. With `repeat` > 1 the fastest timed pass counts."""
    out: dict[str, dict[str, Any]] = {name: {"wall": float("inf"), "cpu": float("inf")} for name in SYSTEMS}
    for name, extract in SYSTEMS.items():
        start = time.perf_counter()
        for page in pages:
            extract(page)
        out[name]["first_pass"] = time.perf_counter() - start
    for _ in range(repeat):
        wall = dict.fromkeys(SYSTEMS, 0.0)
        cpu = dict.fromkeys(SYSTEMS, 0.0)
        preds: dict[str, dict[str, str]] = {name: {} for name in SYSTEMS}
        for page in pages:
            for name, extract in SYSTEMS.items():
                w, c = time.perf_counter(), time.process_time()
                preds[name][str(page["id"])] = extract(page)
                wall[name] += time.perf_counter() - w
                cpu[name] += time.process_time() - c
        for name in SYSTEMS:
            out[name]["preds"] = preds[name]
            out[name]["wall"] = min(out[name]["wall"], wall[name])
            out[name]["cpu"] = min(out[name]["cpu"], cpu[name])
    return out


def scores(gold: dict[str, str], preds: dict[str, str], langs: dict[str, str]) -> dict[str, dict[str, float]]:
    extraction = scorer().extraction
    out: dict[str, dict[str, float]] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for key in gold:
        groups[langs[key]].append(key)
    for name, keys in [("all", list(gold)), *sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]:
        p, r, f = extraction({k: gold[k] for k in keys}, preds)
        out[name] = {"precision": p, "recall": r, "f1": f, "pages": len(keys)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dump", type=Path, default=None)
    args = parser.parse_args()

    pages = [p for p in load_jsonl(CORPUS) if p.get("gold_text")][: args.limit]
    gold = {str(p["id"]): p["gold_text"] for p in pages}
    langs = {str(p["id"]): (p.get("lang") or "?").split("-")[0].lower() for p in pages}
    report: dict[str, Any] = {
        "corpus": CORPUS, "pages": len(pages), "repeat": args.repeat,
        "cpus": os.cpu_count(), "load_before": os.getloadavg()[0], "python": platform.python_version(),
    }
    for name, run in run_systems(pages, args.repeat).items():
        report[name] = {"seconds": run["wall"], "cpu_seconds": run["cpu"], "first_pass_seconds": run["first_pass"], "pages_per_s": len(pages) / run["wall"],
                        "pages_per_cpu_s": len(pages) / run["cpu"], "scores": scores(gold, run["preds"], langs)}
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            with (args.dump / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
                for key, text in run["preds"].items():
                    fh.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
    report["load_after"] = os.getloadavg()[0]
    print_report(report)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_clean.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


def print_report(report: dict[str, Any]) -> None:
    print(f"{report['corpus']}: {report['pages']} pages, {report['cpus']} CPUs, load average "
          f"{report['load_before']:.1f} -> {report['load_after']:.1f}, fastest of {report['repeat']} timed pass(es)")
    print(f"{'system':<12} {'pages/s':>8} {'pages/CPU-s':>12} {'first pass s':>13}")
    for name in SYSTEMS:
        r = report[name]
        print(f"{name:<12} {r['pages_per_s']:>8.1f} {r['pages_per_cpu_s']:>12.1f} {r['first_pass_seconds']:>13.1f}")
    groups = list(report[next(iter(SYSTEMS))]["scores"])
    print(f"\n{'lang':<6} {'pages':>5}  " + "  ".join(f"{name + ' P/R/F1':<26}" for name in SYSTEMS))
    for group in groups:
        cells = []
        for name in SYSTEMS:
            s = report[name]["scores"][group]
            cells.append(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}".ljust(26))
        pages = report[next(iter(SYSTEMS))]["scores"][group]["pages"]
        print(f"{group:<6} {pages:>5}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
