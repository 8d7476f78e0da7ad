"""Read a StatBank CSV download into external indicator series, or say everything wrong with it.

The layout is Danmarks Statistik's "CSV with header": semicolon-separated, one column per
variable (e.g. OMRÅDE;ALDER), the time variable TID and the values in INDHOLD; labels as text,
values with decimal comma, ".." where a value is not available. An optional first line without
semicolons is the table's title ("FOLK1A: Befolkningen den 1. i kvartalet …"). All or nothing:
any error and no series are returned. See docs/external-indicators.md.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.text import danish_text_decode
from sigtepunkt.strategy.external.model import ExternalPoint, ExternalSeries
from sigtepunkt.strategy.external.problems import Code, ExternalRejected, Problem
from sigtepunkt.strategy.external.values import NumberError, period_parse, value_parse

logger = logging.getLogger(__name__)

TIME, VALUE = "TID", "INDHOLD"
AREA_COLUMNS = ("OMRÅDE", "KOMK", "KOMMUNE", "REGION", "BOPOMR")
_TITLE = re.compile(r"^\s*([A-ZÆØÅ0-9]{3,12})\s*:\s*(.+?)\s*$")
_TABLE_IN_NAME = re.compile(r"^([A-ZÆØÅ0-9]{3,12})(?:[_\- ].*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Table:
    title: str | None
    table_id: str | None
    header: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]


def external_read(*, path: Path, table_id: str | None = None,
                  name: str | None = None) -> tuple[list[ExternalSeries], list[Problem]]:
    """Parse the file at `path`; the table id comes from the argument, the title line or the file name."""
    problems: list[Problem] = []
    table = _read_table(path, problems)
    if table is None:
        return [], problems
    table_id = (table_id or table.table_id or _table_from_name(path) or "").upper()
    if not table_id:
        problems.append(Problem(Code.NO_TABLE_ID, path.name))
    columns = _check_header(path.name, table.header, table.header_row, problems)
    if not table.rows:
        problems.append(Problem(Code.EMPTY_FILE, path.name))
    if columns is None or problems:
        return [], problems
    series = _series(path.name, table, columns, problems, name or table.title or table_id, table_id)
    return ([], problems) if any(not p.is_warning for p in problems) else (series, problems)


def external_load(*, path: Path, table_id: str | None = None, name: str | None = None) -> list[ExternalSeries]:
    """Like `external_read`, but raise ExternalRejected with every problem when there is any error."""
    series, problems = external_read(path=path, table_id=table_id, name=name)
    if any(not p.is_warning for p in problems):
        raise ExternalRejected(problems)
    return series


def _table_from_name(path: Path) -> str | None:
    found = _TABLE_IN_NAME.match(path.stem)
    return found.group(1) if found and any(ch.isdigit() for ch in found.group(1)) else None



def _read_table(path: Path, problems: list[Problem]) -> _Table | None:
    try:
        text = danish_text_decode(path.read_bytes())
    except OSError as exc:
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=exc.strerror or str(exc)))
        return None
    lines = text.split("\n")
    offset = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    title = table_id = None
    if offset < len(lines) and ";" not in lines[offset]:
        found = _TITLE.match(lines[offset])
        table_id, title = (found.group(1), found.group(2)) if found else (None, lines[offset].strip())
        offset = next((i for i in range(offset + 1, len(lines)) if lines[i].strip()), len(lines))
    if offset >= len(lines):
        problems.append(Problem(Code.EMPTY_FILE, path.name))
        return None
    reader = csv.reader(io.StringIO("\n".join(lines[offset:])), delimiter=";")
    try:
        header = [h.strip() for h in next(reader)]
        rows = [(offset + reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as exc:
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=str(exc)))
        return None
    return _Table(title, table_id, header, offset + 1, rows)


def _check_header(file: str, header: list[str], row: int, problems: list[Problem]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    errors = len(problems)
    for index, title in enumerate(header):
        key = title.upper()
        if key in columns:
            problems.append(Problem(Code.DUPLICATE_COLUMN, file, row, column=title))
        columns[key] = index
    for required in (TIME, VALUE):
        if required not in columns:
            problems.append(Problem(Code.MISSING_COLUMN, file, row, column=required))
    return None if len(problems) > errors else columns


def _series(file: str, table: _Table, columns: dict[str, int], problems: list[Problem], name: str,
            table_id: str) -> list[ExternalSeries]:
    area = next((c for c in AREA_COLUMNS if c in columns), None)
    variables = [c for c in columns if c not in (TIME, VALUE, area)]
    points: dict[tuple, list[ExternalPoint]] = defaultdict(list)
    seen: dict[tuple, int] = {}
    for line, cells in table.rows:
        row = _Row(file, line, problems)
        if len(cells) != len(table.header):
            row.fail(Code.ROW_LENGTH, None, str(len(cells)), str(len(table.header)))
            continue
        labels = tuple((v, row.label(v, cells[columns[v]])) for v in variables)
        area_label = row.label(area, cells[columns[area]]) if area else None
        point = row.point(cells[columns[TIME]], cells[columns[VALUE]])
        if point is None or not row.ok:
            continue
        key = (area_label, labels)
        if (key, point.code) in seen:
            row.fail(Code.DUPLICATE_ROW, None, None, _("row {row}").format(row=seen[(key, point.code)]))
            continue
        seen[(key, point.code)] = row.line
        points[key].append(point)
    found = [ExternalSeries(name, table_id, area_label, labels, tuple(sorted(p, key=lambda x: x.start)))
             for (area_label, labels), p in points.items()]
    for series in found:
        _check_period_kinds(file, series, problems)
    return found


def _check_period_kinds(file: str, series: ExternalSeries, problems: list[Problem]) -> None:
    kinds = {}
    for point in series.points:
        parsed = period_parse(point.code)
        assert parsed is not None
        kinds.setdefault(parsed.kind, point.code)
    if len(kinds) > 1:
        first, second = list(kinds.values())[:2]
        problems.append(Problem(Code.MIXED_PERIODS, file, column=TIME, value=first, detail=second))


class _Row:
    """Validate one data row, appending its problems; `ok` is False if anything is wrong."""

    def __init__(self, file: str, line: int, problems: list[Problem]) -> None:
        self.file, self.line, self.problems, self.ok = file, line, problems, True

    def fail(self, code: Code, column: str | None, value: str | None, detail: str | None = None) -> None:
        self.ok = False
        self.problems.append(Problem(code, self.file, self.line, column, value, detail))

    def label(self, variable: str, text: str) -> str:
        if not text.strip():
            self.fail(Code.EMPTY_LABEL, variable, None)
        return text.strip()

    def point(self, time: str, text: str) -> ExternalPoint | None:
        period = period_parse(time)
        if period is None:
            self.fail(Code.BAD_PERIOD, TIME, time)
            return None
        value = value_parse(text)
        if isinstance(value, NumberError):
            code = Code.AMBIGUOUS_NUMBER if value is NumberError.AMBIGUOUS else Code.BAD_NUMBER
            self.fail(code, VALUE, text)
            return None
        return ExternalPoint(period.code.strip().upper(), period.start, period.end, value,
                             value is None and text.strip() == "..")
