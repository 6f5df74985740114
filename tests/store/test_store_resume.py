"""Store: atomic batches survive SIGKILL; SQLite serves readers while a batch is being written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from corroborate.model import Assignment
from corroborate.store import Batch, Store, StoreError, StoryQuery
from corroborate.store.engine import write_tx
from corroborate.store.schema import articles
from corroborate.testing import analysis, article

N_BATCHES, BATCH_SIZE = 6, 100

INGEST = textwrap.dedent("""
    import sys, time
    from sqlalchemy import event
    from corroborate.model import Assignment
    from corroborate.store import Batch, Store
    from corroborate.testing import analysis, article

    url, n_batches, size, pause_in = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    current = -1
    with Store(url) as store:
        @event.listens_for(store.engine, "after_execute")
        def hang_inside_transaction(conn, clause, *args):
            # Test hook: stop inside batch `pause_in` once its articles are inserted but not committed.
            if current == pause_in and "INSERT INTO analyses" in str(clause):
                print("inside", current, flush=True)
                time.sleep(60)

        for b in range(n_batches):
            current = b
            arts = [article(b * size + i) for i in range(size)]
            known = store.known_hashes(a.content_hash for a in arts)
            todo = [a for a in arts if a.content_hash not in known]
            store.write_batch(Batch(
                articles=[(a, analysis(a)) for a in todo],
                assignments=[Assignment(a.id, f"s{b}", 0.5, True) for a in todo],
            ))
            print("committed", b, flush=True)
""")


def _run_ingest(script: Path, url: str, kill_on: str | None) -> int:
    """Run the ingest subprocess; SIGKILL it at the first stdout line starting with `kill_on`.
    Returns the number of committed batches it reported."""
    pause_in = 3 if kill_on == "inside" else -1
    proc = subprocess.Popen([sys.executable, str(script), url, str(N_BATCHES), str(BATCH_SIZE), str(pause_in)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("committed"):
            seen += 1
        if kill_on is not None and line.startswith(kill_on):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=120)
    if kill_on is None:
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    else:
        assert proc.returncode == -signal.SIGKILL
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("kill_on", ["inside", "committed 2"])
def test_killed_ingest_resumes_without_duplicates(db_url: str, tmp_path: Path, kill_on: str) -> None:
    script = tmp_path / "ingest.py"
    script.write_text(INGEST)
    Store(db_url).close()
    committed = _run_ingest(script, db_url, kill_on=kill_on)
    assert committed == 3
    with Store(db_url) as store:
        # whole batches only: the batch open at the kill left nothing behind
        assert store.count_articles() == committed * BATCH_SIZE
        assert sum(1 for _ in store.iter_analyses()) == committed * BATCH_SIZE
        assert store.counts("story") == {f"s{b}": BATCH_SIZE for b in range(committed)}
    _run_ingest(script, db_url, kill_on=None)
    total = N_BATCHES * BATCH_SIZE
    with Store(db_url) as store:
        ids = [a.id for a in store.iter_articles(with_text=False)]
        assert len(ids) == len(set(ids)) == total
        assert set(ids) == {article(i).id for i in range(total)}
        assert len(store.known_hashes(article(i).content_hash for i in range(total))) == total
        assert sum(1 for _ in store.iter_analyses()) == total
        assert store.counts("story") == {f"s{b}": BATCH_SIZE for b in range(N_BATCHES)}


def test_sqlite_reader_is_not_blocked_by_an_open_write(tmp_path: Path) -> None:
    path = str(tmp_path / "c.db")
    with Store(path) as writer, Store(path) as reader:
        first = article(1)
        writer.write_batch(Batch(articles=[(first, analysis(first, dim=4))]))
        with write_tx(writer.engine) as conn:  # a write transaction left open mid-ingest
            conn.execute(articles.insert(), {"id": "x", "text": "t", "authors": "[]", "removed": "[]",
                                             "origin": "", "ingested_at": first.published})
            started = time.perf_counter()
            assert reader.count_articles() == 1  # snapshot before the uncommitted write
            assert [a.id for a in reader.iter_articles()] == ["a00001"]
            assert reader.list_stories(StoryQuery())[1] == 0
            with Store(path) as late_reader:  # opening an up-to-date database takes no write lock
                assert late_reader.count_articles() == 1
            assert time.perf_counter() - started < 2.0
        assert reader.count_articles() == 2


def test_sqlite_concurrent_reads_during_batches(tmp_path: Path) -> None:
    path = str(tmp_path / "c.db")
    errors: list[BaseException] = []
    with Store(path) as writer, Store(path) as reader:
        def ingest() -> None:
            try:
                for b in range(8):
                    arts = [article(b * 50 + i) for i in range(50)]
                    writer.write_batch(Batch(articles=[(a, analysis(a, dim=32)) for a in arts],
                                             assignments=[Assignment(a.id, f"s{b}", 1.0, True) for a in arts]))
            except BaseException as exc:  # surfaced in the main thread
                errors.append(exc)

        thread = threading.Thread(target=ingest)
        thread.start()
        counts = []
        while thread.is_alive():
            counts.append(reader.count_articles())
            page, total = reader.list_stories(StoryQuery(order="size"))
            assert all(s.n_articles == 50 for s in page)  # never a half-written story
        thread.join()
        assert not errors
        assert counts == sorted(counts) and all(c % 50 == 0 for c in counts)
        assert reader.count_articles() == 400


def test_failed_batch_leaves_nothing(store: Store) -> None:
    good = article(1)
    with pytest.raises(StoreError, match="'missing'"):
        store.write_batch(Batch(articles=[(good, analysis(good, dim=4))],
                                assignments=[Assignment("missing", "s1", 1.0, True)]))
    assert store.count_articles() == 0 and store.list_stories(StoryQuery())[1] == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM stories")).scalar() == 0
