"""What can be wrong with a strategy file: one `Code` per kind of problem, each a Danish sentence.

A problem is located by its path in the document (`tracks[1].objectives[0].milestones[2].measured.figure`)
rather than a row and column; otherwise it is the importers' `Problem`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.problems import Problem

__all__ = ["Code", "DocumentProblem", "StrategyRejected", "message"]

logger = logging.getLogger(__name__)


class Code(Enum):
    UNREADABLE_FILE = "unreadable_file"
    SYNTAX = "syntax"
    DUPLICATE_MAPPING_KEY = "duplicate_mapping_key"
    UNKNOWN_FORMAT = "unknown_format"
    REQUIRED = "required"
    WRONG_TYPE = "wrong_type"
    UNKNOWN_FIELD = "unknown_field"
    BAD_DATE = "bad_date"
    UNKNOWN_CHOICE = "unknown_choice"
    DUPLICATE_KEY = "duplicate_key"
    UNKNOWN_REFERENCE = "unknown_reference"
    UNKNOWN_FIGURE = "unknown_figure"
    DIRECTION_NEEDED = "direction_needed"
    UNKNOWN_SEGMENT = "unknown_segment"
    UNKNOWN_UNIT = "unknown_unit"
    AMBIGUOUS_UNIT = "ambiguous_unit"
    PERIOD_REVERSED = "period_reversed"
    DATE_BEFORE_PERIOD = "date_before_period"
    DATE_AFTER_PERIOD = "date_after_period"
    BASELINE_AFTER_DEADLINE = "baseline_after_deadline"
    TARGET_FIELD_MISSING = "target_field_missing"
    ONE_OF = "one_of"

    @property
    def sentence(self) -> str:
        """This problem's sentence in the active language, with placeholders."""
        return message(self)


def message(code: Code) -> str:
    """Return the sentence for a problem code; placeholders {column} (the path), {value}, {detail}."""
    return {
        Code.UNREADABLE_FILE: _("The file cannot be read: {detail}."),
        Code.SYNTAX: _("The file is not valid YAML or JSON: {detail}. Check indentation and that texts containing a colon are in quotes."),
        Code.DUPLICATE_MAPPING_KEY: _("\"{value}\" is written twice in the same place. Remove one of them."),
        Code.UNKNOWN_FORMAT: _("The format \"{value}\" is not known. Write format: {detail} at the top of the file."),
        Code.REQUIRED: _("\"{column}\" is missing but required. Add it (see docs/strategy-format.md)."),
        Code.WRONG_TYPE: _("\"{value}\" is not {detail}. Write {detail} here."),
        Code.UNKNOWN_FIELD: _("\"{value}\" is not a field here and was ignored. Check the spelling (see docs/strategy-format.md)."),
        Code.BAD_DATE: _("\"{value}\" is not a date. Write the date as YYYY-MM-DD, e.g. 2025-12-31."),
        Code.UNKNOWN_CHOICE: _("\"{value}\" is not allowed here. Use one of: {detail}."),
        Code.DUPLICATE_KEY: _("The key \"{value}\" is used twice ({detail}). Give each item its own key."),
        Code.UNKNOWN_REFERENCE: _("\"{value}\" does not match any {detail} in the file. Use the key of an existing item."),
        Code.UNKNOWN_FIGURE: _("\"{value}\" is not a key figure in the catalogue. Write the key figure's id (see 'sigtepunkt explain --list'), e.g. sickness_absence_rate."),
        Code.DIRECTION_NEEDED: _("It is not given which way is better for \"{value}\". Add direction: higher or direction: lower."),
        Code.UNKNOWN_SEGMENT: _("\"{value}\" is not a segment of this key figure. Use \"total\" or one of: {detail}."),
        Code.UNKNOWN_UNIT: _("No unit is called \"{value}\". Write \"kommune\", a unit's name exactly as in the organisation, or its id."),
        Code.AMBIGUOUS_UNIT: _("Several units are called \"{value}\" (ids {detail}). Write the id of the one you mean."),
        Code.PERIOD_REVERSED: _("The end {value} is before the start {detail}. Correct one of the two dates."),
        Code.DATE_BEFORE_PERIOD: _("The date {value} is before the strategy period starts ({detail}). Move the date, or the period's start."),
        Code.DATE_AFTER_PERIOD: _("The date {value} is after the strategy period ends ({detail})."),
        Code.BASELINE_AFTER_DEADLINE: _("The baseline year {value} is after the deadline {detail}. The baseline must come first."),
        Code.TARGET_FIELD_MISSING: _("A target of kind \"{value}\" needs \"{detail}\". Add it."),
        Code.ONE_OF: _("Give exactly one of {detail}."),
    }[code]


@dataclass(frozen=True)
class DocumentProblem(Problem):
    """A problem located by its path in the document (kept in `column`)."""

    @property
    def where(self) -> str:
        return f"{self.file}, {self.column}" if self.column else self.file


class StrategyRejected(Exception):
    """The strategy file has errors; nothing was read."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(not p.is_warning for p in problems)} errors")
        self.problems = problems
