"""The strategy file: a minimal document, and a located Danish problem for each kind of mistake."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from sigtepunkt.i18n import activate
from sigtepunkt.strategy.document import (
    Code,
    OrgUnit,
    StrategyRejected,
    strategy_document_dump,
    strategy_document_load,
    strategy_document_parse,
    strategy_schema,
)
from sigtepunkt.strategy.document.model import InitiativeStatus, Level
from sigtepunkt.strategy.targets import Direction, TargetKind

UNITS = [OrgUnit("1000", "Eksempel Kommune", "municipality"), OrgUnit("1001", "Center for Sundhed og Omsorg", "centre",
                                                                      "1000"),
         OrgUnit("1006", "Hjemmeplejen Nord", "workplace", "1005"), OrgUnit("2006", "Hjemmeplejen Nord", "workplace",
                                                                           "2005")]

MINIMAL = """
format: sigtepunkt-strategy/1
strategy: {key: s, title: Strategi, owner_forum: hmed, period: {start: 2025-01-01, end: 2027-12-31}}
forums: [{key: hmed, name: Hoved-MED, kind: med_committee, unit: kommune}]
tracks:
  - key: t
    title: Arbejdsmiljø
    kind: focus_area
    objectives:
      - key: o
        title: Lavere sygefravær
        milestones:
          - key: m
            title: Højst 5,5 %
            measured:
              figure: sickness_absence_rate
              unit: Center for Sundhed og Omsorg
              baseline_year: 2024
              target: {kind: value, value: 5.5}
              deadline: 2027-12-31
          - {key: d, title: Politik vedtaget, deliverable: {due: 2025-06-30}}
initiatives:
  - key: i
    title: Tidlig dialog
    tracks: [t]
    milestones: [m]
    level: centre
    forum: hmed
    status: in_progress
    progress: [{date: 2025-03-01, text: Startet}]
    approvals: [{forum: hmed, date: 2025-03-10, minute: Godkendt}]
