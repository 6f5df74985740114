"""A story's entities: one per person/organisation, every spelling merged (invented names)."""

from __future__ import annotations

from corroborate.model import Analysis, Article, Mention
from corroborate.reconcile.entities import merge_entities
from corroborate.text.names import name_key, name_parts


def _items(*names: str) -> list[tuple[Article, Analysis]]:
    items = []
    for i, name in enumerate(names):
        mention = Mention(name, "person", name_key(name), 0, len(name), canonical=name)
        items.append((Article(id=f"a{i}", text=name), Analysis(article_id=f"a{i}", mentions=[mention])))
    return items


def test_particles_do_not_count_as_name_parts() -> None:
    assert name_parts("Karím al Mansuri") == 2
    assert name_parts("Karim al-Mansuri Haddad") == 3


def test_short_spelling_with_a_separate_particle_joins_the_full_name() -> None:
    entities = merge_entities(_items("Karim al-Mansuri Haddad", "Karím al Mansuri", "Kareem el-Mansoury"))
    assert len(entities) == 1
    assert set(entities[0].variants) == {"Karim al-Mansuri Haddad", "Karím al Mansuri", "Kareem el-Mansoury"}


def test_different_third_names_stay_apart() -> None:
    entities = merge_entities(_items("Samir Haddad Nasser", "Samir Haddad Yousef"))
    assert len(entities) == 2


def _mentions(*pairs: tuple[str, str], lang: str = "en") -> list[tuple[Article, Analysis]]:
    items = []
    for i, (name, kind) in enumerate(pairs):
        mention = Mention(name, kind, name_key(name), 0, len(name))  # type: ignore[arg-type]
        items.append((Article(id=f"a{i}", text=name, lang=lang),
                      Analysis(article_id=f"a{i}", lang=lang, mentions=[mention])))
    return items


def test_an_untyped_mention_joins_the_person_it_names() -> None:
    entities = merge_entities(_mentions(("Yusuf al-Karimi Haddad", "person"), ("al-Karimi", "misc"),
                                        ("al-Kareemi", "misc")))
    assert len(entities) == 1
    assert entities[0].kind == "person" and len(entities[0].articles) == 3


def test_typed_mentions_of_different_kinds_stay_apart() -> None:
    entities = merge_entities(_mentions(("Haddad", "person"), ("Haddad", "org")))
    assert sorted(e.kind for e in entities) == ["org", "person"]


def test_nationality_adjectives_are_not_entities() -> None:
    assert merge_entities(_mentions(("Turkish", "misc"), ("Syrian", "misc"))) == []
    assert merge_entities(_mentions(("Syrer", "misc"), lang="de")) == []


def test_a_surname_alone_in_another_transliteration_joins_the_full_name() -> None:
    entities = merge_entities(_mentions(("Abu Yusuf al-Karimi al-Mutayri", "person"), ("al-Mutari", "misc")))
    assert len(entities) == 1 and len(entities[0].articles) == 2
    assert len(merge_entities(_mentions(("Abu Yusuf al-Karimi al-Mutayri", "person"), ("al-Mansuri", "misc")))) == 2


def test_an_untyped_mention_of_a_geocoded_place_is_not_an_entity() -> None:
    from corroborate.model import Place

    (article, analysis), = _mentions(("Lowmoor", "misc"))
    analysis.places = [Place(name="Lowmoor", text="Lowmoor", start=0, end=7)]
    assert merge_entities([(article, analysis)]) == []
    assert len(merge_entities(_mentions(("Lowmoor", "misc")))) == 1  # not geocoded: kept


def test_a_one_word_person_that_another_report_geocodes_is_the_place() -> None:
    from corroborate.model import Place

    items = _mentions(("Vellomar", "person"), ("Ansa Kettu", "person"))
    items[1][1].places = [Place(name="Vellomar", text="Vellomar", start=0, end=8, country="XX", precision="town")]
    names = {e.name for e in merge_entities(items)}
    assert "Vellomar" not in names and "Ansa Kettu" in names
