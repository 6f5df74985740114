"""Where quiet stories wait out of memory: a private SQLite file (deleted when the clusterer goes away).

A story is kept whole (pickled, so it comes back exactly as it left: the same members, summed
embedding and links, hence the same decisions) with the ids of its articles (a row naming a story that is
not out here, or an article no longer in it, is stale and ignored) and what its owner derives from it
(`extras`: read without taking the story back). Its entries in the owner's lookup structures (day buckets,
key postings, links pointing at it) wait here too, in `OutIndex`: memory keeps only which story ids are
out here, so it does not grow with the stories a long stream leaves behind; a lookup that finds an evicted
story reads its rows here, and a story taken back takes its rows with it.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
            "CREATE TABLE extra (id TEXT NOT NULL, kind TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (id, kind));"
        )
        self.ids: set[str] = set()
        self.clean: set[str] = set()  # in memory again, unchanged since its row was written
        self.writes = 0

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self.ids

    @property
    def db(self) -> sqlite3.Connection:
        return self._db

    def put(self, st: S, extras: Mapping[str, Callable[[S], object]] | None = None) -> None:
        """Move `st` out of memory (derived caches are dropped: they are rebuilt identically); for each
        kind, `extras[kind](st)` is kept with it (read back by `extras` without taking the story back)."""
        if st.id in self.clean:
            self.clean.discard(st.id)
            self.ids.add(st.id)
            return
        st.forget_caches()
        data = pickle.dumps(st, protocol=pickle.HIGHEST_PROTOCOL)
        db = self._db
        db.execute("BEGIN")
        db.execute("INSERT OR REPLACE INTO story VALUES (?, ?)", (st.id, data))
        db.executemany("INSERT OR REPLACE INTO extra VALUES (?, ?, ?)",
                       [(st.id, kind, pickle.dumps(make(st), protocol=pickle.HIGHEST_PROTOCOL))
                        for kind, make in (extras or {}).items()])
        db.execute("DELETE FROM member WHERE story = ?", (st.id,))
        db.executemany("INSERT OR REPLACE INTO member VALUES (?, ?)", [(m.id, st.id) for m in st.members])
        db.execute("COMMIT")
        self.ids.add(st.id)
        self.writes += 1

    def take(self, story_id: str, copy: S | None = None) -> S | None:
        """The story `story_id`, back in memory (its row is kept while it does not change); None when it is
        not out here. `copy`: a copy `read` returned and nobody changed, taken instead of reading it again."""
        st = self.read(story_id) if copy is None or story_id not in self.ids else copy
        if st is not None:
            self.ids.discard(story_id)
            self.clean.add(story_id)
        return st

    def read(self, story_id: str) -> S | None:
        """A copy of the story `story_id`, which stays out here (changing the copy changes nothing); None when
        it is not out here."""
        if story_id not in self.ids:
            return None
        row = self._db.execute("SELECT state FROM story WHERE id = ?", (story_id,)).fetchone()
        st: S = pickle.loads(row[0])
        return st

    def extras(self, kind: str, story_ids: Iterable[str]) -> dict[str, object]:
        """What `put` kept of this kind with each of these stories still out here (the stories stay out)."""
        wanted = [sid for sid in story_ids if sid in self.ids]
        out = {}
        for part in _chunks(wanted):
            rows = self._db.execute(f"SELECT id, data FROM extra WHERE kind = ? AND id IN ({_marks(part)})",
                                    [kind, *part])
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


class OutIndex:
    """The lookup entries of the stories out in a spill, in its database: the keys (names, places) and days
    that retrieve each story, and the stories linking to it. `put` when a story goes out, `take` when it
    comes back; the lookups return ids of stories out here only."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(
            "CREATE TABLE post (key TEXT NOT NULL, story TEXT NOT NULL, PRIMARY KEY (key, story)) WITHOUT ROWID;"
            "CREATE INDEX post_story ON post (story);"
            "CREATE TABLE day (day INTEGER NOT NULL, story TEXT NOT NULL, PRIMARY KEY (day, story)) WITHOUT ROWID;"
            "CREATE INDEX day_story ON day (story);"
            "CREATE TABLE backlink (target TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (target, source))"
            " WITHOUT ROWID;"
        )

    def put(self, story_id: str, keys: Iterable[str], days: Iterable[int], sources: Iterable[str]) -> None:
        db = self._db
        db.execute("BEGIN")
        db.executemany("INSERT OR IGNORE INTO post VALUES (?, ?)", [(k, story_id) for k in keys])
        db.executemany("INSERT OR IGNORE INTO day VALUES (?, ?)", [(d, story_id) for d in days])
        db.executemany("INSERT OR IGNORE INTO backlink VALUES (?, ?)", [(story_id, s) for s in sources])
        db.execute("COMMIT")

    def take(self, story_id: str) -> tuple[list[str], list[int], list[str]]:
        """The story's keys, days and linking stories, removed from here."""
        db = self._db
        keys = [k for (k,) in db.execute("SELECT key FROM post WHERE story = ?", (story_id,))]
        days = [d for (d,) in db.execute("SELECT day FROM day WHERE story = ?", (story_id,))]
        sources = self.backlinks(story_id)
        db.execute("BEGIN")
        db.execute("DELETE FROM post WHERE story = ?", (story_id,))
        db.execute("DELETE FROM day WHERE story = ?", (story_id,))
        db.execute("DELETE FROM backlink WHERE target = ?", (story_id,))
        db.execute("COMMIT")
        return keys, days, sources

    def by_keys(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(keys):
            out.update(s for (s,) in self._db.execute(f"SELECT story FROM post WHERE key IN ({_marks(part)})", part))
        return out

    def by_days(self, first: int, last: int) -> set[str]:
        return {s for (s,) in self._db.execute("SELECT story FROM day WHERE day BETWEEN ? AND ?", (first, last))}

    def backlinks(self, target: str) -> list[str]:
        return [s for (s,) in self._db.execute("SELECT source FROM backlink WHERE target = ?", (target,))]

    def link(self, target: str, source: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO backlink VALUES (?, ?)", (target, source))

    def unlink(self, target: str, source: str) -> None:
        self._db.execute("DELETE FROM backlink WHERE target = ? AND source = ?", (target, source))


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """Slices of `items` well under SQLite's limit of bound parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(part: Sequence[object]) -> str:
    return ",".join("?" * len(part))
