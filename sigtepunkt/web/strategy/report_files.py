"""The status report as files: a print-quality PDF (WeasyPrint, A4, page numbers) and an XLSX.

The PDF is the report template rendered to HTML and laid out by WeasyPrint; it has no
JavaScript, so trends are the server-drawn SVG sparklines. Fonts are the system's DejaVu
(Debian's fonts-dejavu-core), which covers æ, ø, å and the arrows. The XLSX keeps numbers as
numbers, one column per year of the trend, with an Excel sparkline beside them.
"""

from __future__ import annotations

import io

import xlsxwriter
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_rowcol_to_cell

from sigtepunkt.web.strategy.report import Report


def report_pdf(*, report: Report, request) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which only the report needs

    html = render_to_string("strategy/report_pdf.html", {"report": report}, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


MILESTONE_COLUMNS = ("Strategy", "Track", "Objective", "Milestone", "Key figure or indicator", "Unit",
                     "Baseline year", "Baseline", "Latest period", "Latest", "Target", "Deadline", "Status", "Rule")
INITIATIVE_COLUMNS = ("Strategy", "Initiative", "Level", "Unit", "Forum", "Responsible", "Start", "End", "Status",
                      "Latest progress", "Progress", "Approvals")


def _header(sheet, row: int, names: tuple[str, ...], years: list[int], bold) -> None:
    for col, name in enumerate([_(n) for n in names] + [str(y) for y in years] + ([_("Trend")] if years else [])):
        sheet.write(row, col, name, bold)


def _value(sheet, row: int, col: int, value, fmt) -> None:
    if value is None or value == "":
        return
    if isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value))


def _milestones(book, report: Report, tree, fmt) -> None:
    sheet = book.add_worksheet(_("Milestones")[:31])
    years = sorted({p.end.year for r in report.rows for p in r.tracked.series.points})
    sheet.write(0, 0, report.title, fmt["title"])
    sheet.write(1, 0, _("Data as of %(date)s. Suppressed values (small groups) are left empty.")
                % {"date": report.data_date or "–"})
    _header(sheet, 3, MILESTONE_COLUMNS, years, fmt["bold"])
    for i, r in enumerate(report.rows, start=4):
        s, m = r.tracked.status, r.tracked.milestone
        values = [r.strategy.title, r.track, r.objective, m.title, r.measure, r.unit_name, m.baseline_year,
                  s.baseline.value if s.baseline else None, s.latest.end.isoformat() if s.latest else None,
                  s.latest.value if s.latest and s.latest.usable else None, s.target_value,
                  m.deadline.isoformat(), s.code.label, s.rule_text]
        by_year = {p.end.year: p.value for p in r.tracked.series.points if p.usable}
        values += [by_year.get(y) for y in years]
        for col, value in enumerate(values):
            _value(sheet, i, col, value, fmt["number"])
        if len(by_year) > 1:
            first = len(MILESTONE_COLUMNS)
            cells = f"{xl_rowcol_to_cell(i, first)}:{xl_rowcol_to_cell(i, first + len(years) - 1)}"
            sheet.add_sparkline(i, first + len(years), {"range": f"'{sheet.name}'!{cells}", "markers": True})
    sheet.set_column(0, 5, 28)
    sheet.set_column(12, 13, 30)
    sheet.freeze_panes(4, 0)
    sheet.autofilter(3, 0, 3 + len(report.rows), len(MILESTONE_COLUMNS) - 1)


def _initiatives(book, report: Report, tree, fmt) -> None:
    sheet = book.add_worksheet(_("Initiatives")[:31])
    _header(sheet, 0, INITIATIVE_COLUMNS, [], fmt["bold"])
    for i, x in enumerate(report.initiatives, start=1):
        latest = next(iter(x.progress.all()), None)
        unit = tree.units.get(x.unit_id)
        approvals = "; ".join(f"{a.forum.name} {a.date.isoformat()}: {a.minute}" for a in x.approvals.all())
        values = [x.strategy.title, x.title, x.get_level_display(), unit.name if unit else "",
                  x.forum.name if x.forum else "", x.responsible, x.start.isoformat() if x.start else "",
                  x.end.isoformat() if x.end else "", x.get_status_display(),
                  latest.date.isoformat() if latest else "", latest.text if latest else "", approvals]
        for col, value in enumerate(values):
            _value(sheet, i, col, value, fmt["number"])
    sheet.set_column(0, 11, 24)
    sheet.freeze_panes(1, 0)


def report_xlsx(*, report: Report, tree) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = {"bold": book.add_format({"bold": True}), "title": book.add_format({"bold": True, "font_size": 14}),
           "number": book.add_format({"num_format": "#,##0.0##"})}
    _milestones(book, report, tree, fmt)
    _initiatives(book, report, tree, fmt)
    book.close()
    return buffer.getvalue()
