"""Where quiet stories wait out of memory: a private SQLite file (deleted when the clusterer goes away).

A story is kept whole (pickled, so it comes back exactly as it left: the same members, summed
embedding and links, hence the same decisions) with the ids of its articles (a row naming a story that is
not out here, or an article no longer in it, is stale and ignored). The index keeps in memory
only which story ids are out here (the day buckets and key postings that find them stay as they were);
a lookup that names an evicted story takes it back.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar


class _Member(Protocol):
    id: str


class Spillable(Protocol):
    """What the spill needs of a story (state.StoryState)."""

    id: str

    @property
    def members(self) -> Sequence[_Member]: ...

    def forget_caches(self) -> None: ...


S = TypeVar("S", bound=Spillable)


class StorySpill(Generic[S]):
    """`ids`: the stories out here. A story brought back keeps its row (`clean`) until it changes (`changed`),
    so sending it out again unchanged writes nothing."""

    def __init__(self) -> None:
        # "": a private temporary on-disk database, removed by SQLite when the connection closes
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000;"
            # rowid tables for the blobs: a WITHOUT ROWID table keeps them in its key's tree, where a read of a
            # 5-25 KB blob took 51 us against 9 us (30,000 rows, 4 KB pages)
            "CREATE TABLE story (id TEXT PRIMARY KEY, state BLOB NOT NULL);"
            "CREATE TABLE member (article TEXT PRIMARY KEY, story TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE INDEX member_story ON member (story);"
            "CREATE TABLE extra (id TEXT PRIMARY KEY, data BLOB NOT NULL);"
        )
        self.ids: set[str] = set()
        self.clean: set[str] = set()  # in memory again, unchanged since its row was written
        self.writes = 0

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self.ids

    def put(self, st: S, extra: Callable[[S], object] | None = None) -> None:
        """Move `st` out of memory (derived caches are dropped: they are rebuilt identically); `extra(st)`
        is kept with it (read back by `extras` without taking the story back)."""
        if st.id in self.clean:
            self.clean.discard(st.id)
            self.ids.add(st.id)
            return
        st.forget_caches()
        data = pickle.dumps(st, protocol=pickle.HIGHEST_PROTOCOL)
        db = self._db
        db.execute("BEGIN")
        db.execute("INSERT OR REPLACE INTO story VALUES (?, ?)", (st.id, data))
        if extra is not None:
            db.execute("INSERT OR REPLACE INTO extra VALUES (?, ?)",
                       (st.id, pickle.dumps(extra(st), protocol=pickle.HIGHEST_PROTOCOL)))
        db.execute("DELETE FROM member WHERE story = ?", (st.id,))
        db.executemany("INSERT OR REPLACE INTO member VALUES (?, ?)", [(m.id, st.id) for m in st.members])
        db.execute("COMMIT")
        self.ids.add(st.id)
        self.writes += 1

    def take(self, story_id: str) -> S | None:
        """The story `story_id`, back in memory (its row is kept while it does not change); None when it is
        not out here."""
        if story_id not in self.ids:
            return None
        row = self._db.execute("SELECT state FROM story WHERE id = ?", (story_id,)).fetchone()
        st: S = pickle.loads(row[0])
        self.ids.discard(story_id)
        self.clean.add(story_id)
        return st

    def extras(self, story_ids: Iterable[str]) -> dict[str, object]:
        """What `put` kept with each of these stories still out here (the story stays out)."""
        wanted = [sid for sid in story_ids if sid in self.ids]
        out = {}
        for start in range(0, len(wanted), 500):  # well under SQLite's limit of bound parameters
            part = wanted[start : start + 500]
            rows = self._db.execute(f"SELECT id, data FROM extra WHERE id IN ({','.join('?' * len(part))})", part)
            found = dict(rows.fetchall())
            out.update((sid, pickle.loads(found[sid])) for sid in part if sid in found)
        return out

    def changed(self, story_ids: Iterable[str]) -> None:
        """These stories changed in memory (or are gone): their rows no longer hold them."""
        self.clean.difference_update(story_ids)

    def story_of(self, article_id: str) -> str | None:
        """The evicted story holding `article_id`, if any."""
        if not self.ids:
            return None
        row = self._db.execute("SELECT story FROM member WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row and row[0] in self.ids else None

    def peek(self) -> Iterator[S]:
        """Every story out here, left here (copies: changing them changes nothing)."""
        for sid, data in self._db.execute("SELECT id, state FROM story").fetchall():
            if sid in self.ids:
                yield pickle.loads(data)

    def close(self) -> None:
        self._db.close()
        self.ids.clear()
        self.clean.clear()
