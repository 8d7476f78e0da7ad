"""One SQL statement per measure family: every measure of the family for every scope, period and segment.

Each function returns a `Family` (or a plain (sql, measures)): the final SQL selects
`scope_id, period_id, segment_no` and one column per measure. Person dimensions (gender, age
band, seniority band) are added by splitting the total rows (see `sql_parts.person_dim_union`).
"""

from __future__ import annotations

from sigtepunkt.analytics.engine.families.common import Family
from sigtepunkt.analytics.engine.families.events import ads, education, entries, exit_seniority, exits
from sigtepunkt.analytics.engine.families.snapshots import cohort, hours_change, stock
from sigtepunkt.analytics.engine.families.spans import absence, days

FAMILIES = (stock, days, absence, exits, exit_seniority, cohort, hours_change, entries, education, ads)

__all__ = ["FAMILIES", "Family"]
