"""A million articles in PostgreSQL: bulk-load invented stories (corroborate.synthetic + store.bulk), then
16 readers hit the real web app over HTTP (story list with its filters and orders, search, dossiers,
entity and outlet pages) while a writer process commits small ingest batches through `Store.write_batch`.
Prints the load time, then p50/p95/p99 per endpoint and the errors; writes the "Scale: a million articles
in PostgreSQL" section of bench/RESULTS.md.

    python bench/bench_million.py --db postgresql://user@host/db [--articles 1000000] [--fresh]
                                  [--readers 16] [--seconds 60] [--no-write]

`--fresh` drops Corroborate's tables in that database first and loads `--articles`; without it an
existing load of at least that many articles is reused (a database with fewer is refused).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

import sqlalchemy as sa

from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.bulk import bulk_load
from corroborate.synthetic import LANGS, Generator, make_world

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import RawConnection, cpu_seconds, free_port, start_server  # noqa: E402
from results import write_section  # noqa: E402

SEED = 1
SECTION = "Scale: a million articles in PostgreSQL"
WRITER = """
import sys, time
from corroborate.store import Store
from corroborate.synthetic import Generator
db, tag, until = {db!r}, {tag!r}, time.time() + {seconds}
gen = Generator(seed=hash(tag) % 1000, prefix=f"w{{tag}}-", story_prefix=f"ws{{tag}}-")
n = articles = 0
lat = []
with Store(db) as store:
    while time.time() < until:
        batch = gen.story(gen.rng.randint(1, 8))
        t = time.perf_counter()
        store.write_batch(batch)
        lat.append(time.perf_counter() - t)
        n += 1
        articles += len(batch.articles)
        time.sleep(0.2)
