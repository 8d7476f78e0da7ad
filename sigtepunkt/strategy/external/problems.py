"""What can be wrong with a StatBank file: one `Code` per kind of problem, each a Danish sentence.

The shape follows the benchmark importer's problems: file, row, column, value and what to do.
StatBank files hold published aggregates, never persons.
"""

from __future__ import annotations

import logging
from enum import Enum

from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.problems import Problem

__all__ = ["Code", "ExternalRejected", "Problem", "message"]

logger = logging.getLogger(__name__)


class Code(Enum):
    UNREADABLE_FILE = "unreadable_file"
    EMPTY_FILE = "empty_file"
    NO_TABLE_ID = "no_table_id"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    ROW_LENGTH = "row_length"
    BAD_PERIOD = "bad_period"
    BAD_NUMBER = "bad_number"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    EMPTY_LABEL = "empty_label"
    DUPLICATE_ROW = "duplicate_row"
    MIXED_PERIODS = "mixed_periods"

    @property
    def sentence(self) -> str:
        """This problem's sentence in the active language, with placeholders."""
        return message(self)


def message(code: Code) -> str:
    """Return the sentence for a problem code; placeholders {column}, {value}, {detail}."""
    return {
        Code.UNREADABLE_FILE: _("The file cannot be read: {detail}. Download the table again from statistikbanken.dk as CSV (semicolon-separated)."),
        Code.EMPTY_FILE: _("The file has no data rows. Download the table with at least one time period selected."),
        Code.NO_TABLE_ID: _("The file does not say which StatBank table it comes from. Name the file after the table (e.g. FOLK1A.csv), start it with a title line such as \"FOLK1A: Befolkningen den 1. i kvartalet\", or give the table id when importing."),
        Code.MISSING_COLUMN: _("The column \"{column}\" is missing. A StatBank download has one column per variable, a time column TID and the values in INDHOLD; download it again as CSV with header."),
        Code.DUPLICATE_COLUMN: _("The column \"{column}\" appears more than once. Remove one of them."),
        Code.ROW_LENGTH: _("The row has {value} cells, but the header has {detail}. Check for a semicolon inside a label, or download the table again."),
        Code.BAD_PERIOD: _("\"{value}\" is not a StatBank time period in \"{column}\". Use the StatBank codes: 2023 (year), 2023H1 (half year), 2023K1 (quarter) or 2023M01 (month)."),
        Code.BAD_NUMBER: _("\"{value}\" is not a number in \"{column}\". Write the number with decimal comma and without thousands separators, e.g. 1234,5, or \"..\" when it is not available."),
        Code.AMBIGUOUS_NUMBER: _("\"{value}\" in \"{column}\" could be a thousands separator or a decimal point. Write the number without thousands separators and with decimal comma, e.g. 1234 or 1,234."),
        Code.EMPTY_LABEL: _("\"{column}\" is empty. Every row needs a label for each variable, as in the StatBank download."),
        Code.DUPLICATE_ROW: _("The row repeats the labels and time period of {detail}. Remove one of the two rows."),
        Code.MIXED_PERIODS: _("The series mixes kinds of time periods (\"{value}\" and \"{detail}\"). Download years, quarters or months as separate files."),
    }[code]


class ExternalRejected(Exception):
    """The StatBank file has errors; nothing was read."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(not p.is_warning for p in problems)} errors")
        self.problems = problems
