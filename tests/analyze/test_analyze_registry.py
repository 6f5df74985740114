"""The component table: every `uses` is assigned earlier, declarations match what components do."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from corroborate.analyze import (
    COMPONENT_TABLE,
    DEFAULT_PIPELINE,
    SPECS,
    Analyzer,
    check_pipeline,
    load_component,
)
from corroborate.model import Analysis, Article

FIELDS = {f.name for f in dataclasses.fields(Analysis)}


def test_every_use_is_assigned_by_an_earlier_component() -> None:
    given = {"lang"}
    for spec in COMPONENT_TABLE:
        assert set(spec.uses) <= given, f"{spec.name} reads {set(spec.uses) - given} before anything fills it"
        given |= set(spec.assigns)


def test_declared_fields_exist_and_each_is_assigned_once() -> None:
    assigned = [f for spec in COMPONENT_TABLE for f in spec.assigns]
    assert len(assigned) == len(set(assigned))
    for spec in COMPONENT_TABLE:
        assert set(spec.uses) | set(spec.assigns) <= FIELDS, spec.name


def test_a_wrong_order_or_an_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match="reads"):
        Analyzer(pipeline=("sentences", "places", "entities"))
    with pytest.raises(ValueError, match="unknown"):
        check_pipeline(["sentences", "nonsense"])
    check_pipeline(["sentences", "places"], skipped=["entities"])  # skipping is allowed


def test_components_assign_what_they_declare() -> None:
    article = Article(
        id="reg-1", text="Three people were killed in Lisbon on Monday, police said. Two more were hurt.",
        title="Three killed in Lisbon", lang="en", published=datetime(2024, 3, 5, tzinfo=UTC))
    analysis = Analysis(article_id=article.id, lang="en")
    for name in DEFAULT_PIPELINE:
        if name == "embed":
            continue  # loads the encoder; covered by its own tests
        before = {f: getattr(analysis, f) for f in FIELDS}
        load_component(name)(article, analysis)
        changed = {f for f in FIELDS if getattr(analysis, f) != before[f]}
        assert changed <= set(SPECS[name].assigns), f"{name} changed undeclared fields {changed - set(SPECS[name].assigns)}"
    assert analysis.sentences and analysis.claims and analysis.times and analysis.places
