"""Where quiet stories wait out of memory: a private SQLite file (deleted when the clusterer goes away).

A story is kept whole (pickled, so it comes back exactly as it left: the same members, summed
embedding and links, hence the same decisions) with the ids of its articles. The index keeps in memory
only which story ids are out here (the day buckets and key postings that find them stay as they were);
a lookup that names an evicted story takes it back.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corroborate.cluster.state import StoryState


class StorySpill:
    def __init__(self) -> None:
        # "": a private temporary on-disk database, removed by SQLite when the connection closes
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000;"
            "CREATE TABLE story (id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE member (article TEXT PRIMARY KEY, story TEXT NOT NULL) WITHOUT ROWID;"
        )
        self.ids: set[str] = set()

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self.ids

    def put(self, st: StoryState) -> None:
        """Move `st` out of memory (derived caches are dropped: they are rebuilt identically)."""
        st._key_cache = None
        for m in st.members:
            m.cache = {}
        data = pickle.dumps(st, protocol=pickle.HIGHEST_PROTOCOL)
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO story VALUES (?, ?)", (st.id, data))
            self._db.executemany("INSERT OR REPLACE INTO member VALUES (?, ?)", [(m.id, st.id) for m in st.members])
        self.ids.add(st.id)

    def take(self, story_id: str) -> StoryState | None:
        """The story `story_id`, removed from here; None when it is not here."""
        if story_id not in self.ids:
            return None
        row = self._db.execute("SELECT state FROM story WHERE id = ?", (story_id,)).fetchone()
        st: StoryState = pickle.loads(row[0])
        with self._db:
            self._db.execute("DELETE FROM story WHERE id = ?", (story_id,))
            self._db.executemany("DELETE FROM member WHERE article = ?", [(m.id,) for m in st.members])
        self.ids.discard(story_id)
        return st

    def story_of(self, article_id: str) -> str | None:
        if not self.ids:
            return None
        row = self._db.execute("SELECT story FROM member WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def peek(self) -> Iterator[StoryState]:
        """Every story here, left here (copies: changing them changes nothing)."""
        for (data,) in self._db.execute("SELECT state FROM story").fetchall():
            yield pickle.loads(data)

    def close(self) -> None:
        self._db.close()
        self.ids.clear()
