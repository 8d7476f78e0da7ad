"""`oracle_cell`: one key figure for one unit, period and segment, from the oracle's measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from sigtepunkt.analytics.catalogue import figure_segments, get_figure
from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID
from sigtepunkt.analytics.tests.oracle.measures import MEASURE_FUNCTIONS, Measured
from sigtepunkt.analytics.tests.oracle.presence import Cell
from sigtepunkt.analytics.tests.oracle.warehouse import Warehouse


@dataclass(frozen=True)
class OracleResult:
    value: float | None
    numerator: float | None
    denominator: float | None
    n: int


def _float(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _n(measure_id: str, measured: Measured) -> int:
    return len(measured.persons) if MEASURES_BY_ID[measure_id].counts_persons else len(measured.items)


def oracle_cell(data: Warehouse, *, figure_id: str, unit_id: str, p0: dt.date, p1: dt.date, extract_date: dt.date,
                segment: str = "total", segment_value: str = "") -> OracleResult:
    figure = get_figure(figure_id)
    if (segment == "total") != (segment_value == "") or (segment != "total" and segment not in figure_segments(figure)):
        raise ValueError(f"{figure_id} has no segment {segment!r}={segment_value!r}")
    cell = Cell(data, unit_id=unit_id, p0=p0, p1=p1, extract_date=extract_date, segment=segment,
                segment_value=segment_value)
    numerator = MEASURE_FUNCTIONS[figure.numerator](cell)
    denominator = MEASURE_FUNCTIONS[figure.denominator](cell) if figure.denominator else None
    n_measured = MEASURE_FUNCTIONS[figure.n_measure](cell)
    num, den = _float(numerator.value), None if denominator is None else _float(denominator.value)
    return OracleResult(figure.value_of(num, den), num, den, _n(figure.n_measure, n_measured))