"""


@pytest.fixture(autouse=True)
def danish() -> None:
    activate("da")


def _data() -> dict:
    return yaml.safe_load(MINIMAL)


def _problems(data: dict | str, file: str = "s.yaml", units: list[OrgUnit] | None = UNITS) -> list:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    document, problems = strategy_document_parse(text=text, file=file, units=units)
    if any(not p.is_warning for p in problems):
        assert document is None  # all or nothing
    return problems


def _only(problems: list, code: Code) -> tuple:
    found = [p for p in problems if p.code is code]
    assert found, [(p.code, p.column, p.text) for p in problems]
    assert "{" not in found[0].text and found[0].text
    return found[0].column, found[0].value


def test_it_reads_a_minimal_document_and_resolves_unit_names_to_ids() -> None:
    document, problems = strategy_document_parse(text=MINIMAL, units=UNITS)
    assert problems == [] and document is not None
    milestone = document.tracks[0].objectives[0].milestones[0]
    assert milestone.measured.unit.unit_id == "1001" and document.forums[0].unit.unit_id == "1000"
    assert milestone.measured.target.kind is TargetKind.VALUE and milestone.measured.deadline == dt.date(2027, 12, 31)
    initiative = document.initiatives[0]
    assert (initiative.level, initiative.status) == (Level.CENTRE, InitiativeStatus.IN_PROGRESS)
    assert document.tracks[0].objectives[0].milestones[1].deliverable.due == dt.date(2025, 6, 30)


def test_it_reads_the_same_document_from_json() -> None:
    yaml_doc, _ = strategy_document_parse(text=MINIMAL)
    json_doc, problems = strategy_document_parse(text=json.dumps(_data(), default=str), file="s.json")
    assert problems == [] and json_doc == yaml_doc
    assert strategy_document_dump(document=json_doc, fmt="json") == strategy_document_dump(document=yaml_doc,
                                                                                          fmt="json")


def _milestone(data: dict) -> dict:
    return data["tracks"][0]["objectives"][0]["milestones"][0]


M = "tracks[0].objectives[0].milestones[0]"


def test_unknown_figure() -> None:
    data = _data()
    _milestone(data)["measured"]["figure"] = "sygefravaer"
    assert _only(_problems(data), Code.UNKNOWN_FIGURE) == (f"{M}.measured.figure", "sygefravaer")


def test_unknown_status_lists_the_allowed_ones() -> None:
    data = _data()
    data["initiatives"][0]["status"] = "igang"
    problems = _problems(data)
    assert _only(problems, Code.UNKNOWN_CHOICE) == ("initiatives[0].status", "igang")
    assert "in_progress" in problems[0].text and "anchored" in problems[0].text


def test_deadline_before_the_period_is_an_error_and_after_it_a_warning() -> None:
    data = _data()
    _milestone(data)["measured"]["deadline"] = dt.date(2024, 12, 31)
    assert _only(_problems(data), Code.DATE_BEFORE_PERIOD)[0] == f"{M}.measured.deadline"
    data = _data()
    _milestone(data)["measured"]["deadline"] = dt.date(2028, 6, 30)
    problems = _problems(data)
    assert [p.code for p in problems] == [Code.DATE_AFTER_PERIOD] and problems[0].is_warning


def test_duplicate_keys_say_where_the_first_one_is() -> None:
    data = _data()
    data["tracks"][0]["objectives"][0]["milestones"][1]["key"] = "m"
    problems = _problems(data)
    assert _only(problems, Code.DUPLICATE_KEY) == ("tracks[0].objectives[0].milestones[1].key", "m")
    assert M in problems[0].text


def test_a_key_written_twice_in_one_mapping() -> None:
    text = MINIMAL.replace("title: Strategi,", "title: Strategi, title: Igen,")
    problems = _problems(text)
    assert [p.code for p in problems] == [Code.DUPLICATE_MAPPING_KEY] and problems[0].value == "title"


def test_references_to_unknown_tracks_milestones_and_forums() -> None:
    data = _data()
    data["initiatives"][0].update(tracks=["x"], milestones=["y"], forum="z")
    data["initiatives"][0]["approvals"][0]["forum"] = "w"
    data["strategy"]["owner_forum"] = "v"
    problems = _problems(data)
    assert sorted(p.column for p in problems if p.code is Code.UNKNOWN_REFERENCE) == [
        "initiatives[0].approvals[0].forum", "initiatives[0].forum", "initiatives[0].milestones[0]",
        "initiatives[0].tracks[0]", "strategy.owner_forum"]


def test_unknown_and_ambiguous_units() -> None:
    data = _data()
    _milestone(data)["measured"]["unit"] = "Center for Sundhed"
    assert _only(_problems(data), Code.UNKNOWN_UNIT) == (f"{M}.measured.unit", "Center for Sundhed")
    _milestone(data)["measured"]["unit"] = "Hjemmeplejen Nord"
    problems = _problems(data)
    assert _only(problems, Code.AMBIGUOUS_UNIT)[1] == "Hjemmeplejen Nord" and "1006, 2006" in problems[0].text
    _milestone(data)["measured"]["unit"] = "2006"  # the id settles it
    assert _problems(data) == []


def test_units_are_kept_as_written_when_no_unit_list_is_given() -> None:
    document, problems = strategy_document_parse(text=MINIMAL)
    assert problems == [] and document.forums[0].unit.text == "kommune" and document.forums[0].unit.unit_id is None


@pytest.mark.parametrize(("kind", "field"), [("value", "value"), ("benchmark", "benchmark_set"),
                                             ("relative", "reference_year")])
def test_each_target_kind_needs_its_field(kind: str, field: str) -> None:
    data = _data()
    _milestone(data)["measured"]["target"] = {"kind": kind}
    assert _only(_problems(data), Code.TARGET_FIELD_MISSING) == (f"{M}.measured.target.{field}", kind)


def test_a_milestone_is_either_measured_or_a_deliverable() -> None:
    data = _data()
    _milestone(data)["deliverable"] = {"due": dt.date(2025, 6, 30)}
    assert _only(_problems(data), Code.ONE_OF)[0] == M


def test_a_neutral_figure_and_an_indicator_need_a_direction() -> None:
    data = _data()
    _milestone(data)["measured"]["figure"] = "headcount"
    assert _only(_problems(data), Code.DIRECTION_NEEDED)[0] == f"{M}.measured.direction"
    _milestone(data)["measured"]["direction"] = "higher"
    assert _problems(data) == []
    del _milestone(data)["measured"]["figure"]
    _milestone(data)["measured"]["indicator"] = {"table": "EKSUNG1", "labels": {"ALDER": "16-24 år"}}
    assert _problems(data) == []
    document, _ = strategy_document_parse(text=yaml.safe_dump(data, allow_unicode=True))
    assert document.tracks[0].objectives[0].milestones[0].measured.direction is Direction.HIGHER


def test_segments_must_belong_to_the_figure() -> None:
    data = _data()
    _milestone(data)["measured"]["segment"] = {"dimension": "programme", "value": "SOSU"}
    assert _only(_problems(data), Code.UNKNOWN_SEGMENT)[0] == f"{M}.measured.segment.dimension"
    _milestone(data)["measured"]["segment"] = {"dimension": "job_group"}
    assert _only(_problems(data), Code.REQUIRED)[0] == f"{M}.measured.segment.value"


def test_shape_mistakes_bad_dates_wrong_types_missing_fields_and_unknown_fields() -> None:
    data = _data()
    data["strategy"]["period"]["start"] = "1. januar 2025"
    data["tracks"][0]["title"] = ["a", "list"]
    del data["tracks"][0]["kind"]
    data["tracks"][0]["farve"] = "blå"
    problems = _problems(data)
    assert _only(problems, Code.BAD_DATE) == ("strategy.period.start", "1. januar 2025")
    assert _only(problems, Code.WRONG_TYPE)[0] == "tracks[0].title"
    assert _only(problems, Code.REQUIRED)[0] == "tracks[0].kind"
    unknown = next(p for p in problems if p.code is Code.UNKNOWN_FIELD)
    assert unknown.is_warning and unknown.value == "farve"


def test_dates_and_periods_in_order() -> None:
    data = _data()
    data["strategy"]["period"]["end"] = dt.date(2024, 1, 1)
    _milestone(data)["measured"]["baseline_year"] = 2030
    data["initiatives"][0].update(start=dt.date(2025, 5, 1), end=dt.date(2025, 4, 1))
    problems = _problems(data)
    assert _only(problems, Code.PERIOD_REVERSED)[0] == "strategy.period.end"
    assert _only(problems, Code.BASELINE_AFTER_DEADLINE)[0] == f"{M}.measured.baseline_year"
    assert "initiatives[0].end" in [p.column for p in problems if p.code is Code.PERIOD_REVERSED]


def test_syntax_errors_and_unknown_formats() -> None:
    problems = _problems("strategy: [unclosed")
    assert [p.code for p in problems] == [Code.SYNTAX] and problems[0].row == 1
    data = _data()
    data["format"] = "strategi/9"
    assert _only(_problems(data), Code.UNKNOWN_FORMAT) == ("format", "strategi/9")


def test_load_raises_with_every_problem_and_the_problem_says_where(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.replace("sickness_absence_rate", "x").replace("in_progress", "y"), encoding="utf-8")
    with pytest.raises(StrategyRejected) as caught:
        strategy_document_load(path=path, units=UNITS)
    assert {p.code for p in caught.value.problems} == {Code.UNKNOWN_FIGURE, Code.UNKNOWN_CHOICE}
    assert caught.value.problems[0].where.startswith("s.yaml, ")


def test_the_published_schema_is_generated_from_the_model() -> None:
    published = Path(__file__).parents[3] / "docs" / "schemas" / "strategy.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == strategy_schema()
