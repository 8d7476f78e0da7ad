"""What can be wrong with a benchmark file: one `Code` per kind of problem, each a Danish sentence.

The shape follows the HR importer's problems (`sigtepunkt.hrdata.problems`): file, row, column,
value and what to do. Benchmark files hold published aggregates, never persons, so no CPR
masking is needed here. Tests assert on the code, never on a copied sentence.
"""

from __future__ import annotations

import logging
from enum import Enum

from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.problems import Problem

__all__ = ["BenchmarksRejected", "Code", "Problem", "message"]

logger = logging.getLogger(__name__)


class Code(Enum):
    UNREADABLE_FILE = "unreadable_file"
    EMPTY_FILE = "empty_file"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNKNOWN_COLUMN = "unknown_column"
    REQUIRED_VALUE = "required_value"
    UNKNOWN_FIGURE = "unknown_figure"
    BAD_PERIOD_KIND = "bad_period_kind"
    BAD_DATE = "bad_date"
    BAD_YEAR = "bad_year"
    NOT_A_PERIOD = "not_a_period"
    WRONG_PERIOD_LENGTH = "wrong_period_length"
    UNKNOWN_SEGMENT = "unknown_segment"
    SEGMENT_VALUE_MISSING = "segment_value_missing"
    SEGMENT_VALUE_FOR_TOTAL = "segment_value_for_total"
    BAD_NUMBER = "bad_number"
    OUT_OF_RANGE = "out_of_range"
    BAD_URL = "bad_url"
    DUPLICATE_ROW = "duplicate_row"


    @property
    def sentence(self) -> str:
        """This problem's sentence in the active language, with placeholders."""
        return message(self)

def message(code: Code) -> str:
    """Return the sentence for a problem code; placeholders {column}, {value}, {detail}."""
    return {
        Code.UNREADABLE_FILE: _("The file cannot be read: {detail}. Save it again as CSV (semicolon-separated, UTF-8 or Windows-1252)."),
        Code.EMPTY_FILE: _("The file has no benchmark rows. Add one row per benchmark value under the header row."),
        Code.MISSING_COLUMN: _("The required column \"{column}\" is missing. Add the column with this header (see docs/benchmark-format.md)."),
        Code.DUPLICATE_COLUMN: _("The column \"{column}\" appears more than once (\"{value}\"). Remove one of them."),
        Code.UNKNOWN_COLUMN: _("The column \"{value}\" is not part of the benchmark format and was ignored."),
        Code.REQUIRED_VALUE: _("\"{column}\" is empty but must be filled in. Fill in the value or remove the row."),
        Code.UNKNOWN_FIGURE: _("\"{value}\" is not a key figure in the catalogue. Write the key figure's id (see 'sigtepunkt explain --list'), e.g. sickness_absence_days_per_fte."),
        Code.BAD_PERIOD_KIND: _("\"{value}\" is not a period type. Use one of: {detail}."),
        Code.BAD_DATE: _("\"{value}\" is not a valid date in \"{column}\". Write the date as YYYY-MM-DD or DD-MM-YYYY, e.g. 31-12-2022."),
        Code.BAD_YEAR: _("\"{value}\" is not a year in \"{column}\". Write the year with four digits, e.g. 2022."),
        Code.NOT_A_PERIOD: _("The period {value} is not a whole period of type \"{column}\". For this type the period must be {detail}."),
        Code.WRONG_PERIOD_LENGTH: _("The key figure \"{value}\" is defined only for 12-month periods. Use period type year or rolling 12 months."),
        Code.UNKNOWN_SEGMENT: _("\"{value}\" is not a segment of this key figure. Use \"total\" or one of: {detail}."),
        Code.SEGMENT_VALUE_MISSING: _("The segment \"{value}\" needs a segment value, e.g. the job group's name as in the HR export. Fill in \"{column}\"."),
        Code.SEGMENT_VALUE_FOR_TOTAL: _("\"{column}\" is \"{value}\", but the segment is total. Leave the segment value empty, or name the segment."),
        Code.BAD_NUMBER: _("\"{value}\" is not a number in \"{column}\". Write a number with decimal comma, e.g. 16,1."),
        Code.OUT_OF_RANGE: _("The value {value} is outside what the key figure's unit allows ({detail}). Write the value in the key figure's unit, e.g. a percentage as 5,3 and not 0,053."),
        Code.BAD_URL: _("\"{value}\" is not a web address. Write the whole address starting with http:// or https://, or leave \"{column}\" empty."),
        Code.DUPLICATE_ROW: _("The row repeats benchmark set, key figure, period and segment of {detail}. Remove one of the two rows."),
    }[code]


class BenchmarksRejected(Exception):
    """The benchmark file has errors; nothing was stored."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(not p.is_warning for p in problems)} errors")
        self.problems = problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_warning]
