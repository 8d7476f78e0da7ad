"""What one computation is about: the extract date, the periods, the segment dimensions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sigtepunkt.analytics.calendar import Period

# Segment dimensions that are attributes of the employment (filter employments like a scope)
EMPLOYMENT_DIMS = ("job_group", "leader", "employment_type")
# ... and of the person (filter persons; the total's presence is reused)
PERSON_DIMS = ("gender", "age_band", "seniority_band")
EDUCATION_DIMS = ("programme", "route", "adult", "gender", "age_band")
ALL_DIMS = tuple(dict.fromkeys((*EMPLOYMENT_DIMS, *PERSON_DIMS, *EDUCATION_DIMS)))


@dataclass(frozen=True)
class Computation:
    extract_date: dt.date
    periods: tuple[Period, ...]
    dims: tuple[str, ...] = field(default=("job_group",))
    # The organisation tree's depth (the largest distance from a unit to an ancestor): the
    # families roll their rows up the tree level by level, as many levels as it has
    # (`families.common.up_the_tree`); None: every row to every ancestor at once. Set by
    # `compute.cells_table` where a CTE read twice is computed once (DuckDB).
    tree_depth: int | None = None

    @property
    def employment_dims(self) -> tuple[str, ...]:
        return tuple(d for d in self.dims if d in EMPLOYMENT_DIMS)

    @property
    def person_dims(self) -> tuple[str, ...]:
        return tuple(d for d in self.dims if d in PERSON_DIMS)

    @property
    def x(self) -> str:
        """The extract date as a SQL literal."""
        return f"DATE '{self.extract_date.isoformat()}'"