lat.sort()
print(n, articles, lat[len(lat) // 2] * 1000 if lat else 0, lat[-1] * 1000 if lat else 0)
"""


def drop_tables(url: str) -> None:
    with Store(url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS article_search")
        conn.exec_driver_sql("DROP TABLE IF EXISTS story_search")
        t.metadata.drop_all(conn)


def stored_articles(url: str) -> tuple[int, int, int]:
    """Articles, stories, and the bulk-loaded stories (bs0000000...; earlier writers' have their own ids)."""
    with Store(url) as store, store.engine.connect() as conn:
        return (conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one(),
                conn.execute(sa.select(sa.func.count()).select_from(t.stories)).scalar_one(),
                conn.execute(sa.select(sa.func.count()).where(t.stories.c.id.like("bs%"))).scalar_one())


def load(url: str, articles: int) -> str:
    started = time.perf_counter()
    last = [0.0]

    def progress(n: int) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  {n:,} articles, {last[0] - started:.0f} s, load average {os.getloadavg()[0]:.1f}", flush=True)

    with Store(url) as store:
        report = bulk_load(store, Generator(seed=SEED).batches(articles), rebuild_indexes=True, progress=progress)
        with store.engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT pg_size_pretty(pg_database_size(current_database()))").scalar_one()
    return (f"{report.articles:,} articles in {report.stories:,} stories loaded in {report.seconds / 60:.1f} min "
            f"({report.load_seconds:.0f} s rows and COPY, {report.index_seconds:.0f} s indexes and ANALYZE; "
            f"{report.articles / report.seconds:,.0f} articles/s; database {size}; load average at the end "
            f"{os.getloadavg()[0]:.1f})")


def endpoints(rng: random.Random, stories: int, world) -> tuple[str, str]:
    story = f"/api/stories/bs{rng.randrange(stories):07d}"
    # names and outlets asked for: one in five among the 20 most frequent, the rest any of the first 2,000
    # people (in ~40 stories each on average at 1M) and any outlet
    person = world.people[rng.randrange(20) if rng.random() < 0.2 else rng.randrange(2000)]
    outlet = world.outlets[rng.randrange(20) if rng.random() < 0.2 else rng.randrange(len(world.outlets))][0]
    lang = rng.choice(LANGS)
    page = rng.randint(1, 40)
    town = world.towns[rng.randrange(200)]
    choices = [
        ("list: recent", f"/api/stories?{urlencode({'page': page, 'per_page': 20})}"),
        ("list: size order", f"/api/stories?{urlencode({'order': 'size', 'page': page, 'per_page': 20})}"),
        ("list: lang + conflict", f"/api/stories?{urlencode({'lang': lang, 'conflict': 'true'})}"),
        ("list: outlet", f"/api/stories?{urlencode({'outlet': outlet})}"),
        ("list: search q", f"/api/stories?{urlencode({'q': person})}"),
        ("list: place", f"/api/stories?{urlencode({'place': town})}"),
        ("list page (HTML)", f"/?{urlencode({'page': rng.randint(1, 10)})}"),
        ("search articles", f"/api/articles?{urlencode({'q': person.split()[-1], 'limit': 20})}"),
        ("dossier", story),
        ("dossier page (HTML)", story.replace("/api", "")),
        ("entity", f"/api/entities/{quote(person.casefold(), safe='')}"),
        ("entity page (HTML)", f"/entities/{quote(person.casefold(), safe='')}"),
        ("outlet", f"/api/outlets/{quote(outlet, safe='')}"),
        ("outlet page (HTML)", f"/outlets/{quote(outlet, safe='')}"),
    ]
    return rng.choice(choices)


async def reader(conn: RawConnection, rng: random.Random, until: float, stories: int, world, lat: dict,
                 errors: dict) -> None:
    while time.monotonic() < until:
        name, url = endpoints(rng, stories, world)
        started = time.perf_counter()
        try:
            status, _ = await conn.get(url)
            ok = status == 200
        except (OSError, ValueError, KeyError, IndexError, asyncio.IncompleteReadError, TimeoutError):
            ok = False
        lat[name].append(time.perf_counter() - started)
        if not ok:
            errors[name] += 1


async def drive(port: int, readers: int, seconds: float, stories: int) -> tuple[dict, dict, float]:
    world = make_world(SEED)
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    conns = [RawConnection("127.0.0.1", port) for _ in range(readers)]
    started = time.monotonic()
    await asyncio.gather(*(reader(c, random.Random(i), started + seconds, stories, world, lat, errors)
                           for i, c in enumerate(conns)))
    for c in conns:
        c.close()
    return lat, errors, time.monotonic() - started


def postgres_cpu() -> dict[int, float]:
    """CPU seconds used so far by every local PostgreSQL process, by pid (Linux /proc; {} elsewhere).
    Compared before and after a run (a process started meanwhile counts whole; one that ended is missed:
    the server's pooled connections and the writer's live through the run)."""
    found: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if text.split("(", 1)[1].startswith("postgres)"):
            found[int(stat.parent.name)] = cpu_seconds(int(stat.parent.name))
    return found


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far (Linux /proc/stat; zeros elsewhere)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields) - idle) / tick, sum(fields) / tick


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=os.environ.get("CORROBORATE_BENCH_PG"),
                        help="PostgreSQL URL (default: $CORROBORATE_BENCH_PG)")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="drop Corroborate's tables and load again")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=None, help="server worker threads (default: serve()'s own)")
    parser.add_argument("--no-write", action="store_true", help="do not record the figures in bench/RESULTS.md")
    args = parser.parse_args()
    if not args.db or not args.db.startswith("postgresql"):
        raise SystemExit("give a PostgreSQL database: --db postgresql://user@host/db (or CORROBORATE_BENCH_PG)")

    loaded = "reused an earlier load"
    if args.fresh:
        drop_tables(args.db)
        print(f"loading {args.articles:,} articles ...", flush=True)
        loaded = load(args.db, args.articles)
        print(loaded, flush=True)
    n_articles, n_stories, bulk_stories = stored_articles(args.db)
    if n_articles < args.articles:
        raise SystemExit(f"{args.db} holds {n_articles:,} articles, fewer than --articles {args.articles:,}: "
                         "add --fresh to load them")

    port = free_port()
    server = start_server(args.db, port, args.threads)
    tag = f"{int(time.time())}"
    writer = subprocess.Popen([sys.executable, "-c", WRITER.format(db=args.db, tag=tag, seconds=args.seconds)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    load_before = os.getloadavg()
    try:
        cpu_before, pg_before, busy_before = cpu_seconds(server.pid), postgres_cpu(), machine_busy()
        lat, errors, elapsed = asyncio.run(drive(port, args.readers, args.seconds, bulk_stories))
        server_cpu = cpu_seconds(server.pid) - cpu_before
        pg_after, busy_after = postgres_cpu(), machine_busy()
        pg_cpu = sum(used - pg_before.get(pid, 0.0) for pid, used in pg_after.items())
        busy = (busy_after[0] - busy_before[0]) / max(busy_after[1] - busy_before[1], 1e-9)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a request still running at the end: the figures are taken already
            server.kill()
            server.wait()
    out, err = writer.communicate(timeout=120)
    if writer.returncode != 0:
        raise SystemExit(f"the writer process failed: {err.decode()[-2000:]}")
    batches, written, write_p50, write_max = out.decode().split()
    load_after = os.getloadavg()

    total = sum(len(v) for v in lat.values())
    total_errors = sum(errors.values())
    main_names = ("list: recent", "search articles", "dossier")
    worst = max(pct(lat[n], 0.99) for n in main_names if lat[n])
    lines = [
        f"Command: `python bench/bench_million.py --db postgresql://.../DB --articles {args.articles}"
        f"{' --fresh' if args.fresh else ''} --readers {args.readers} --seconds {args.seconds:g}` "
        f"(`make bench-million`), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()} "
        f"{platform.system()}, {os.cpu_count()} cores shared with other agents' work, PostgreSQL on the same machine.",
        "",
        f"- data: {n_articles:,} articles in {n_stories:,} stories; {loaded}",
        f"- load: {args.readers} readers (keep-alive HTTP on 127.0.0.1, one uvicorn process) for {elapsed:.0f} s "
        f"while a writer process committed {batches} batches ({written} articles with stories and dossiers, "
        f"write p50 {float(write_p50):.0f} ms, max {float(write_max):.0f} ms)",
        f"- throughput: **{total / elapsed:.0f} requests/s**, {total:,} requests, **{total_errors} errors**; "
        f"server CPU {server_cpu / max(total, 1) * 1000:.1f} ms per request, PostgreSQL CPU "
        f"{pg_cpu / max(total, 1) * 1000:.1f} ms per request (the writer's included), machine CPU busy {busy:.0%}",
        f"- load average (1 min) before / after: {load_before[0]:.1f} / {load_after[0]:.1f} (2 cores: anything "
        "above 2 queues work, and the other agents' jobs inflate every percentile)",
        f"- story list, search, dossier: worst p99 **{worst:.0f} ms** (target <= 200 ms, 0 errors)",
        "",
        "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in sorted(lat):
        v = lat[name]
        lines.append(f"| {name} | {len(v)} | {errors[name]} | {statistics.median(v) * 1000:.1f} | {pct(v, .95):.1f} | "
                     f"{pct(v, .99):.1f} | {max(v) * 1000:.1f} |")
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        write_section(SECTION, report)


if __name__ == "__main__":
    main()
