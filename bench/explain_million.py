"""EXPLAIN ANALYZE every statement the store's read paths run (story lists with their filters, search,
entity and outlet pages, a dossier) against a loaded PostgreSQL database (bench_million.py --fresh).

    python bench/explain_million.py postgresql://user@host/db recent,size,langconf,outlet,q,place,search,entity,outletpage,dossier [PERSON_RANK OUTLET_RANK PLAN_LINES]
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from corroborate.store import Store, StoryQuery
from corroborate.synthetic import make_world


def main() -> None:
    url, names = sys.argv[1], sys.argv[2].split(",")
    person_rank, outlet_rank, lines = (int(a) for a in (sys.argv[3:6] + ["5", "5", "14"][len(sys.argv[3:6]):]))
    store = Store(url)
    world = make_world(1)
    person, outlet = world.people[person_rank], world.outlets[outlet_rank][0]
    captured: list[tuple[str, Any]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
        if not statement.startswith(("EXPLAIN", "SET", "SHOW", "RESET")):
            captured.append((statement, params))

    cases = {
        "recent": lambda: store.list_stories(StoryQuery(limit=20, offset=200, count_limit=1220)),
        "size": lambda: store.list_stories(StoryQuery(order="size", limit=20, offset=200, count_limit=1220)),
        "langconf": lambda: store.list_stories(StoryQuery(lang="sv", conflict_only=True, limit=50, count_limit=1050)),
        "outlet": lambda: store.list_stories(StoryQuery(outlet=outlet, limit=50, count_limit=1050)),
        "q": lambda: store.list_stories(StoryQuery(text=person, limit=50, count_limit=1050)),
        "place": lambda: store.list_stories(StoryQuery(place=world.towns[50], limit=50, count_limit=1050)),
        "search": lambda: store.search_articles(person.split()[-1], limit=20),
        "entity": lambda: store.entity(person.casefold(), limit=100),
        "outletpage": lambda: store.outlet(outlet),
        "dossier": lambda: store.dossier_text("bs0001234"),
    }
    print(f"person {person!r}, outlet {outlet!r}")
    for name in names:
        captured.clear()
        started = time.perf_counter()
        cases[name]()
        print(f"=== {name}: {(time.perf_counter() - started) * 1000:.0f} ms, {len(captured)} statements")
        for statement, params in list(captured):
            with store.engine.connect() as conn:
                plan = conn.exec_driver_sql("EXPLAIN (ANALYZE) " + statement, params).scalars().all()
            print("  ", " ".join(statement.split())[:150])
            for line in plan[:lines]:
                print("     ", line)


if __name__ == "__main__":
    main()
