"""Validation problems: what is wrong, where, and how to fix it, in Danish.

Each kind of problem is one `Code` with its message template; services raise or collect
`Problem` records, and tests assert on the code, never on a copied sentence.
"""

from __future__ import annotations

from enum import Enum

from sigtepunkt.i18n import gettext as _
from sigtepunkt.lib.problems import Problem

__all__ = ["Code", "Problem", "message"]


class Code(Enum):
    UNREADABLE_FILE = "unreadable_file"
    UNKNOWN_FILE = "unknown_file"
    EMPTY_FILE = "empty_file"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNKNOWN_COLUMN = "unknown_column"
    REQUIRED_VALUE = "required_value"
    BAD_DATE = "bad_date"
    BAD_NUMBER = "bad_number"
    BAD_INTEGER = "bad_integer"
    BAD_BOOLEAN = "bad_boolean"
    BAD_CHOICE = "bad_choice"
    BAD_CPR = "bad_cpr"
    NEGATIVE_NUMBER = "negative_number"
    HOURS_TOO_HIGH = "hours_too_high"
    END_BEFORE_START = "end_before_start"
    AFTER_EXTRACT = "after_extract"
    DUPLICATE_KEY = "duplicate_key"
    UNKNOWN_UNIT = "unknown_unit"
    UNKNOWN_PARENT = "unknown_parent"
    UNIT_CYCLE = "unit_cycle"
    OVERLAPPING_UNIT = "overlapping_unit"
    UNKNOWN_EMPLOYMENT = "unknown_employment"
    UNKNOWN_AD = "unknown_ad"
    UNKNOWN_PERSON = "unknown_person"
    OVERLAPPING_SPELLS = "overlapping_spells"
    PERSON_MISMATCH = "person_mismatch"
    ABSENCE_OUTSIDE_EMPLOYMENT = "absence_outside_employment"
    REPOST_BEFORE_ORIGINAL = "repost_before_original"
    AMBIGUOUS_EMPLOYMENT = "ambiguous_employment"
    NO_FILES = "no_files"


    @property
    def sentence(self) -> str:
        """This problem's sentence in the active language, with placeholders."""
        return message(self)

def message(code: Code) -> str:
    """Return the Danish (or active language's) sentence for a problem code.

    Placeholders: {column} the column's header, {value} the value found, {detail} a
    code-specific detail (the expected format, the missing id, the other row).
    """
    return {
        Code.UNREADABLE_FILE: _("The file cannot be read: {detail}. Save it again as CSV (semicolon-separated) or XLSX."),
        Code.UNKNOWN_FILE: _("The file is not recognised as one of the import formats. Name the file after its table (e.g. ansaettelser.csv) or use the column headers from docs/import-formats.md."),
        Code.EMPTY_FILE: _("The file has no data rows. Export it again with the data rows."),
        Code.MISSING_COLUMN: _("The required column \"{column}\" is missing. Add the column with this header (or one of the accepted spellings in docs/import-formats.md)."),
        Code.DUPLICATE_COLUMN: _("The column \"{column}\" appears more than once (\"{value}\"). Remove one of them."),
        Code.UNKNOWN_COLUMN: _("The column \"{value}\" is not part of the format and was ignored."),
        Code.REQUIRED_VALUE: _("\"{column}\" is empty but must be filled in. Fill in the value or remove the row."),
        Code.BAD_DATE: _("\"{value}\" is not a valid date in \"{column}\". Write the date as DD-MM-YYYY or YYYY-MM-DD, e.g. 31-01-2026."),
        Code.BAD_NUMBER: _("\"{value}\" is not a number in \"{column}\". Write a number with decimal comma, e.g. 32,5."),
        Code.BAD_INTEGER: _("\"{value}\" is not a whole number in \"{column}\". Write a whole number, e.g. 12."),
        Code.BAD_BOOLEAN: _("\"{value}\" is not yes or no in \"{column}\". Write ja or nej."),
        Code.BAD_CHOICE: _("\"{value}\" is not an allowed value in \"{column}\". Use one of: {detail}."),
        Code.BAD_CPR: _("\"{value}\" is not a valid CPR number in \"{column}\": {detail}. Write the ten digits DDMMYYSSSS, with or without a hyphen."),
        Code.NEGATIVE_NUMBER: _("\"{value}\" in \"{column}\" is negative. Write zero or a positive number."),
        Code.HOURS_TOO_HIGH: _("\"{value}\" weekly hours in \"{column}\" is more than a week has room for. Check the number; it must be at most {detail}."),
        Code.END_BEFORE_START: _("\"{column}\" ({value}) is before the start date ({detail}). Correct one of the two dates."),
        Code.AFTER_EXTRACT: _("\"{column}\" ({value}) is after the extract date {detail}. A recorded event cannot lie after the day the data was extracted; correct the date or the extract date."),
        Code.DUPLICATE_KEY: _("The row repeats the key {value}, which is also on {detail}. Remove the duplicate or correct the key."),
        Code.UNKNOWN_UNIT: _("The unit \"{value}\" in \"{column}\" is not in the organisation. Import the organisation file with this unit, or correct the unit id."),
        Code.UNKNOWN_PARENT: _("The parent unit \"{value}\" is not in the organisation. Add the parent unit or leave the column empty for the root."),
        Code.UNIT_CYCLE: _("The unit \"{value}\" lies under itself in the organisation tree. Correct the parent units so that the tree has no loops."),
        Code.OVERLAPPING_UNIT: _("The unit \"{value}\" has validity periods that overlap ({detail}). Let one period end the day before the next begins."),
        Code.UNKNOWN_EMPLOYMENT: _("The employment \"{value}\" in \"{column}\" is not among the employments. Import the employments file with it, or correct the id."),
        Code.UNKNOWN_AD: _("The job ad \"{value}\" in \"{column}\" does not exist. Include the original ad or correct the id."),
        Code.UNKNOWN_PERSON: _("The person with the CPR number in \"{column}\" has no employment in the data. Import the employments file with this person, or remove the row."),
        Code.OVERLAPPING_SPELLS: _("The employment \"{value}\" has periods that overlap ({detail}). Let one period end the day before the next begins."),
        Code.PERSON_MISMATCH: _("The CPR number does not match the employment \"{value}\", which belongs to another person. Correct the CPR number or the employment id."),
        Code.ABSENCE_OUTSIDE_EMPLOYMENT: _("The absence {value} lies outside the employment's period ({detail}). Correct the dates or the employment id."),
        Code.REPOST_BEFORE_ORIGINAL: _("The ad re-posts \"{value}\", which is published later ({detail}). A re-post must be published after the ad it re-posts."),
        Code.AMBIGUOUS_EMPLOYMENT: _("The employment \"{value}\" has rows for more than one CPR number. One employment id must belong to one person."),
        Code.NO_FILES: _("No files to import were found. Give CSV or XLSX files, or a folder that holds them."),
    }[code]

