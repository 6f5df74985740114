"""Web load: many concurrent readers against `corroborate serve` on loopback while an ingest writes.

Builds a synthetic demo DB (invented stories through the Store API), starts the server in a subprocess on
127.0.0.1, runs a writer subprocess that commits ingest batches into the same SQLite file (or POSTs to
/api/articles with --http-ingest), and drives the server with concurrent keep-alive readers (a tiny asyncio
client by default, --client httpx for httpx.AsyncClient) for a bounded time and request count. Prints
requests/s, p50/p99 latency per endpoint as the client saw it and as the server measured it (Server-Timing),
server CPU per request and errors; writes the `Web load` section of bench/RESULTS.md.

    .venv/bin/python bench/bench_load.py [--readers 16] [--seconds 15] [--stories 200] [--client raw|httpx]
    PYTHONPATH=/old/copy .venv/bin/python bench/bench_load.py --server-module oldweb --no-write   # A/B
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from corroborate import testing as syn
from corroborate.model import Assignment, Story
from corroborate.store import Batch, Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import write_section  # noqa: E402

LANGS = ["en", "sv", "de", "es", "fr", "ar", "ru"]
TOKEN = "bench-token"
MAX_REQUESTS = 200_000


def story_batch(s: int, per_story: int, first_article: int) -> Batch:
    arts = [
        syn.article(first_article + k, lang=LANGS[(s + k) % len(LANGS)], outlet=f"outlet{(s + k) % 11}.test",
                    published=syn.BASE_TIME + timedelta(hours=s * 3 + k))
        for k in range(per_story)
    ]
    sid = f"s{s:05d}"
    dossier = syn.dossier(sid, arts, town=f"Town{s % 17}", conflict=s % 4 == 0)
    return Batch(
        articles=[(a, syn.analysis(a, dim=8)) for a in arts],
        assignments=[Assignment(a.id, sid, 0.9, k == 0) for k, a in enumerate(arts)],
        stories=[Story(sid, [a.id for a in arts], arts[0].title, arts[0].published, arts[-1].published)],
        dossiers=[dossier],
    )


def build_db(path: str, stories: int, per_story: int) -> None:
    with Store(path) as store:
        for s in range(stories):
            store.write_batch(story_batch(s, per_story, s * per_story))


WRITER = """
import sys, time
sys.path.insert(0, {bench!r})
from bench_load import story_batch
from corroborate.store import Store
db, first, per, until = {db!r}, {first}, {per}, time.time() + {seconds}
n = 0
with Store(db) as store:
    while time.time() < until:
        store.write_batch(story_batch(first + n, per, (first + n) * per))
        n += 1
        time.sleep(0.05)
print(n)
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by process `pid` (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, threads: int | None, module: str = "corroborate.web") -> subprocess.Popen:
    extra = f", threads={threads!r}" if threads is not None else ""
    code = (f"from {module} import serve; serve({db!r}, host='127.0.0.1', port={port}, "
            f"ingest_token={TOKEN!r}{extra})")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?per_page=1", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not come up on 127.0.0.1:{port}: {proc.stderr.read().decode()[-2000:]}")


