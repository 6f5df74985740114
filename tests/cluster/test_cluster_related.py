"""Related-story links: which keys define a story, and how a brief background mention matches them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from corroborate.cluster import Clusterer, signature
from corroborate.cluster.related import _named, _shared
from corroborate.cluster.signature import Signature
from corroborate.model import Analysis, Article, Mention, Place, TimeExpr

T0 = datetime(2033, 6, 4, 22, 0, tzinfo=UTC)


def _direction(seed: int) -> list[float]:
    v = np.random.default_rng(seed).normal(size=384)
    return (v / np.linalg.norm(v)).tolist()


def _item(aid: str, text: str, names: tuple[str, ...], places: tuple[str, ...], *, day: float | None,
          title: str = "", emb: list[float] | None = None) -> tuple[Article, Analysis]:
    art = Article(id=aid, text=text, title=title or text.split(".")[0], lang="en",
                  published=None if day is None else T0 + timedelta(days=day))
    times = [] if day is None else [TimeExpr(text="", start=0, end=0, value=T0 + timedelta(days=day),
                                             precision="day", is_event_time=True)]
    an = Analysis(
        article_id=aid, lang="en", times=times, event_type="raid", embedding=emb,
        mentions=[Mention(text=n, kind="person", key=n, start=0, end=1) for n in names],
        places=[Place(name=p, text=p, start=0, end=1, key=p, lat=30.0 + i, lon=40.0 + i, precision="town")
                for i, p in enumerate(places)],
    )
    return art, an


def test_a_surname_alone_matches_the_full_name_but_not_any_short_key() -> None:
    story = {"mrn klvst": 1.0, "@dlvr": 1.0, "ts": 1.0}
    assert _shared(story, {"klvst": 1.0}) == ["mrn klvst"]
    assert _shared({"klvst": 1.0}, {"mrn klvst": 1.0}) == ["klvst"]
    assert _shared(story, {"ts": 1.0, "@dlvr": 1.0}) == ["@dlvr", "ts"]  # exact keys always match
    assert _shared({"mrn ts": 1.0}, {"ts": 1.0}) == []  # too short to stand for a name
    assert _shared({"@klvst": 1.0}, {"klvst": 1.0}) == []  # places are not people


def test_story_keys_leave_out_capitalised_token_stand_ins() -> None:
    art, an = _item("a", "Yesterday Officials Said The Raid On Dolvar Killed Marin Kelvast.", ("mrn klvst",),
                    ("dlvr",), day=0)
    sig = signature(art, an)
    assert "officials said" in sig.keys and "officials said" not in _named(sig)
    assert _named(sig) == {"mrn klvst", "@dlvr"}
    back = Signature.from_json(sig.to_json())
    assert back.names == sig.names
    legacy = sig.to_json()
    legacy.pop("n")  # stored before names were kept: every key stands in
    assert _named(Signature.from_json(legacy)) == set(sig.keys) | {"@dlvr"}


def test_an_undated_report_recalling_an_earlier_raid_by_surname_is_background_on_both_sides_not_merged() -> None:
    names = ("mrn klvst", "trvs hl", "aslm frnt")
    earlier = [
        _item(f"e{k}", f"Special forces raided a house in Dolvar overnight; the leader Marin Kelvast died. "
              f"Report {k} quotes Travis Hale and the Aslam Front.", names, ("dlvr", "prvnc nrth", "cntry"), day=k * 0.1,
              emb=_direction(7))
        for k in range(3)
    ]
    later = _item("l", "Helicopters landed near Rostavi at dusk and commandos shot a weapons courier, a ministry "
                  "statement said. His network had lost its previous leader Kelvast earlier this year.",
                  ("klvst", "aslm frnt", "wpns krr", "mnstr grmn"), ("rstv", "prvnc nrth", "cntry"), day=None,
                  title="Courier shot near Rostavi", emb=_direction(8))
    cl = Clusterer()
    for item in [*earlier, later]:
        cl.add(*item)
    main, other = cl.story_of("e0"), cl.story_of("l")
    assert main != other
    links = cl.story(other).related  # type: ignore[union-attr]
    assert [(r.story, r.relation) for r in links] == [(main, "background")]
    back = cl.story(main).related  # type: ignore[union-attr]
    assert [(r.story, r.relation) for r in back] == [(other, "background")], "the link shows on both stories"
