"""The synthetic municipality: format, integrity and calibration of the real generator's files."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from sigtepunkt.hrdata import cpr, enums, schema
from sigtepunkt.synth import GenerationSummary, generate_municipality
from sigtepunkt.synth.dates import holidays
from sigtepunkt.synth.tests import measures as m

EXTRACT = dt.date(2026, 6, 30)
HOL = holidays(2014, 2029)


@pytest.fixture(scope="module")
def town(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[GenerationSummary, dict[str, pl.DataFrame]]:
    out = tmp_path_factory.mktemp("town")
    calls: list[tuple[str, int, int]] = []
    summary = generate_municipality(
        out_dir=out,
        employees=2000,
        seed=11,
        extract_date=EXTRACT,
        progress=lambda label, done, total: calls.append((label, done, total)),
    )
    assert calls and calls[-1][1] == calls[-1][2]
    return summary, m.load(out)


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))
    }


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate_municipality(
            out_dir=tmp_path / name, employees=300, seed=seed, extract_date=EXTRACT
        )
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert (
        _digest(tmp_path / "a")["ansaettelser.csv"] != _digest(tmp_path / "c")["ansaettelser.csv"]
    )


def test_every_table_has_its_file_with_danish_headers_and_a_bom(town) -> None:
    summary, _ = town
    for table in schema.TABLES:
        path = summary.files[table.name]
        assert path.name == f"{table.file_da}.csv"
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw[3:].split(b"\r\n", 1)[0].decode()
        assert header.split(";") == [c.header_da for c in table.columns]
        assert summary.rows[table.name] == raw.count(b"\r\n") - 1 > 0


def test_values_use_danish_formats_and_vocabularies(town) -> None:
    summary, data = town
    text = summary.files["employments"].read_text("utf-8-sig")
    assert ";37,00;" in text and '""' not in text
    emp = data["employments"]
    for col, vocab in (
        ("employment_type", enums.EMPLOYMENT_TYPE),
        ("end_reason", enums.END_REASON),
    ):
        assert set(emp[col].drop_nulls()) <= {c.label_da for c in vocab.choices}
    assert set(emp["is_leader"]) == {"ja", "nej"}
    assert set(emp["end_reason"].drop_nulls()) == {c.label_da for c in enums.END_REASON.choices}
    assert set(data["absences"]["cause"]) == {c.label_da for c in enums.ABSENCE_CAUSE.choices}
    assert set(data["development_talks"]["kind"]) == {"MUS", "GRUS", "LUS"}
    assert set(data["education"]["outcome"]) == {
        c.label_da for c in enums.EDUCATION_OUTCOME.choices
    }
    assert set(data["org_units"]["level"]) == {"kommune", "center", "område", "arbejdsplads"}


def test_cpr_numbers_are_valid_unique_and_consistent(town) -> None:
    _, data = town
    people = pl.concat(
        [
            data[t].select("cpr")
            for t in (
                "employments",
                "absences",
                "education",
                "development_talks",
                "course_completions",
            )
        ]
    )
    numbers = people["cpr"].unique().to_list()
    assert all(len(c) == 10 and c.isdigit() and cpr.birth_date(c) is not None for c in numbers)
    emp = data["employments"]
    assert set(numbers) == set(emp["cpr"])  # every person in any file has an employment
    genders = [cpr.gender(c) for c in numbers]
    assert 0.6 < genders.count("K") / len(genders) < 0.9
    births = [cpr.birth_date(c) for c in numbers]
    assert min(births).year >= 1940 and max(births) <= EXTRACT - dt.timedelta(days=365 * 16)
    # One employment belongs to one person in every file.
    for table in ("employments", "absences"):
        per_emp = data[table].group_by("employment_id").agg(pl.col("cpr").n_unique())
        assert per_emp["cpr"].max() == 1


def test_referential_integrity_and_keys(town) -> None:
    _, data = town
    org, emp = data["org_units"], data["employments"]
    for table in schema.TABLES:
        frame = data[table.name]
        assert frame.select(table.key).is_duplicated().sum() == 0, table.name
    units = set(org["unit_id"])
    for table in ("employments", "job_ads", "education"):
        assert set(data[table]["unit_id"]) <= units
    assert set(org["parent_id"].drop_nulls()) <= units
    ids = set(emp["employment_id"])
    assert set(data["absences"]["employment_id"]) <= ids
    ads = data["job_ads"]
    assert set(ads["filled_by_employment_id"].drop_nulls()) <= ids
    assert set(ads["reposts_ad_id"].drop_nulls()) <= set(ads["ad_id"])


def test_spells_lie_in_valid_units_and_never_overlap(town) -> None:
    _, data = town
    org = data["org_units"].with_columns(pl.col("valid_to").fill_null(dt.date(9999, 1, 1)))
    emp = data["employments"].with_columns(pl.col("end_date").fill_null(dt.date(9999, 1, 1)))
    span = org.group_by("unit_id").agg(pl.col("valid_from").min(), pl.col("valid_to").max())
    joined = emp.join(span, on="unit_id")
    assert (
        joined.filter(
            (pl.col("start_date") < pl.col("valid_from"))
            | (pl.col("end_date") > pl.col("valid_to"))
        ).height
        == 0
    )
    ordered = emp.sort("employment_id", "start_date").with_columns(
        pl.col("end_date").shift(1).over("employment_id").alias("prev_end")
    )
    gaps = ordered.filter(pl.col("prev_end").is_not_null())
    assert gaps.height > 0  # hours changes exist
    assert (gaps["start_date"] - gaps["prev_end"]).dt.total_days().to_list() == [1] * gaps.height
    assert (
        emp.group_by("employment_id")
        .agg(pl.col("end_reason").drop_nulls().len())["end_reason"]
        .max()
        == 1
    )
    assert (
        org.filter(pl.col("valid_to") < dt.date(9999, 1, 1)).height >= 2
    )  # re-parented and closed units


def test_records_lie_within_employment_and_nothing_starts_after_extract(town) -> None:
    _, data = town
    emp = data["employments"].with_columns(pl.col("end_date").fill_null(dt.date(9999, 1, 1)))
    bounds = emp.group_by("employment_id").agg(pl.col("start_date").min(), pl.col("end_date").max())
    ab = data["absences"].join(bounds, on="employment_id")
    assert (
        ab.filter(
            (pl.col("from_date") < pl.col("start_date"))
            | (pl.col("to_date") > pl.col("end_date"))
            | (pl.col("to_date") > EXTRACT)
            | (pl.col("from_date") > pl.col("to_date"))
        ).height
        == 0
    )
    assert emp["start_date"].max() <= EXTRACT
    assert (
        emp["end_date"].filter(emp["end_date"] < dt.date(9999, 1, 1)).max() > EXTRACT
    )  # fixed-term
    for table, col in (
        ("development_talks", "talk_date"),
        ("course_completions", "completed_on"),
        ("job_ads", "published"),
        ("education", "start_date"),
    ):
        assert data[table][col].max() <= EXTRACT
    ads = data["job_ads"]
    assert (ads["deadline"] >= ads["published"]).all()
    filled = ads.filter(pl.col("filled_by_employment_id").is_not_null()).join(
        bounds, left_on="filled_by_employment_id", right_on="employment_id"
    )
    assert (filled["start_date"] > filled["published"]).all()
    for table, col in (("development_talks", "talk_date"), ("course_completions", "completed_on")):
        dated = (
            data[table]
            .join(emp, on="cpr")
            .filter((pl.col(col) >= pl.col("start_date")) & (pl.col(col) <= pl.col("end_date")))
        )
        assert (
            dated.select("cpr", col).unique().height
            == data[table].select("cpr", col).unique().height
        )


def test_calibration_at_2000(town) -> None:
    summary, data = town
    emp, ab = data["employments"], data["absences"]
    head = m.headcount(emp, EXTRACT)
    assert head == summary.employees_at_extract and 1800 <= head <= 2200
    ages = m.ages(emp, EXTRACT)
    assert 40 <= ages.mean() <= 48 and 0.08 <= (ages >= 60).mean() <= 0.18
    assert 10 <= m.turnover(emp, EXTRACT) <= 25
    for year in (2018, 2023, 2025):
        assert 4 <= m.sickness_rate(emp, ab, year, HOL) <= 9
    assert 0.2 <= m.part_time_share(emp, EXTRACT) <= 0.6
    assert 0.02 <= m.apprentices_active(data["education"], EXTRACT) / head <= 0.06
    leaders = m.present(emp, EXTRACT).filter(pl.col("is_leader") == "ja")["cpr"].n_unique()
    assert 0.04 <= leaders / head <= 0.08
    assert m.top5_share(ab, HOL) >= 0.25


def test_history_has_moves_rehires_and_concurrent_jobs(town) -> None:
    _, data = town
    emp = data["employments"]
    reasons = emp["end_reason"].drop_nulls().value_counts().sort("count", descending=True)
    assert reasons["end_reason"][0] == "egen opsigelse"
    per_person = emp.group_by("cpr").agg(pl.col("employment_id").n_unique().alias("n"))
    assert (per_person["n"] > 1).sum() > 100
    now = emp.filter(
        (pl.col("start_date") <= EXTRACT)
        & (pl.col("end_date").is_null() | (pl.col("end_date") >= EXTRACT))
    )
    concurrent = now.group_by("cpr").agg(pl.col("employment_id").n_unique().alias("n"))
    assert 0.005 <= (concurrent["n"] > 1).mean() <= 0.05
    edu = data["education"]
    hired = (
        edu.filter(pl.col("outcome") == "gennemført")
        .join(emp.filter(pl.col("employment_type").is_in(m.ORDINARY)), on="cpr")
        .filter(
            (pl.col("start_date_right") > pl.col("actual_end"))
            & (pl.col("start_date_right") <= pl.col("actual_end") + pl.duration(days=366))
        )
    )
    assert hired["cpr"].n_unique() > 10
    drop = (
        edu.filter(pl.col("programme").str.starts_with("Social"))
        .select((pl.col("outcome") == "afbrudt").sum() / (pl.col("outcome") != "i gang").sum())
        .item()
    )
    assert 0.15 <= drop <= 0.45
    ads = data["job_ads"]
    assert 0.1 <= ads["reposts_ad_id"].is_not_null().mean() <= 0.5
    assert ads.filter(pl.col("deadline") > EXTRACT).height > 0


def test_cp1252_output_decodes_and_keeps_danish_letters(tmp_path: Path) -> None:
    summary = generate_municipality(
        out_dir=tmp_path, employees=300, seed=3, extract_date=EXTRACT, encoding="cp1252"
    )
    raw = summary.files["org_units"].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252")
    assert all(ch in text for ch in "æøå")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert m.load(tmp_path, "cp1252")["employments"].height == summary.rows["employments"]


def test_several_municipalities_sit_under_regions_and_denmark(tmp_path: Path) -> None:
    summary = generate_municipality(
        out_dir=tmp_path, employees=3000, seed=2, extract_date=EXTRACT, municipalities=6
    )
    org = m.read(summary.files["org_units"])
    levels = org["level"].value_counts()
    assert dict(zip(levels["level"], levels["count"], strict=True))["kommune"] == 6
    assert org.filter(pl.col("level") == "land").height == 1
    assert org.filter(pl.col("level") == "region").height == 5
    emp = m.read(summary.files["employments"])
    assert emp["employment_id"].n_unique() == emp.select("employment_id").unique().height
    assert np.isclose(summary.employees_at_extract, 3000, rtol=0.12)
