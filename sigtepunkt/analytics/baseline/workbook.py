"""Write the baseline (startmåling) workbook with xlsxwriter: numeric cells, Danish-readable formats.

Numbers are written as numbers with a cell format (`#,##0.0`), so a Danish Excel shows
"1.234,5" and can still compute; suppressed cells are the text "færre end N" and never a
number. Sheets: a front sheet, one per track, the benchmarks used, and the definitions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from sigtepunkt.analytics.baseline.selectors import JOB_GROUP, BaselineData, Cell, OrgUnit
from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.catalogue.model import Better, KeyFigure, Track, Unit
from sigtepunkt.i18n import gettext as _
from sigtepunkt.i18n import language

logger = logging.getLogger(__name__)

COUNT_UNITS = (Unit.PERSONS, Unit.ADS, Unit.RECORDS, Unit.APPLICANTS)
HEADER_ROW = 3  # title, data line, blank, then the header


def track_title(track: Track) -> str:
    return {
        Track.CROSS_CUTTING: _("Cross-cutting"), Track.RETENTION: _("Retention"),
        Track.EDUCATION: _("Education"), Track.RECRUITMENT: _("Recruitment"),
    }[track]


def better_label(better: Better) -> str:
    return {Better.HIGHER: _("higher is better"), Better.LOWER: _("lower is better"),
            Better.NEUTRAL: _("neither higher nor lower is better")}[better]


def figure_name(figure: KeyFigure) -> str:
    return figure.name_da if language() == "da" else figure.name_en


def figure_description(figure: KeyFigure) -> str:
    return figure.description_da if language() == "da" else figure.description_en


@dataclass
class Formats:
    title: Any
    subtitle: Any
    header: Any
    text: Any
    wrap: Any
    bold: Any
    whole: Any
    decimal: Any
    change: Any
    change_whole: Any
    year: Any
    suppressed: Any
    date: Any

    @classmethod
    def create(cls, book: xlsxwriter.Workbook) -> Formats:
        header = {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "top"}
        return cls(
            title=book.add_format({"bold": True, "font_size": 14}),
            subtitle=book.add_format({"italic": True, "font_color": "#444444"}),
            header=book.add_format(header),
            text=book.add_format({"valign": "top"}),
            wrap=book.add_format({"text_wrap": True, "valign": "top"}),
            bold=book.add_format({"bold": True, "valign": "top"}),
            whole=book.add_format({"num_format": "#,##0", "valign": "top"}),
            decimal=book.add_format({"num_format": "#,##0.0", "valign": "top"}),
            change=book.add_format({"num_format": "+#,##0.0;-#,##0.0;0.0", "valign": "top"}),
            change_whole=book.add_format({"num_format": "+#,##0;-#,##0;0", "valign": "top"}),
            year=book.add_format({"num_format": "0", "valign": "top"}),
            suppressed=book.add_format({"italic": True, "font_color": "#7F7F7F", "align": "right", "valign": "top"}),
            date=book.add_format({"num_format": "dd-mm-yyyy", "align": "left"}),
        )


def baseline_write(data: BaselineData, path: Path) -> dict[str, int]:
    """Write the workbook to `path`; return the number of data rows on each track sheet."""
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"title": _title(data), "subject": _("Baseline"), "author": "sigtepunkt"})
    formats = Formats.create(book)
    front = book.add_worksheet(_("About the baseline"))
    rows: dict[str, int] = {}
    for track in Track:
        sheet = book.add_worksheet(track_title(track))
        rows[sheet.name] = _write_track(sheet, formats, data, [f for f in FIGURES if f.track is track])
    _write_benchmarks(book.add_worksheet(_("Benchmarks")), formats, data)
    _write_definitions(book.add_worksheet(_("Definitions")), formats)
    _write_front(front, formats, data)
    front.activate()
    book.close()
    return rows


def _title(data: BaselineData) -> str:
    return _("Baseline {year} — {name}").format(year=data.year, name=data.root_name)


def _data_line(data: BaselineData) -> str:
    date = data.extract_date.strftime("%d-%m-%Y") if data.extract_date else "–"
    return _("Data: extract date {date}, data version {version}. Groups of fewer than {threshold} persons are "
             "shown as \"{hidden}\".").format(date=date, version=data.data_version, threshold=data.threshold,
                                              hidden=suppressed_text(data.threshold))


def suppressed_text(threshold: int) -> str:
    return _("fewer than {threshold}").format(threshold=threshold)


def _track_headers(data: BaselineData) -> list[tuple[str, int]]:
    return [
        (_("Key figure"), 36), (_("Unit of measure"), 11), (_("Organisation unit"), 34), (_("Level"), 11),
        (_("Job group"), 30), (_("Value {year}").format(year=data.year), 12),
        (_("Value {year}").format(year=data.year - 1), 12), (_("Change"), 10), (_("Benchmark"), 12),
        (_("Benchmark set"), 30), (_("Benchmark year"), 11), (_("n {year}").format(year=data.year), 9),
        (_("Key figure id"), 30),
    ]


def _start_sheet(sheet: Worksheet, formats: Formats, data: BaselineData, headers: list[tuple[str, int]]) -> None:
    sheet.write(0, 0, _title(data), formats.title)
    sheet.write(1, 0, _data_line(data), formats.subtitle)
    for col, (label, width) in enumerate(headers):
        sheet.write(HEADER_ROW, col, label, formats.header)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(HEADER_ROW + 1, 1)


def _write_track(sheet: Worksheet, formats: Formats, data: BaselineData, figures: list[KeyFigure]) -> int:
    headers = _track_headers(data)
    _start_sheet(sheet, formats, data, headers)
    row = HEADER_ROW + 1
    for figure in figures:
        for municipality, centres in data.blocks:
            for unit, level in [(municipality, _("Municipality")), *((c, _("Centre")) for c in centres)]:
                _write_row(sheet, formats, data, row, figure, unit, level)
                row += 1
            for group in data.job_groups.get((figure.id, municipality.unit_id), []):
                _write_row(sheet, formats, data, row, figure, municipality, _("Municipality"), group)
                row += 1
    if row > HEADER_ROW + 1:
        sheet.autofilter(HEADER_ROW, 0, row - 1, len(headers) - 1)
    return row - HEADER_ROW - 1


def _write_row(sheet: Worksheet, formats: Formats, data: BaselineData, row: int, figure: KeyFigure,
               unit: OrgUnit, level: str, group: str | None = None) -> None:
    segment, value = (JOB_GROUP, group) if group else ("total", "")
    now = data.cell(figure.id, unit.unit_id, data.year, segment, value)
    before = data.cell(figure.id, unit.unit_id, data.year - 1, segment, value)
    number = formats.whole if figure.unit in COUNT_UNITS else formats.decimal
    sheet.write_string(row, 0, figure_name(figure), formats.text)
    sheet.write_string(row, 1, figure.unit.value, formats.text)
    sheet.write_string(row, 2, unit.name, formats.text)
    sheet.write_string(row, 3, level, formats.text)
    sheet.write_string(row, 4, group or _("All"), formats.text)
    _write_value(sheet, row, 5, now, number, formats, data.threshold)
    _write_value(sheet, row, 6, before, number, formats, data.threshold)
    if _visible(now) and _visible(before):
        change = formats.change_whole if figure.unit in COUNT_UNITS else formats.change
        sheet.write_number(row, 7, now.value - before.value, change)  # type: ignore[union-attr, operator]
    benchmark = data.benchmark(figure.id, segment, value)
    if benchmark is not None:
        sheet.write_number(row, 8, benchmark.value, number)
        sheet.write_string(row, 9, benchmark.set_name, formats.text)
        sheet.write_number(row, 10, benchmark.year, formats.year)
    if now is not None and now.suppressed:
        sheet.write_string(row, 11, suppressed_text(data.threshold), formats.suppressed)
    elif now is not None and now.n is not None:
        sheet.write_number(row, 11, now.n, formats.whole)
    sheet.write_string(row, 12, figure.id, formats.text)


def _visible(cell: Cell | None) -> bool:
    return cell is not None and not cell.suppressed and cell.value is not None


def _write_value(sheet: Worksheet, row: int, col: int, cell: Cell | None, number: Any, formats: Formats,
                 threshold: int) -> None:
    if cell is None:
        return
    if cell.suppressed:
        sheet.write_string(row, col, suppressed_text(threshold), formats.suppressed)
    elif cell.value is not None:
        sheet.write_number(row, col, cell.value, number)


def _write_benchmarks(sheet: Worksheet, formats: Formats, data: BaselineData) -> None:
    headers = [(_("Benchmark set"), 28), (_("Key figure"), 34), (_("Year"), 8), (_("Segment"), 14),
               (_("Segment value"), 30), (_("Value"), 10), (_("Source"), 50), (_("Source URL"), 50),
               (_("Note"), 80), (_("Key figure id"), 30)]
    _start_sheet(sheet, formats, data, headers)
    figures = {f.id: f for f in FIGURES}
    row = HEADER_ROW + 1
    for (figure_id, segment, value), found in sorted(data.benchmarks.items()):
        for b in sorted(found, key=lambda b: (b.set_name, b.year)):
            figure = figures.get(figure_id)
            cells = [b.set_name, figure_name(figure) if figure else figure_id, b.year, segment, value, b.value,
                     b.source, b.source_url or "", b.note or "", figure_id]
            for col, item in enumerate(cells):
                fmt = formats.year if col == 2 else formats.decimal if col == 5 else formats.wrap
                sheet.write(row, col, item, fmt)
            row += 1


def _write_definitions(sheet: Worksheet, formats: Formats) -> None:
    headers = [(_("Key figure id"), 30), (_("Name"), 32), (_("Track"), 14), (_("Description"), 60),
               (_("Formula"), 50), (_("Numerator"), 36), (_("Denominator"), 36), (_("Unit of measure"), 11),
               (_("Direction"), 22), (_("Source"), 50), (_("Source URL"), 40), (_("Version"), 8)]
    for col, (label, width) in enumerate(headers):
        sheet.write(0, col, label, formats.header)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 1)
    for row, f in enumerate(FIGURES, start=1):
        cells = [f.id, figure_name(f), track_title(f.track), figure_description(f), f.formula_da,
                 f.numerator_da or f.numerator, f.denominator_da or (f.denominator or "–"), f.unit.value,
                 better_label(f.better), f.source.name, f.source.url or "", f.version]
        for col, item in enumerate(cells):
            sheet.write(row, col, item, formats.whole if col == 11 else formats.wrap)
    sheet.autofilter(0, 0, len(FIGURES), len(headers) - 1)


def _front_paragraphs(data: BaselineData) -> list[str]:
    threshold, hidden = data.threshold, suppressed_text(data.threshold)
    return [
        _("The baseline is the starting measurement of the workforce strategy's key figures: where the "
          "municipality stands in {year}, against the year before and against external benchmarks. Later "
          "measurements are compared with it.").format(year=data.year),
        _("Each track has its own sheet (cross-cutting, retention, education, recruitment). Each key figure is "
          "shown for the municipality, every centre and every job group of the municipality, for the calendar "
          "year {year} and {previous}. \"Change\" is this year's value minus last year's, in the key figure's "
          "unit (percentage points for percentages).").format(year=data.year, previous=data.year - 1),
        _("Suppression: every value is computed from at least {threshold} persons (or job ads or education "
          "records). Smaller groups are shown as \"{hidden}\" and never as a number, and so are a few other "
          "cells that would otherwise let a hidden value be worked out by subtraction.").format(
            threshold=threshold, hidden=hidden),
        _("The workbook holds aggregates only: no person, no CPR number and no person key. An empty cell means "
          "that the key figure has no population there (e.g. no job ads)."),
        _("Benchmarks are published figures (e.g. the national average of the municipalities) with their "
          "source; the sheet \"{sheet}\" lists them. The latest benchmark of {year} or before is shown. Some are "
          "only approximately comparable with the municipality's own figure; the note says why.").format(
            sheet=_("Benchmarks"), year=data.year),
        _("The sheet \"{sheet}\" gives every key figure's definition: formula, numerator, denominator, unit, "
          "which direction is better, and the official definition it follows.").format(sheet=_("Definitions")),
        _("Numbers are stored as numbers with a display format, so Excel shows them with Danish separators and "
          "can compute with them; the filters in the header row select a key figure, unit or job group."),
    ]


def _write_front(sheet: Worksheet, formats: Formats, data: BaselineData) -> None:
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 100)
    sheet.write(0, 0, _title(data), formats.title)
    facts = [
        (_("Year"), data.year),
        (_("Extract date"), data.extract_date),
        (_("Data version"), data.data_version),
        (_("Computed"), data.computed_at[:16].replace("T", " ")),
        (_("Suppression threshold"), data.threshold),
    ]
    for row, (label, value) in enumerate(facts, start=2):
        sheet.write(row, 0, label, formats.bold)
        if label == _("Extract date") and value is not None:
            sheet.write_datetime(row, 1, value, formats.date)
        else:
            sheet.write(row, 1, value if value is not None else "–", formats.wrap if isinstance(value, str) else
                        formats.year)
    row = len(facts) + 3
    for paragraph in _front_paragraphs(data):
        sheet.write(row, 1, paragraph, formats.wrap)
        row += 1
