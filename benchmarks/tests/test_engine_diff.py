"""`benchmarks.engine_diff.differences`: what counts as a changed cell between two engine versions."""

from __future__ import annotations

import datetime as dt

import polars as pl

from benchmarks.engine_diff import differences


def cells(**changes: list) -> pl.DataFrame:
    columns = {
        "figure": ["headcount", "turnover_rate", "leaver_seniority_median"],
        "unit_id": ["1000", "1000", "1010"],
        "period_kind": ["year"] * 3,
        "period_start": [dt.date(2025, 1, 1)] * 3,
        "period_end": [dt.date(2025, 12, 31)] * 3,
        "segment": ["total", "job_group", "total"],
        "segment_value": ["", "Lærere", ""],
        "value": [412.0, 16.5557, None],
        "numerator": [412.0, 779.0, None],
        "denominator": [None, 4705.319672, None],
        "n": [412, 5520, 3],
    }
    return pl.DataFrame(columns | changes)


def test_the_same_cells_do_not_differ() -> None:
    assert differences(cells(), cells()).height == 0


def test_rounding_noise_is_not_a_difference() -> None:
    assert differences(cells(denominator=[None, 4705.319672 * (1 + 1e-12), None]), cells()).height == 0


def test_a_changed_value_n_or_missing_cell_is_found() -> None:
    assert differences(cells(value=[412.0, 16.56, None]), cells())["figure"].to_list() == ["turnover_rate"]
    assert differences(cells(n=[412, 5520, 4]), cells())["figure"].to_list() == ["leaver_seniority_median"]
    assert differences(cells(numerator=[412.0, 779.0, 2.5]), cells()).height == 1  # a value where none was
    assert differences(cells().head(2), cells())["figure"].to_list() == ["leaver_seniority_median"]
