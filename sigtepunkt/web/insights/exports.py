"""Exports of what a page shows: the cells behind it, long format, suppression kept.

CSV is written for Danish Excel (semicolon, decimal comma, UTF-8 with BOM, ISO dates);
XLSX holds numbers as numbers. A suppressed cell has no numbers, only its 'fewer than 5'.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import xlsxwriter
from django.utils.translation import gettext as _

from sigtepunkt.analytics.catalogue import get_figure
from sigtepunkt.insights.tree import UnitTree
from sigtepunkt.web.insights.figures import figure_name
from sigtepunkt.web.insights.formatting import suppressed_text

COLUMNS = ("figure", "figure_name", "unit", "unit_name", "period_kind", "period_start", "period_end", "segment",
           "segment_value", "value", "numerator", "denominator", "n", "suppressed")


def cells_of(*groups: Iterable[dict | None]) -> list[dict]:
    """Every distinct cell in the groups, in a stable order."""
    seen: dict[tuple, dict] = {}
    for group in groups:
        for c in group:
            if c is not None and "figure" in c:
                seen.setdefault((c["figure"], c["unit_id"], c["period_kind"], c["period_start"], c["segment"],
                                 c["segment_value"]), c)
    return [seen[k] for k in sorted(seen, key=lambda k: (k[0], k[1], str(k[3]), k[2], k[4], k[5]))]


def export_rows(cells: list[dict], tree: UnitTree) -> list[tuple]:
    rows = []
    for c in cells:
        unit = tree.units.get(c["unit_id"])
        hidden = bool(c["suppressed"])
        rows.append((c["figure"], figure_name(get_figure(c["figure"])), c["unit_id"], unit.name if unit else "",
                     c["period_kind"], c["period_start"].isoformat(), c["period_end"].isoformat(), c["segment"],
                     c["segment_value"], None if hidden else c["value"], None if hidden else c["numerator"],
                     None if hidden else c["denominator"], None if hidden else c["n"], hidden))
    return rows


def _danish(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return repr(round(value, 6)).replace(".", ",")
    return str(value)


def csv_bytes(rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_danish(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[tuple], *, title: str, threshold: int) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(_("Key figures")[:31])
    bold, number = book.add_format({"bold": True}), book.add_format({"num_format": "#,##0.0##"})
    sheet.write(0, 0, title, bold)
    sheet.write(1, 0, _("Aggregates only. Suppressed: groups with fewer than %(n)s persons, or hidden so that "
                        "they cannot be worked out by subtraction.") % {"n": threshold})
    for col, name in enumerate(COLUMNS):
        sheet.write(3, col, name, bold)
    for r, row in enumerate(rows, start=4):
        for col, value in enumerate(row):
            if col == 9 and row[13]:
                sheet.write_string(r, col, suppressed_text(threshold))
            elif isinstance(value, bool):
                sheet.write_string(r, col, _("yes") if value else _("no"))
            elif isinstance(value, float | int) and value is not None:
                sheet.write_number(r, col, value, number)
            elif value is not None:
                sheet.write_string(r, col, str(value))
    sheet.autofilter(3, 0, 3 + len(rows), len(COLUMNS) - 1)
    sheet.freeze_panes(4, 0)
    sheet.set_column(0, 3, 22)
    book.close()
    return buffer.getvalue()
