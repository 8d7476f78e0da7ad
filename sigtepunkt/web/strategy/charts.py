"""A milestone's course as a chart: its series, the benchmark when it is the target, and the target."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sigtepunkt.web.insights import charts
from sigtepunkt.web.insights.figures import english
from sigtepunkt.web.strategy.tracking import Tracked


def milestone_chart(tracked: Tracked) -> dict:
    rows = [{"period": str(p.end.year), "series": _("Measured"), "value": p.value}
            for p in tracked.series.points if p.usable]
    if tracked.benchmark:
        rows += [{"period": str(p.end.year), "series": tracked.milestone.benchmark_set, "value": p.value}
                 for p in tracked.benchmark.points if p.usable]
    target = tracked.status.target_value
    if target is not None and rows:
        rows += [{"period": period, "series": _("Target"), "value": target}
                 for period in sorted({r["period"] for r in rows})]
    return charts.line_chart(rows, title=tracked.milestone.title[:80], y_title="", danish=not english())
