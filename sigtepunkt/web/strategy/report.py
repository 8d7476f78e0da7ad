"""The status report of a strategy or a forum: what the HR analyst takes to Økonomiudvalget or Hoved-MED.

One builder feeds the web page, the PDF and the XLSX, so the three always say the same:
milestones with baseline → latest → target, the status and its rule, the trend; initiatives
with their latest progress and the forums' approvals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights.figures import figure_name
from sigtepunkt.web.strategy import selectors
from sigtepunkt.web.strategy.models import Forum, Initiative, Strategy
from sigtepunkt.web.strategy.selectors import STATUS_ORDER, StrategyView, strategy_tracked
from sigtepunkt.web.strategy.sparkline import sparkline_svg
from sigtepunkt.web.strategy.tracking import Tracked


@dataclass(frozen=True)
class ReportRow:
    strategy: Strategy
    track: str
    objective: str
    tracked: Tracked
    measure: str  # the key figure's name, the indicator, or "" for a deliverable
    unit_name: str
    svg: str


@dataclass
class Report:
    title: str
    subtitle: str
    forum: Forum | None
    period_start: dt.date | None
    period_end: dt.date | None
    data_date: str
    strategies: list[StrategyView]
    rows: list[ReportRow]
    initiatives: list[Initiative]
    counts: list = field(default_factory=list)
    made: dt.date = field(default_factory=dt.date.today)


def _measure(t: Tracked) -> str:
    m = t.milestone
    if m.figure_id:
        figure = FIGURES_BY_ID.get(m.figure_id)
        return figure_name(figure) if figure else m.figure_id
    if m.indicator_table:
        return ", ".join([m.indicator_table, m.indicator_area, *(p[1] for p in m.indicator_labels)])
    return ""


def _rows(views: list[StrategyView], tree) -> list[ReportRow]:
    rows = []
    for view in views:
        for tv in view.tracks:
            for objective, tracked in tv.objectives:
                for t in tracked:
                    unit = tree.units.get(t.milestone.unit_id)
                    rows.append(ReportRow(view.strategy, tv.track.title, objective.title, t, _measure(t),
                                          unit.name if unit else "", sparkline_svg(t, label=t.milestone.title[:60])))
    return rows


def _counts(rows: list[ReportRow]) -> list:
    found = Counter(r.tracked.status.code for r in rows)
    return [(code, found.get(code, 0)) for code in STATUS_ORDER]


def strategy_report(*, strategy: Strategy, tree) -> Report:
    view = strategy_tracked(strategy=strategy)
    rows = _rows([view], tree)
    return Report(strategy.title, strategy.purpose, strategy.owner_forum, strategy.period_start,
                  strategy.period_end, selectors.store_choices().extract_date, [view], rows, view.initiatives,
                  _counts(rows))


def forum_report(*, forum: Forum, access: Access, tree) -> Report:
    """The strategies the forum owns and the initiatives it follows, as far as the user may see them."""
    views = [strategy_tracked(strategy=s) for s in selectors.forum_strategies(forum=forum, access=access)]
    rows = _rows(views, tree)
    starts = [v.strategy.period_start for v in views]
    ends = [v.strategy.period_end for v in views]
    return Report(forum.name, "", forum, min(starts, default=None), max(ends, default=None),
                  selectors.store_choices().extract_date, views, rows,
                  selectors.forum_initiatives(forum=forum, access=access), _counts(rows))
