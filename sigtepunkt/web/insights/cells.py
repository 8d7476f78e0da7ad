"""Small helpers over frames of stored cells: look-ups by key, benchmark choice, outliers."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

import polars as pl

Key = tuple[str, str, dt.date, str]  # figure, unit, period start, segment value


def cell_index(cells: pl.DataFrame | list[dict]) -> dict[Key, dict]:
    """Cells by key; a frame (`cells_select`) or rows (`cell_rows`) of one period kind and segment."""
    rows = cells.iter_rows(named=True) if isinstance(cells, pl.DataFrame) else cells
    return {(r["figure"], r["unit_id"], r["period_start"], r["segment_value"]): r for r in rows}


def visible_value(cell: dict | None) -> float | None:
    """The value a screen may use in a computation: None when missing or suppressed."""
    if cell is None or cell.get("suppressed"):
        return None
    return cell.get("value")


@dataclass(frozen=True)
class Benchmark:
    set_name: str
    year: int
    value: float
    source: str
    source_url: str | None


class BenchmarkIndex:
    """The stored benchmarks grouped by figure, built once per store version (see `pages.common`).

    A page asks for the benchmark of each of its 30-odd figures; scanning the whole frame
    for each of them cost more than the rest of the page.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.by_figure: dict[str, list[dict]] = {}
        for row in frame.iter_rows(named=True):
            self.by_figure.setdefault(row["figure"], []).append(row)

    def rows(self, figure: str) -> list[dict]:
        return self.by_figure.get(figure, [])


def _bench_rows(bench: BenchmarkIndex | pl.DataFrame, figure: str) -> list[dict]:
    if isinstance(bench, BenchmarkIndex):
        return bench.rows(figure)
    return [r for r in bench.iter_rows(named=True) if r["figure"] == figure]


BENCHMARK_MAX_AGE = 5  # years


def benchmark_for(bench: BenchmarkIndex | pl.DataFrame, *, figure: str, year: int,
                  segment_value: str = "") -> Benchmark | None:
    """The benchmark of the year, or else the latest of the `BENCHMARK_MAX_AGE` years before (its year is shown).

    An older figure is not a fair comparison (definitions and levels drift), so none is shown.
    """
    rows = [r for r in _bench_rows(bench, figure)
            if year - BENCHMARK_MAX_AGE <= r["period_start"].year <= year
            and (r["segment_value"] or "") == segment_value]
    if not rows:
        return None
    best = max(rows, key=lambda r: (r["period_start"], r["set_name"]))
    return Benchmark(best["set_name"], best["period_start"].year, best["value"], best["source"], best["source_url"])


def benchmark_series(bench: BenchmarkIndex | pl.DataFrame, *, figure: str) -> tuple[str, dict[int, float]] | None:
    rows = [r for r in _bench_rows(bench, figure) if not r["segment_value"]]
    if not rows:
        return None
    set_name = sorted({r["set_name"] for r in rows})[0]
    return set_name, {r["period_start"].year: r["value"] for r in rows if r["set_name"] == set_name}


def outlier_flags(values: dict[str, float]) -> dict[str, bool]:
    """Tukey's rule: outside 1.5 interquartile ranges of the quartiles (needs at least 4 values)."""
    if len(values) < 4:
        return {k: False for k in values}
    q1, _median, q3 = statistics.quantiles(values.values(), n=4, method="inclusive")
    low, high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    return {k: not (low <= v <= high) for k, v in values.items()}