class RawConnection:
    """A minimal HTTP/1.1 keep-alive GET client on asyncio streams. httpx's async client costs several ms
    of CPU per request, which on a loaded 2-core machine dominates the latency it reports; this one costs
    tens of microseconds, so the figures describe the server. Handles Content-Length bodies only (the
    server sends nothing else to these GETs); anything else is an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, url: str) -> tuple[int, dict[str, str]]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        r, w = self.streams
        try:
            w.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}\r\nAccept-Encoding: gzip\r\n\r\n".encode())
            await w.drain()
            head = (await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 30)).decode("latin-1").split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
            await asyncio.wait_for(r.readexactly(int(headers["content-length"])), 30)
            return int(head[0].split()[1]), headers
        except (OSError, KeyError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError):
            w.close()
            self.streams = None
            raise

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


def pick(rng: random.Random, stories: int, per_story: int) -> tuple[str, str]:
    s = rng.randrange(stories)
    a = s * per_story + rng.randrange(per_story)
    return rng.choice([
        ("GET /api/stories", f"/api/stories?page={rng.randint(1, 5)}&per_page=20"),
        ("GET /api/stories?filters", f"/api/stories?lang={rng.choice(LANGS)}&conflict=true&q=town"),
        ("GET /api/stories/{id}", f"/api/stories/s{s:05d}"),
        ("GET /api/articles/{id}", f"/api/articles/a{a:05d}"),
        ("GET / (page)", f"/?page={rng.randint(1, 3)}"),
        ("GET /stories/{id} (page)", f"/stories/s{s:05d}"),
        ("GET /articles/{id} (page)", f"/articles/a{a:05d}"),
    ])


async def reader(get: Callable[[str], Awaitable[tuple[int, Any]]], stories: int, per_story: int, until: float,
                 lat: dict, errors: dict, budget: list[int], rng: random.Random) -> None:
    while time.monotonic() < until and budget[0] > 0:
        budget[0] -= 1
        name, url = pick(rng, stories, per_story)
        started = time.perf_counter()
        try:
            status, headers = await get(url)
            ok = status == 200
            timing = headers.get("server-timing", "")
            if timing.startswith("app;dur="):
                lat["server-side: " + name].append(float(timing[8:]) / 1000)
        except (httpx.HTTPError, OSError, ValueError, KeyError, IndexError, asyncio.IncompleteReadError):
            ok = False
        lat[name].append(time.perf_counter() - started)
        if not ok:
            errors[name] += 1


async def http_ingest(client: httpx.AsyncClient, until: float, stats: dict) -> None:
    i = 0
    while time.monotonic() < until:
        body = [{"id": f"post-{i}-{k}", "source": "poster.test", "lang": "en", "date": "2031-05-04",
                 "title": f"Invented bulletin {i}-{k}", "text": f"Bulletin {i}-{k}: three people were hurt. " * 5}
                for k in range(5)]
        started = time.perf_counter()
        r = await client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        stats["POST /api/articles"].append(time.perf_counter() - started)
        if r.status_code != 200:
            stats["post_errors"].append(r.status_code)
        i += 1


async def drive(host: str, port: int, args: argparse.Namespace) -> tuple[dict, dict, float, dict]:
    base = f"http://{host}:{port}"
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    ingest_stats: dict[str, list] = defaultdict(list)
    budget = [min(args.max_requests, MAX_REQUESTS)]
    limits = httpx.Limits(max_connections=args.readers + 2)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        started = time.monotonic()
        until = started + args.seconds
        raws = [RawConnection(host, port) for _ in range(args.readers)] if args.client == "raw" else []

        async def via_httpx(url: str) -> tuple[int, Any]:
            response = await client.get(url)
            return response.status_code, response.headers

        tasks = [reader(raws[i].get if raws else via_httpx, args.stories, args.per_story, until, lat, errors,
                        budget, random.Random(i)) for i in range(args.readers)]
        if args.http_ingest:
            tasks.append(http_ingest(client, until, ingest_stats))
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
        for raw in raws:
            raw.close()
    return lat, errors, elapsed, ingest_stats


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=32, help="concurrent reader tasks")
    parser.add_argument("--seconds", type=float, default=15.0, help="how long the load runs (max 120)")
    parser.add_argument("--max-requests", type=int, default=50_000, help="stop after this many reads")
    parser.add_argument("--stories", type=int, default=200, help="stories in the demo DB")
    parser.add_argument("--per-story", type=int, default=5, help="articles per story")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="load client: raw asyncio keep-alive GETs (cheap) or httpx.AsyncClient (as in older runs)")
    parser.add_argument("--threads", type=int, default=None, help="server worker threads (default: serve()'s own)")
    parser.add_argument("--server-module", default="corroborate.web",
                        help="package whose serve() to run (A/B against an older copy of the web app)")
    parser.add_argument("--http-ingest", action="store_true",
                        help="ingest through POST /api/articles (needs the full pipeline) instead of a writer process")
    parser.add_argument("--no-write", action="store_true", help="do not record the figures in bench/RESULTS.md")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 120.0)

    with tempfile.TemporaryDirectory(prefix="corroborate-load-") as tmp:
        db = os.path.join(tmp, "load.db")
        t = time.perf_counter()
        build_db(db, args.stories, args.per_story)
        print(f"demo DB: {args.stories} stories x {args.per_story} articles in {time.perf_counter() - t:.1f} s")
        port = free_port()
        server = start_server(db, port, args.threads, args.server_module)
        writer = None
        if not args.http_ingest:
            code = WRITER.format(bench=str(Path(__file__).resolve().parent), db=db, first=args.stories,
                                 per=args.per_story, seconds=args.seconds)
            writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            cpu_before, client_before = cpu_seconds(server.pid), cpu_seconds(os.getpid())
            lat, errors, elapsed, ingest = asyncio.run(drive("127.0.0.1", port, args))
            server_cpu = cpu_seconds(server.pid) - cpu_before
            client_cpu = cpu_seconds(os.getpid()) - client_before
        finally:
            server.terminate()
            server.wait(timeout=10)
        written = 0
        if writer is not None:
            out, err = writer.communicate(timeout=60)
            if writer.returncode != 0:
                raise SystemExit(f"the writer process failed: {err.decode()[-2000:]}")
            written = int(out.decode().strip() or 0)

    server_lat = {k.removeprefix("server-side: "): lat.pop(k) for k in list(lat) if k.startswith("server-side: ")}
    total = sum(len(v) for v in lat.values())
    total_errors = sum(errors.values())
    lines = [
        f"{args.readers} concurrent readers ({args.client} client) for {elapsed:.1f} s on 127.0.0.1 (one uvicorn process, SQLite WAL, "
        f"{args.stories} stories x {args.per_story} articles), 2 shared CPU cores; client in the same machine.",
        "",
        f"- throughput: **{total / elapsed:.0f} requests/s**, {total} requests, **{total_errors} errors**",
        f"- server CPU: {server_cpu / max(total, 1) * 1000:.1f} ms per request ({server_cpu / elapsed:.2f} cores busy; "
        f"{args.threads or 'default'} worker threads); less sensitive to the machine's other load than latency; "
        f"the load client itself used {client_cpu / elapsed:.2f} cores",
        f"- machine load average after the run: {os.getloadavg()[0]:.1f} (other work on the same cores inflates "
        "latency; compare runs only at similar load)",
    ]
    if writer is not None:
        lines.append(f"- concurrent ingest: a writer process committed {written} batches ({written * args.per_story} "
                     f"articles + dossiers) into the same SQLite file meanwhile")
    else:
        posts = ingest["POST /api/articles"]
        lines.append(f"- concurrent ingest: {len(posts)} POST /api/articles of 5 articles, "
                     f"{len(ingest['post_errors'])} errors, p50 {pct(posts, .5) if posts else 0:.0f} ms")
    lines += ["", "Latency seen by the client, and inside the server (its Server-Timing header: parsed request to "
              "response headers; the difference is time in sockets, the event loop's queue and the client).", "",
              "| endpoint | requests | errors | p50 ms | p99 ms | server p50 ms | server p99 ms |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name in sorted(lat):
        values, inside = lat[name], server_lat.get(name) or [float("nan")]
        lines.append(f"| {name} | {len(values)} | {errors[name]} | {statistics.median(values) * 1000:.1f} | "
                     f"{pct(values, 0.99):.1f} | {statistics.median(inside) * 1000:.1f} | {pct(inside, 0.99):.1f} |")
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        write_section("Web load", report)


if __name__ == "__main__":
    main()
