"""Every example strategy loads, validates against the synthetic municipality's units and round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sigtepunkt.strategy.document import (
    OrgUnit,
    strategy_document_dump,
    strategy_document_load,
    strategy_document_parse,
)
from sigtepunkt.strategy.external import external_load
from sigtepunkt.synth.orgtree import IdCounter, build_municipality

EXAMPLES = Path(__file__).parents[1] / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))


def synthetic_units(staff: int) -> list[OrgUnit]:
    """Eksempel Kommune's units as the generator builds them (names depend on the size, not the seed)."""
    muni = build_municipality(index=0, name="Eksempel Kommune", parent=None, staff=staff,
                              rng=np.random.Generator(np.random.PCG64(1)), ids=IdCounter(1000), base_day=0,
                              extract_day=4000)
    return [OrgUnit(uid, name, level, parent) for uid, parent, name, level, _start, _end in muni.units]


def test_there_are_four_examples() -> None:
    assert [f.name for f in FILES] == ["direktion.yaml", "fastholdelse-uddannelse-rekruttering.yaml",
                                       "med-strategi.yaml", "strategiske-udfordringer.yaml"]


@pytest.mark.parametrize("staff", [600, 2000])
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_each_example_loads_without_problems_and_resolves_its_units(path: Path, staff: int) -> None:
    units = synthetic_units(staff)
    document = strategy_document_load(path=path, units=units)
    _, problems = strategy_document_parse(text=path.read_text(encoding="utf-8"), file=path.name, units=units)
    assert [p.text for p in problems] == []
    ids = {u.unit_id for u in units}
    refs = [f.unit for f in document.forums] + [x.unit for x in document.initiatives] + \
        [m.measured.unit for _t, _o, m in document.milestones() if m.measured]
    assert all(r.unit_id in ids for r in refs if r is not None)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_each_example_round_trips_through_yaml_and_json(path: Path) -> None:
    document = strategy_document_load(path=path)
    for fmt, name in (("yaml", "x.yaml"), ("json", "x.json")):
        text = strategy_document_dump(document=document, fmt=fmt)
        again, problems = strategy_document_parse(text=text, file=name)
        assert again == document, [p.text for p in problems]
        assert strategy_document_dump(document=again, fmt=fmt) == text


def test_the_indicator_milestones_name_series_in_the_example_statbank_files() -> None:
    series = [s for csv in EXAMPLES.glob("*.csv") for s in external_load(path=csv)]
    keys = {(s.table_id, s.area, s.labels) for s in series}
    document = strategy_document_load(path=EXAMPLES / "strategiske-udfordringer.yaml")
    indicators = [m.measured.indicator for _t, _o, m in document.milestones() if m.measured and m.measured.indicator]
    assert indicators
    for ref in indicators:
        assert (ref.table, ref.area, ref.labels) in keys


def test_the_examples_validate_against_the_published_json_schema() -> None:
    import jsonschema_rs  # comes with schemathesis (test extra); a missing validator fails, never skips
    schema = json.loads((Path(__file__).parents[3] / "docs" / "schemas" / "strategy.schema.json").read_text())
    validator = jsonschema_rs.validator_for(schema)
    for path in FILES:
        data = json.loads(strategy_document_dump(document=strategy_document_load(path=path), fmt="json"))
        assert validator.is_valid(data), list(validator.iter_errors(data))[:3]
