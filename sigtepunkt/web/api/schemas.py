"""What the API answers and accepts, as pydantic schemas: the OpenAPI document is generated from these.

Names are English and stable (they are the columns Excel and Power BI keep); dates are ISO
8601. A suppressed cell has `suppressed: true` and null value, numerator, denominator and n.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Literal

from ninja import Field, Schema

from sigtepunkt.analytics.catalogue import FIGURES, figure_segments

logger = logging.getLogger(__name__)

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1_000
MAX_OFFSET = 1_000_000_000  # beyond any store; keeps the bound value inside DuckDB's BIGINT
EXAMPLE_FIGURE = "sickness_absence_rate"

FigureId = Literal[tuple(f.id for f in FIGURES)]  # type: ignore[valid-type]
SegmentName = Literal[("total", *sorted({s for f in FIGURES for s in figure_segments(f)}))]  # type: ignore[valid-type]
PeriodKind = Literal["year", "quarter", "month", "rolling12"]
Track = Literal["tvaergaaende", "fastholdelse", "uddannelse", "rekruttering"]


class ErrorItem(Schema):
    parameter: str = Field(description="The query parameter that was not accepted.", examples=["period_kind"])
    message: str = Field(description="Why, in the caller's language.")


class ErrorOut(Schema):
    """Every answer other than 200: a sentence for a person, and for 422 the parameters at fault."""

    detail: str = Field(description="What went wrong, in Danish (or English if chosen on the site).")
    errors: list[ErrorItem] = Field(default_factory=list, description="For 422: one entry per invalid parameter.")

    model_config = {"json_schema_extra": {"examples": [{"detail": "Du har ikke adgang til enheden 1001.",
                                                       "errors": []}]}}


class SourceOut(Schema):
    name: str = Field(description="The official definition the figure follows (FLIS, KRL, an agreement).")
    url: str | None = Field(description="Where that definition is published.")


class FigureOut(Schema):
    """One key figure of the catalogue, defined once, as the municipal statistics define it."""

    id: str = Field(description="Stable id, never renamed: use it in the figure filter.", examples=[EXAMPLE_FIGURE])
    name_da: str = Field(examples=["Sygefraværsprocent"])
    name_en: str = Field(examples=["Sickness absence rate"])
    description_da: str
    description_en: str
    formula: str = Field(description="The formula in Danish, as shown on the figure's page.",
                         examples=["100 × sygefraværstimer ÷ planlagte timer"])
    numerator: str = Field(description="What the numerator counts (Danish); empty for counts.")
    denominator: str = Field(description="What the denominator counts (Danish); empty when there is none.")
    unit: str = Field(description="The unit of the value (Danish): %, personer, årsværk, dage, år, …",
                      examples=["%"])
    better: Literal["higher", "lower", "neutral"] = Field(description="Which way is better.")
    track: Track = Field(description="The strategy track the figure belongs to.")
    source: SourceOut
    version: int = Field(description="Bumped whenever the formula changes.", examples=[1])
    segments: list[str] = Field(description="The segments the figure is split by, beside 'total'.",
                                examples=[["job_group", "leader", "age_band"]])


class UnitOut(Schema):
    """A unit of the organisation tree that the caller may see (its latest validity row)."""

    id: str = Field(examples=["1001"])
    name: str = Field(examples=["Center for Sundhed og Omsorg"])
    level: str = Field(description="region, municipality, centre, area or workplace.", examples=["centre"])
    parent: str | None = Field(description="The parent unit's id; null at the top.", examples=["1000"])
    valid_from: dt.date = Field(examples=["1981-01-01"])
    valid_to: dt.date | None = Field(description="Null while the unit exists.", examples=[None])


class MeasurementOut(Schema):
    """One cell: a figure for a unit (with its sub-units), a period and a segment value."""

    figure: str = Field(examples=[EXAMPLE_FIGURE])
    unit: str = Field(examples=["1001"])
    unit_name: str | None = Field(examples=["Center for Sundhed og Omsorg"])
    period_kind: PeriodKind
    period_start: dt.date = Field(examples=["2025-01-01"])
    period_end: dt.date = Field(description="Inclusive.", examples=["2025-12-31"])
    segment: str = Field(description="'total', or the dimension the cell is split by.", examples=["total"])
    segment_value: str = Field(description="Empty for the total; else e.g. '25-34' or 'Sygeplejersker'.",
                               examples=[""])
    value: float | None = Field(description="Null when suppressed or when there is no population.",
                                examples=[5.28])
    numerator: float | None = Field(examples=[54330.8])
    denominator: float | None = Field(examples=[1028094.4])
    n: int | None = Field(description="The group size (persons) behind the cell; null when suppressed.",
                          examples=[729])
    suppressed: bool = Field(description="True when the group is below the threshold, or hidden so that it cannot "
                                         "be worked out by subtraction: then every number is null.")
    data_version: str = Field(description="The import the cell was computed from.", examples=["import-1"])


class MeasurementPage(Schema):
    total: int = Field(description="How many cells match the filters in all.", examples=[20])
    limit: int = Field(examples=[DEFAULT_LIMIT])
    offset: int = Field(examples=[0])
    next: str | None = Field(description="The URL of the next page; null on the last page.", examples=[None])
    results: list[MeasurementOut]


class BenchmarkOut(Schema):
    """A published comparison value (e.g. the national average), never suppressed."""

    set_name: str = Field(examples=["Landsgennemsnit, kommuner"])
    figure: str = Field(examples=["sickness_absence_days_per_fte"])
    period_kind: str = Field(examples=["year"])
    period_start: dt.date = Field(examples=["2023-01-01"])
    period_end: dt.date = Field(examples=["2023-12-31"])
    segment: str = Field(examples=["total"])
    segment_value: str = Field(examples=[""])
    value: float = Field(examples=[14.6])
    source: str = Field(description="Who published the value.", examples=["KRL"])
    source_url: str | None = None
    note: str | None = None


class MetaOut(Schema):
    """The facts of the data everything else is computed from."""

    extract_date: dt.date = Field(description="The date of the HR extract.", examples=["2026-10-31"])
    data_version: str = Field(examples=["import-1"])
    computed_at: dt.datetime = Field(description="When the figures were computed (UTC).",
                                     examples=["2026-11-01T02:00:00Z"])
    suppression_threshold: int = Field(description="Groups smaller than this are suppressed.", examples=[5])


class MeasurementFilters(Schema):
    figure: list[FigureId] | None = Field(None, description="Key figure id; repeat for several.",
                                          examples=[[EXAMPLE_FIGURE]])
    unit: list[str] | None = Field(None, description="Unit id; repeat for several. Without it: every unit you may "
                                                     "see. A unit outside your access gives 403.",
                                   examples=[["1001"]])
    include_subunits: bool = Field(False, description="With unit: also every unit below it.")
    period_kind: PeriodKind | None = Field(None, description="year, quarter, month or rolling12.")
    period_start_from: dt.date | None = Field(None, description="Periods starting on or after this date.",
                                              examples=["2020-01-01"])
    period_start_to: dt.date | None = Field(None, description="Periods starting on or before this date.",
                                            examples=["2025-12-31"])
    segment: SegmentName | None = Field(None, description="'total' for the whole unit, or a split such as "
                                                          "job_group or age_band. Without it: every segment.")
    segment_value: list[str] | None = Field(None, description="A value of the segment, e.g. '25-34'; repeatable.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip; follow `next` instead of counting.")


class BenchmarkFilters(Schema):
    figure: list[FigureId] | None = Field(None, description="Key figure id; repeat for several.")
    period_kind: PeriodKind | None = Field(None, description="year, quarter, month or rolling12.")
