"""Read a benchmark CSV file into validated rows, or say everything that is wrong with it.

Nothing here touches a database: `benchmarks_read` returns the rows and the problems, and the
service stores the rows only when there is no error (all or nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sigtepunkt.analytics.benchmarks import format as fmt
from sigtepunkt.analytics.benchmarks.problems import Code, Problem
from sigtepunkt.analytics.calendar import Period, month, quarter, rolling_12, year
from sigtepunkt.analytics.catalogue import FIGURES, figure_segments
from sigtepunkt.analytics.catalogue.model import KeyFigure, Unit
from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.text import danish_text_decode

logger = logging.getLogger(__name__)

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
_URL = re.compile(r"^https?://\S+$")
_FIGURES_BY_SPELLING: dict[str, KeyFigure] = {
    **{fmt.fold(f.name_da): f for f in FIGURES}, **{f.id.lower(): f for f in FIGURES},
}


@dataclass(frozen=True)
class Benchmark:
    """One external comparison value: a published figure for a period and segment, with its source."""

    set_name: str
    figure: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    segment: str
    segment_value: str
    value: float
    source: str
    source_url: str | None = None
    note: str | None = None

    @property
    def key(self) -> tuple[object, ...]:
        return (self.set_name, self.figure, self.period_start, self.period_end, self.segment, self.segment_value)


def benchmarks_read(path: Path, *, set_name: str | None = None) -> tuple[list[Benchmark], list[Problem]]:
    """Parse and validate the file at `path`; `set_name` (if given) names the set of every row."""
    problems: list[Problem] = []
    table = _read_table(path, problems)
    if table is None:
        return [], problems
    header, rows = table
    columns = _map_header(path.name, header, set_name is not None, problems)
    if columns is None:
        return [], problems
    if not rows:
        return [], [*problems, Problem(Code.EMPTY_FILE, path.name)]
    found: list[Benchmark] = []
    first_row: dict[tuple[object, ...], int] = {}
    for line, cells in rows:
        raw = {col.name: (cells[i].strip() if i < len(cells) else "") for col, i in columns.items()}
        row = _RowCheck(path.name, line, raw, problems)
        benchmark = row.benchmark(set_name)
        if benchmark is None:
            continue
        if benchmark.key in first_row:
            earlier = _("row {row}").format(row=first_row[benchmark.key])
            problems.append(Problem(Code.DUPLICATE_ROW, path.name, line, detail=earlier))
            continue
        first_row[benchmark.key] = line
        found.append(benchmark)
    return found, problems


def _read_table(path: Path, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=exc.strerror or str(exc)))
        return None
    text = danish_text_decode(data)
    if not text.strip():
        problems.append(Problem(Code.EMPTY_FILE, path.name))
        return None
    header_line = text.split("\n", 1)[0]
    separator = ";" if ";" in header_line else ("\t" if "\t" in header_line else ",")
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    try:
        header = next(reader)
        rows = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as exc:
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=str(exc)))
        return None
    return header, rows



def _map_header(file: str, header: list[str], set_given: bool,
                problems: list[Problem]) -> dict[fmt.Column, int] | None:
    columns: dict[fmt.Column, int] = {}
    errors = len(problems)
    for index, title in enumerate(header):
        column = fmt.SPELLINGS.get(fmt.fold(title))
        if column is None:
            if title.strip():
                problems.append(Problem(Code.UNKNOWN_COLUMN, file, 1, value=title.strip(), is_warning=True))
        elif column in columns:
            problems.append(Problem(Code.DUPLICATE_COLUMN, file, 1, column=column.header_da, value=title.strip()))
        else:
            columns[column] = index
    required = [*fmt.REQUIRED, *(() if set_given else (fmt.SET,))]
    for column in required:
        if column not in columns:
            problems.append(Problem(Code.MISSING_COLUMN, file, 1, column=column.header_da))
    if fmt.YEAR not in columns and not (fmt.PERIOD_START in columns and fmt.PERIOD_END in columns):
        label = f"{fmt.YEAR.header_da} / {fmt.PERIOD_START.header_da} + {fmt.PERIOD_END.header_da}"
        problems.append(Problem(Code.MISSING_COLUMN, file, 1, column=label))
    return None if any(not p.is_warning for p in problems[errors:]) else columns


def parse_number(text: str) -> float | None:
    """A number written the Danish way (1.234,5) or the ISO way (1234.5); a trailing % is allowed."""
    text = re.sub(r"[\s\u00a0%]", "", text)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def parse_date(text: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def canonical_period(kind: str, end: dt.date) -> Period:
    """The whole period of `kind` that ends in the month of `end`."""
    match kind:
        case "year":
            return year(end.year)
        case "quarter":
            return quarter(end.year, (end.month - 1) // 3 + 1)
        case "month":
            return month(end.year, end.month)
        case "rolling12":
            return rolling_12(end.year, end.month)
    raise AssertionError(kind)


class _RowCheck:
    """Validate one data row, appending its problems; `benchmark()` is None if anything is wrong."""

    def __init__(self, file: str, line: int, raw: dict[str, str], problems: list[Problem]) -> None:
        self.file, self.line, self.raw, self.problems = file, line, raw, problems
        self.ok = True

    def fail(self, code: Code, column: fmt.Column | None = None, value: str | None = None,
             detail: str | None = None) -> None:
        self.ok = False
        header = column.header_da if column else None
        self.problems.append(Problem(code, self.file, self.line, header, value, detail))

    def required(self, column: fmt.Column) -> str | None:
        value = self.raw.get(column.name, "")
        if not value:
            self.fail(Code.REQUIRED_VALUE, column)
            return None
        return value

    def benchmark(self, set_override: str | None) -> Benchmark | None:
        set_name = set_override or self.required(fmt.SET)
        figure = self.figure()
        period = self.period(figure)
        segment = self.segment(figure)
        value = self.value(figure)
        source = self.required(fmt.SOURCE)
        url = self.url()
        if not self.ok or None in (set_name, figure, period, segment, value, source):
            return None
        assert figure and period and segment and set_name and source and value is not None
        return Benchmark(set_name, figure.id, period.kind.value, period.p0, period.p1, segment[0], segment[1],
                         value, source, url, self.raw.get(fmt.NOTE.name) or None)

    def figure(self) -> KeyFigure | None:
        text = self.required(fmt.FIGURE)
        if text is None:
            return None
        figure = _FIGURES_BY_SPELLING.get(text.lower()) or _FIGURES_BY_SPELLING.get(fmt.fold(text))
        if figure is None:
            self.fail(Code.UNKNOWN_FIGURE, fmt.FIGURE, text)
        return figure

    def period_kind(self) -> str | None:
        text = self.raw.get(fmt.PERIOD_KIND.name, "")
        if not text:
            return None
        kind = fmt.PERIOD_KINDS.get(fmt.fold(text))
        if kind is None:
            self.fail(Code.BAD_PERIOD_KIND, fmt.PERIOD_KIND, text, ", ".join(fmt.PERIOD_KIND_LABELS_DA.values()))
        return kind

    def period(self, figure: KeyFigure | None) -> Period | None:
        kind_text = self.raw.get(fmt.PERIOD_KIND.name, "")
        kind = self.period_kind()
        if kind_text and kind is None:
            return None
        if self.raw.get(fmt.PERIOD_START.name) or self.raw.get(fmt.PERIOD_END.name):
            period = self.period_from_dates(kind)
        else:
            period = self.period_from_year(kind)
        if period is not None and figure is not None and figure.period_months == 12 \
                and period.kind.value not in ("year", "rolling12"):
            self.fail(Code.WRONG_PERIOD_LENGTH, fmt.PERIOD_KIND, figure.id)
            return None
        return period

    def period_from_year(self, kind: str | None) -> Period | None:
        if kind not in (None, "year"):
            self.fail(Code.REQUIRED_VALUE, fmt.PERIOD_START)
            return None
        text = self.required(fmt.YEAR)
        if text is None:
            return None
        if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
            self.fail(Code.BAD_YEAR, fmt.YEAR, text)
            return None
        return year(int(text))

    def period_from_dates(self, kind: str | None) -> Period | None:
        start, end = self.date(fmt.PERIOD_START), self.date(fmt.PERIOD_END)
        if start is None or end is None:
            return None
        kinds = [kind] if kind else list(fmt.PERIOD_KIND_LABELS_DA)
        for candidate in kinds:
            period = canonical_period(candidate, end)
            if (period.p0, period.p1) == (start, end):
                return self.checked_year(_as_stored(period))
        expected = canonical_period(kinds[0], end)
        self.fail(Code.NOT_A_PERIOD, fmt.PERIOD_KIND, f"{start:%d-%m-%Y} – {end:%d-%m-%Y}",
                  f"{expected.p0:%d-%m-%Y} – {expected.p1:%d-%m-%Y}")
        return None

    def checked_year(self, period: Period) -> Period | None:
        text = self.raw.get(fmt.YEAR.name, "")
        if text and text != str(period.p1.year):
            self.fail(Code.NOT_A_PERIOD, fmt.YEAR, text, f"{period.p0:%d-%m-%Y} – {period.p1:%d-%m-%Y}")
            return None
        return period

    def date(self, column: fmt.Column) -> dt.date | None:
        text = self.required(column)
        if text is None:
            return None
        day = parse_date(text)
        if day is None:
            self.fail(Code.BAD_DATE, column, text)
        return day

    def segment(self, figure: KeyFigure | None) -> tuple[str, str] | None:
        text = self.raw.get(fmt.SEGMENT.name, "")
        value = self.raw.get(fmt.SEGMENT_VALUE.name, "")
        segment = fmt.SEGMENTS_BY_SPELLING.get(fmt.fold(text))
        allowed = figure_segments(figure) if figure else None
        if segment is None or (allowed is not None and segment != fmt.TOTAL and segment not in allowed):
            self.fail(Code.UNKNOWN_SEGMENT, fmt.SEGMENT, text, ", ".join(allowed or fmt.SEGMENT_LABELS_DA))
            return None
        if segment == fmt.TOTAL and value:
            self.fail(Code.SEGMENT_VALUE_FOR_TOTAL, fmt.SEGMENT_VALUE, value)
            return None
        if segment != fmt.TOTAL and not value:
            self.fail(Code.SEGMENT_VALUE_MISSING, fmt.SEGMENT_VALUE, segment)
            return None
        return segment, value

    def value(self, figure: KeyFigure | None) -> float | None:
        text = self.required(fmt.VALUE)
        if text is None:
            return None
        number = parse_number(text)
        if number is None:
            self.fail(Code.BAD_NUMBER, fmt.VALUE, text)
            return None
        if figure is not None:
            low, high = (0.0, 100.0) if figure.unit is Unit.PERCENT else (0.0, None)
            if number < low or (high is not None and number > high):
                allowed = "0–100 %" if high is not None else _("{low} {unit} or more").format(
                    low=0, unit=figure.unit.value)
                self.fail(Code.OUT_OF_RANGE, fmt.VALUE, text, allowed)
                return None
        return number

    def url(self) -> str | None:
        text = self.raw.get(fmt.SOURCE_URL.name, "")
        if text and not _URL.match(text):
            self.fail(Code.BAD_URL, fmt.SOURCE_URL, text)
            return None
        return text or None


def _as_stored(period: Period) -> Period:
    """A rolling 12 months ending in December is the calendar year, as the measurements store keeps it."""
    if period.kind.value == "rolling12" and period.p1.month == 12:
        return year(period.p1.year)
    return period
