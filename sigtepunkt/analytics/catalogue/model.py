"""The shape of a key-figure definition: one frozen record per figure, validated on load.

A figure is computed from **measures** (shared aggregates such as "external exits in P" or
"persons present at p1"), so that figures that need the same scan share it: the engine
computes each measure family once for all units, periods and segments, and every figure is
then a cheap expression over measures. Ratios divide by NULLIF(denominator, 0): no
population gives a blank, never an error or infinity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Track(Enum):
    CROSS_CUTTING = "tvaergaaende"
    RETENTION = "fastholdelse"
    EDUCATION = "uddannelse"
    RECRUITMENT = "rekruttering"


class Aggregation(Enum):
    COUNT = "count"  # value = numerator measure (a count of persons, ads or records)
    SUM = "sum"  # value = numerator measure (e.g. FTE)
    RATIO = "ratio"  # value = scale × numerator ÷ denominator
    MEAN = "mean"  # value = numerator (a sum) ÷ denominator (a count)
    MEDIAN = "median"  # value = median of a per-item quantity; denominator = items


class Unit(Enum):
    PERSONS = "personer"
    FTE = "årsværk"
    PERCENT = "%"
    YEARS = "år"
    DAYS = "dage"
    HOURS = "timer"
    ADS = "opslag"
    RECORDS = "forløb"
    APPLICANTS = "ansøgere"


class Better(Enum):
    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Timing(Enum):
    STOCK = "stock"  # taken at p1
    FLOW = "flow"  # events or days within P
    COHORT = "cohort"  # a population followed over P (or 12 months after an event)


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class KeyFigure:
    id: str
    name_da: str
    name_en: str
    track: Track
    description_da: str
    description_en: str
    formula_da: str
    aggregation: Aggregation
    numerator: str  # measure id
    denominator: str | None  # measure id
    unit: Unit
    better: Better
    timing: Timing
    source: Source
    numerator_da: str = ""
    denominator_da: str = ""
    scale: float = 1.0
    segments: tuple[str, ...] = ()  # the figure's own segments, beyond the common ones
    period_months: int | None = None  # set when the definition holds only for periods of this length
    n: str | None = None  # measure counting the population, when neither numerator nor denominator does
    version: int = 1

    @property
    def n_measure(self) -> str:
        """The measure whose count is the cell's n: the population the figure is about."""
        if self.n:
            return self.n
        if self.aggregation in (Aggregation.COUNT, Aggregation.SUM) or self.denominator is None:
            return self.numerator
        return self.denominator

    def value_of(self, numerator: float | None, denominator: float | None) -> float | None:
        """The figure's value from its measures (medians arrive as the numerator)."""
        match self.aggregation:
            case Aggregation.COUNT | Aggregation.SUM | Aggregation.MEDIAN:
                return numerator
            case Aggregation.RATIO | Aggregation.MEAN:
                if numerator is None or not denominator:
                    return None
                return self.scale * numerator / denominator
        raise AssertionError(self.aggregation)


# Segments every figure can be split by (KEY-FIGURES.md "Segments").
COMMON_SEGMENTS = ("job_group", "leader", "age_band", "employment_type", "gender")
