"""Person attributes (issue 11, item 4): ages and since when a person holds a role, read per language,
merged per entity with a status, stored and shown. Invented people and places."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import (
    Analysis,
    Article,
    Document,
    Dossier,
    Entity,
    PersonAttribute,
    Story,
    to_json,
)
from corroborate.reconcile import reconcile
from corroborate.reconcile.entities import attach_attributes, compatible_values
from corroborate.store import codec

T0 = datetime(2028, 5, 1, 9, 0, tzinfo=UTC)

# language -> (text, {(person, attribute, value)} expected among what is read)
TEXTS = {
    "en": ("Marlo Vetrane, 52, was named chairman of the Ostrel Shipping Board in March 2027, according to the "
           "company. The 47-year-old Tessaly Brandt has been mayor of Quorrin since 2025. Police named the driver "
           "as Ivo Daskal (38). Captain Orrin Kell said the rescue went well. The 61-year-old had retired in May. "
           "The 19-year-old man was unhurt.",
           {("Marlo Vetrane", "age", "52"), ("Marlo Vetrane", "chair since", "2027-03"),
            ("Tessaly Brandt", "age", "47"), ("Tessaly Brandt", "mayor since", "2025"), ("Ivo Daskal", "age", "38"),
            ("Orrin Kell", "age", "61")}),
    "sv": ("Lovisa Arnqvist, 44, valdes till ny ordförande för Brännö båtklubb i mars 2026. Den 58-årige Henrik "
           "Stålmark har varit borgmästare sedan 2024, enligt kommunen.",
           {("Lovisa Arnqvist", "age", "44"), ("Lovisa Arnqvist", "chair since", "2026-03"),
            ("Henrik Stålmark", "age", "58"), ("Henrik Stålmark", "mayor since", "2024")}),
    "de": ("Der 51-jährige Konrad Wielsberg ist seit März 2026 Vorsitzender des Vereins. Greta Holm (39) wurde im "
           "Januar 2027 zur Bürgermeisterin gewählt, teilte die Stadt mit.",
           {("Konrad Wielsberg", "age", "51"), ("Konrad Wielsberg", "chair since", "2026-03"),
            ("Greta Holm", "age", "39"), ("Greta Holm", "mayor since", "2027-01")}),
    "es": ("Ramiro Olvaz, de 63 años, es alcalde de Villacerda desde 2023, según el diario local. Lucía Benavent, "
           "de 41 años, fue nombrada presidenta de la cooperativa en enero de 2026.",
           {("Ramiro Olvaz", "age", "63"), ("Ramiro Olvaz", "mayor since", "2023"), ("Lucía Benavent", "age", "41"),
            ("Lucía Benavent", "president since", "2026-01")}),
    "fr": ("Solène Marchetti, 49 ans, est maire de Vaubrelle depuis mars 2026. Le préfet Armand Tessier (57 ans) a "
           "été nommé préfet en 2024, selon le ministère.",
           {("Solène Marchetti", "age", "49"), ("Solène Marchetti", "mayor since", "2026-03"),
            ("Armand Tessier", "age", "57"), ("Armand Tessier", "prefect since", "2024")}),
    "ar": ("وقال الوزير سليم العباري (54 عاما) إن التحقيق جار. وكان الوزير كريم الدباغ، الذي تولى منصب رئيس "
           "الحكومة في مارس 2026، قد استقال.",
           {("سليم العباري", "age", "54"), ("كريم الدباغ", "prime minister since", "2026-03")}),
    "ru": ("Олег Зарубин, 45 лет, стал мэром Краснобельска в марте 2026 года. Мэр Анна Левицкая (52 года) "
           "заявила, что работы продолжаются.",
           {("Олег Зарубин", "age", "45"), ("Олег Зарубин", "mayor since", "2026-03"), ("Анна Левицкая", "age", "52")}),
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(skip=("embed", "framing"))


def _analyse(analyzer: Analyzer, aid: str, text: str, lang: str, outlet: str, hours: int = 0,
             title: str = "Report") -> tuple[Article, Analysis]:
    art = Article(id=aid, text=text, title=title, lang=lang, outlet=outlet, published=T0 + timedelta(hours=hours))
    return art, analyzer(art)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_ages_and_roles_since_are_read_per_language(lang: str, analyzer: Analyzer) -> None:
    text, expected = TEXTS[lang]
    _, an = _analyse(analyzer, f"a-{lang}", text, lang, "x.example")
    got = {(a.person, a.attribute, a.value) for a in an.attributes}
    assert expected <= got
    assert not [a for a in an.attributes if a.value == "19"]  # "the 19-year-old man": someone unnamed
    for a in an.attributes:  # each with the sentence it comes from, at its span
        assert a.quote and text[a.start : a.end] == a.quote and a.lang == lang


def test_attribution_comes_with_the_attribute(analyzer: Analyzer) -> None:
    _, an = _analyse(analyzer, "e", TEXTS["en"][0], "en", "x.example")
    chair = next(a for a in an.attributes if a.attribute == "chair since")
    assert chair.attributed_to == "the company"


def test_numbers_that_are_not_ages_are_left_alone(analyzer: Analyzer) -> None:
    text = ("Frida Okonkwo, 2,000 residents and 45 firefighters were evacuated. The mayor spoke for 45 minutes. "
            "In 1998 the plant closed; its head since the merger, Tomas Reyle, declined to comment.")
    _, an = _analyse(analyzer, "n", text, "en", "x.example")
    assert [a for a in an.attributes if a.attribute == "age"] == []
    assert not [a for a in an.attributes if a.value == "1998"]


# ------------------------------------------------------------------ reconcile


def _attr(person: str, attribute: str, value: str, quote: str = "q") -> PersonAttribute:
    return PersonAttribute(person=person, key="", attribute=attribute, value=value, quote=quote, start=0, end=len(quote))


def _items(*rows: tuple[str, str | None, list[PersonAttribute]]) -> list[tuple[Article, Analysis]]:
    out = []
    for aid, outlet, attrs in rows:
        an = Analysis(article_id=aid, lang="en", attributes=attrs)
        out.append((Article(id=aid, text="", outlet=outlet), an))
    return out


def _person(*variants: str, articles: tuple[str, ...] = ("a", "b", "c")) -> Entity:
    return Entity(name=variants[0], kind="person", variants=list(variants), articles=list(articles))


def test_ages_one_year_apart_conflict() -> None:
    entity = _person("Ilse Marrow", "Marrow")
    attach_attributes([entity], _items(("a", "one.example", [_attr("Ilse Marrow", "age", "45")]),
                                       ("b", "two.example", [_attr("Marrow", "age", "46")]),
                                       ("c", "three.example", [_attr("Marrow", "age", "45")])))
    (age,) = entity.attributes
    assert age.attribute == "age" and age.status == "conflicting"
    assert [(v.value, [c.article for c in v.claims]) for v in age.values] == [("45", ["a", "c"]), ("46", ["b"])]
    assert {c.source for v in age.values for c in v.claims} == {"one.example", "two.example", "three.example"}


def test_an_age_may_grow_between_reports_months_apart_but_not_within_a_month() -> None:
    assert not compatible_values("age", "45", "46", years=2 / 365)
    assert compatible_values("age", "45", "46", years=0.7) and compatible_values("age", "45", "45", years=0.7)
    assert not compatible_values("age", "45", "47", years=0.7) and not compatible_values("age", "46", "45", years=0.7)
    assert not compatible_values("age", "45", "46")  # a publication time unknown: they must agree
    later = _person("Ilse Marrow")
    items = _items(("a", "one.example", [_attr("Ilse Marrow", "age", "45")]),
                   ("b", "two.example", [_attr("Ilse Marrow", "age", "46")]))
    items[0][0].published, items[1][0].published = T0, T0 + timedelta(days=300)
    attach_attributes([later], items)
    assert later.attributes[0].status == "corroborated"


def test_dates_of_different_precision_agree_only_when_one_contains_the_other() -> None:
    assert compatible_values("leader since", "2019", "2019-10-31")
    assert compatible_values("leader since", "2019-10", "2019-10-31")
    assert not compatible_values("leader since", "2019-11", "2019-10-31")
    assert not compatible_values("age", "4", "45")
    agree, differ = _person("Ilse Marrow"), _person("Ilse Marrow")
    attach_attributes([agree], _items(("a", "one.example", [_attr("Ilse Marrow", "leader since", "2029")]),
                                      ("b", "two.example", [_attr("Ilse Marrow", "leader since", "2029-03-14")])))
    attach_attributes([differ], _items(("a", "one.example", [_attr("Ilse Marrow", "leader since", "2029-04")]),
                                       ("b", "two.example", [_attr("Ilse Marrow", "leader since", "2029-03-14")])))
    assert agree.attributes[0].status == "corroborated" and differ.attributes[0].status == "conflicting"


def test_one_source_is_single_source_and_unknown_people_are_dropped() -> None:
    entity = _person("Ilse Marrow")
    attach_attributes([entity], _items(("a", "one.example", [_attr("Ilse Marrow", "age", "45")]),
                                       ("b", "one.example", [_attr("Ilse Marrow", "age", "45"),
                                                             _attr("Pavel Ostrand", "age", "70")])))
    assert [(a.attribute, a.status) for a in entity.attributes] == [("age", "single-source")]


def test_dossier_entities_carry_attributes_across_languages(analyzer: Analyzer) -> None:
    en = _analyse(analyzer, "en1", "Harbour chief Edvin Marrast, 45, said the ferry sank near Quorrin on Monday.",
                  "en", "harbour.example")
    sv = _analyse(analyzer, "sv1", "Hamnchefen Edvin Marrast, 46, säger att färjan sjönk vid Quorrin i måndags.",
                  "sv", "nord.example", hours=2)
    dossier = reconcile(Story(id="s1", article_ids=["en1", "sv1"]), [en, sv])
    lasko = next(e for e in dossier.entities if "Edvin Marrast" in e.variants)
    (age,) = lasko.attributes
    assert age.status == "conflicting" and {v.value for v in age.values} == {"45", "46"}
    data = to_json(dossier)["entities"]
    row = next(e for e in data if e["name"] == lasko.name)["attributes"][0]
    assert set(row) == {"attribute", "status", "values"}
    assert set(row["values"][0]["claims"][0]) >= {"article", "source", "attributed_to", "quote"}


# ------------------------------------------------------------------ storage and page


def test_analysis_and_dossier_round_trip_through_the_store_codec() -> None:
    an = Analysis(article_id="a", lang="en", attributes=[_attr("Ilse Marrow", "age", "45", "Ilse Marrow, 45, said.")])
    row = codec.analysis_row(an)
    assert codec.row_analysis(row["json"], row["embedding"]) == an
    entity = _person("Ilse Marrow")
    attach_attributes([entity], _items(("a", "one.example", an.attributes)))
    dossier = Dossier(id="s", title=None, languages=["en"], articles=[], event=None, entities=[entity])  # type: ignore[arg-type]
    assert codec.load_as(Dossier, codec.dumps(dossier)).entities[0].attributes == entity.attributes
    old = codec.dumps(Analysis(article_id="b")).replace(',"attributes":[]', "")
    assert codec.load_as(Analysis, old).attributes == []  # analyses stored before the field existed


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from corroborate.pipeline import Ingestor
    from corroborate.store import Store
    from corroborate.web import create_app

    db = str(Path(tmp_path_factory.mktemp("attrs")) / "a.db")
    docs = [
        Document(origin="a", kind="text", given_id="p1", source="harbour.example", published="2025-05-01T09:00:00Z",
                 title="Ferry sinks off Quorrin", lang="en",
                 content="A ferry sank off Quorrin on Monday. Harbour chief Edvin Marrast, 45, said the crew was "
                         "rescued. Marrast has been harbour chief since March 2024, according to the port authority."),
        Document(origin="b", kind="text", given_id="p2", source="coast.example", published="2025-05-01T11:00:00Z",
                 title="Quorrin ferry sinking: crew rescued", lang="en",
                 content="The crew of a ferry that sank off Quorrin on Monday was rescued, said harbour chief Edvin "
                         "Marrast, 46. Marrast, chief since 2024, praised the divers <script>alert(1)</script>."),
    ]
    with Store(db) as store:
        Ingestor(store, Analyzer(skip=("embed",))).ingest(docs)
        sid = store.article_stories()["p1"]
    with TestClient(create_app(db)) as client:
        yield client.get(f"/stories/{sid}").text


def test_dossier_page_shows_the_attribute_rows(page: str) -> None:
    section = page[page.index('id="person-attributes"') :]
    section = section[: section.index("</table>")]
    assert "Edvin Marrast" in section and ">age<" in section and "status-conflicting" in section
    assert "<b>45</b>" in section and "<b>46</b>" in section
    assert ">leader since<" in section and "<b>2024-03</b>" in section and "<b>2024</b>" in section
    assert "the port authority" in section
    assert "harbour.example" in section and "coast.example" in section
    assert "<script>alert" not in page

