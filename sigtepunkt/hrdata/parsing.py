"""Turn the text cells of an export into typed values, and say which cells do not parse.

Every conversion is a vectorised Polars expression, so a million absence rows parse in
well under a second; Python only touches the cells that are wrong and the distinct CPR
numbers (to pseudonymise them).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import polars as pl

from sigtepunkt.hrdata import cpr as cprlib
from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.hrdata.reading import ROW, RawTable
from sigtepunkt.hrdata.schema import Column, Kind, Table, normalise_header
from sigtepunkt.i18n import gettext as _

logger = logging.getLogger(__name__)

FILE = "_file"
PERSON_KEY = "person_key"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d")
TRUE_WORDS = ("ja", "j", "yes", "y", "true", "sand", "1", "x")
FALSE_WORDS = ("nej", "n", "no", "false", "falsk", "0", "-")
MAX_WEEKLY_HOURS = 80
MAX_DECIMAL = 1e8


@dataclass
class ParsedTable:
    """Typed rows of one file that parsed cleanly, and the persons their CPR numbers name."""

    table: Table
    file: str
    frame: pl.DataFrame
    persons: pl.DataFrame
    rows_read: int


def _fold(expr: pl.Expr) -> pl.Expr:
    """The Polars twin of `schema.normalise_header`, for vocabulary look-ups."""
    folded = expr.str.to_lowercase()
    for src, dst in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        folded = folded.str.replace_all(src, dst, literal=True)
    return folded.str.replace_all(r"[^a-z0-9]", "")


def _typed(column: Column, raw: pl.Expr) -> pl.Expr:
    match column.kind:
        case Kind.TEXT | Kind.CPR:
            return raw
        case Kind.DATE:
            # Parsed eagerly by `_parse_dates`, which tries one format on all rows and the others
            # only on the rows that one left; here the column passes through.
            return raw
        case Kind.DECIMAL:
            text = raw.str.replace_all(r"[\s\u00a0]", "")
            danish = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
            text = pl.when(text.str.contains(",", literal=True)).then(danish).otherwise(text)
            number = text.cast(pl.Float64, strict=False)
            # nan, inf and numbers the warehouse's DECIMAL(12, 4) cannot hold are not numbers here
            return pl.when(number.is_finite() & (number.abs() < MAX_DECIMAL)).then(number)
        case Kind.INTEGER:
            text = raw.str.replace_all(r"[\s\u00a0]", "")
            grouped = text.str.contains(r"^\d{1,3}(\.\d{3})+$")  # 1.234 is a thousands separator here
            text = pl.when(grouped).then(text.str.replace_all(".", "", literal=True)).otherwise(text)
            return text.cast(pl.Int64, strict=False)
        case Kind.BOOLEAN:
            folded = raw.str.to_lowercase()
            return (
                pl.when(raw.is_null()).then(pl.lit(False))
                .when(folded.is_in(TRUE_WORDS)).then(pl.lit(True))
                .when(folded.is_in(FALSE_WORDS)).then(pl.lit(False))
                .otherwise(pl.lit(None, pl.Boolean))
            )
        case Kind.CHOICE:
            assert column.vocabulary is not None
            mapping = {normalise_header(s): c.code for c in column.vocabulary.choices for s in c.spellings()}
            return _fold(raw).replace_strict(mapping, default=None, return_dtype=pl.String)
    raise AssertionError(column.kind)


_BAD_CODE = {
    Kind.DATE: Code.BAD_DATE,
    Kind.DECIMAL: Code.BAD_NUMBER,
    Kind.INTEGER: Code.BAD_INTEGER,
    Kind.BOOLEAN: Code.BAD_BOOLEAN,
    Kind.CHOICE: Code.BAD_CHOICE,
}


def _parse_dates(raw: pl.Series) -> pl.Series:
    """Parse a date column: the format the first value has on every row, the others only where needed.

    One export writes one format, so one strptime usually settles the column; trying every
    format on every row cost most of the import's time.
    """
    text = raw.str.replace(r"[ T]00:00(:00)?(\.0+)?$", "")
    sample = text.drop_nulls().head(1)
    order = sorted(DATE_FORMATS, key=lambda f: sample.str.strptime(pl.Date, f, strict=False).null_count())
    result = text.str.strptime(pl.Date, order[0], strict=False)
    left = (result.is_null() & text.is_not_null()).arg_true()
    if len(left):
        others = text.gather(left)
        result = result.scatter(left, pl.select(pl.coalesce(
            [others.str.strptime(pl.Date, f, strict=False) for f in order[1:]])).to_series())
    return result.alias(raw.name)


def _choices_da(column: Column) -> str:
    assert column.vocabulary is not None
    return ", ".join(c.label_da for c in column.vocabulary.choices)


def _cpr_columns(raw: pl.Expr) -> list[pl.Expr]:
    """Digits, birth date and gender of CPR numbers; null where the number is not valid."""
    digits = raw.str.replace_all(r"[\s-]", "")
    # Excel stores a CPR number typed as a number without its leading zero: 101904006 is 0101904006.
    digits = pl.when(digits.str.contains(r"^\d{9}$")).then(pl.concat_str(pl.lit("0"), digits)).otherwise(digits)
    digits = digits.str.extract(r"^(\d{10})$")
    yy = digits.str.slice(4, 2).cast(pl.Int32)
    d7 = digits.str.slice(6, 1).cast(pl.Int32)
    cent = (
        pl.when(d7 <= 3).then(1900)
        .when(d7.is_in([4, 9])).then(pl.when(yy <= 36).then(2000).otherwise(1900))
        .otherwise(pl.when(yy <= 57).then(2000).otherwise(1800))
    )
    iso = pl.concat_str([(cent + yy).cast(pl.String), digits.str.slice(2, 2), digits.str.slice(0, 2)], separator="-")
    birth = iso.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    gender = pl.when(digits.str.slice(9, 1).cast(pl.Int32) % 2 == 1).then(pl.lit("M")).otherwise(pl.lit("K"))
    return [digits.alias("_cpr_digits"), birth.alias("birth_date"), gender.alias("gender")]


def parse(
    raw: RawTable, *, key: bytes, problems: list[Problem], pseudonyms: dict[str, str] | None = None
) -> ParsedTable:
    """Convert the cells of `raw`; rows with any bad cell are reported and left out."""
    table, file = raw.table, raw.path.name
    frame = raw.frame
    typed = [(_typed(c, pl.col(c.name)).alias(c.name)) for c in table.columns if c.kind is not Kind.CPR]
    has_cpr = "cpr" in table.column_names
    parsed = frame.select(pl.col(ROW), *typed, *(_cpr_columns(pl.col("cpr")) if has_cpr else []))
    parsed = parsed.with_columns(_parse_dates(frame[c.name]) for c in table.columns if c.kind is Kind.DATE)
    bad = pl.Series("bad", [False] * frame.height, dtype=pl.Boolean)
    for column in table.columns:
        raw_col, new_col = frame[column.name], parsed[column.name if column.kind is not Kind.CPR else "birth_date"]
        missing = raw_col.is_null() & (column.required and column.kind is not Kind.BOOLEAN)
        invalid = raw_col.is_not_null() & new_col.is_null()
        bad = bad | missing | invalid
        _report(problems, file, frame[ROW], missing, Code.REQUIRED_VALUE, column)
        _report_invalid(problems, file, frame[ROW], raw_col, invalid, column, parsed)
    good = parsed.filter(~bad)
    persons = pl.DataFrame(schema={PERSON_KEY: pl.String, "birth_date": pl.Date, "gender": pl.String})
    if has_cpr:
        good, persons = _pseudonymise(good, key, {} if pseudonyms is None else pseudonyms)
    good = good.with_columns(pl.lit(file).alias(FILE))
    return ParsedTable(table, file, good, persons, frame.height)


def _report(problems: list[Problem], file: str, rows: pl.Series, mask: pl.Series, code: Code,
            column: Column) -> None:
    for row in rows.filter(mask).to_list():
        problems.append(Problem(code, file, row=row, column=column.header_da))


def _report_invalid(problems: list[Problem], file: str, rows: pl.Series, raw: pl.Series,
                    mask: pl.Series, column: Column, parsed: pl.DataFrame) -> None:
    if not mask.any():
        return
    if column.kind is Kind.CPR:
        digits = parsed["_cpr_digits"].filter(mask).to_list()
        for row, value, dig in zip(rows.filter(mask).to_list(), raw.filter(mask).to_list(), digits, strict=True):
            detail = _("it must have ten digits") if dig is None else _("the first six digits are not a date")
            problems.append(Problem(Code.BAD_CPR, file, row=row, column=column.header_da,
                                    value=cprlib.mask(value), detail=detail))
        return
    detail = _choices_da(column) if column.kind is Kind.CHOICE else None
    for row, value in zip(rows.filter(mask).to_list(), raw.filter(mask).to_list(), strict=True):
        problems.append(Problem(_BAD_CODE[column.kind], file, row=row, column=column.header_da,
                                value=value[:80], detail=detail))


def _pseudonymise(frame: pl.DataFrame, key: bytes, known: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Replace CPR digits by their keyed pseudonym; return the persons with birth date and gender.

    The HMAC runs once per distinct person of the whole import (`known` carries them from
    file to file), not once per row. `known` lives only as long as the import.
    """
    people = frame.select("_cpr_digits", "birth_date", "gender").unique("_cpr_digits", keep="first")
    keys = [known.get(d) or known.setdefault(d, cprlib.pseudonym(d, key)) for d in people["_cpr_digits"].to_list()]
    people = people.with_columns(pl.Series(PERSON_KEY, keys, dtype=pl.String))
    frame = frame.join(people.select("_cpr_digits", PERSON_KEY), on="_cpr_digits", how="left", maintain_order="left")
    frame = frame.drop("_cpr_digits", "birth_date", "gender")
    return frame, people.drop("_cpr_digits").select(PERSON_KEY, "birth_date", "gender")


def row_problems(parsed: ParsedTable, *, extract_date: dt.date, problems: list[Problem]) -> ParsedTable:
    """Check what a single row can tell: dates in order, nothing recorded after the extract date."""
    frame, table = parsed.frame, parsed.table
    checks = _ROW_CHECKS.get(table.name, ())
    bad = pl.Series("bad", [False] * frame.height, dtype=pl.Boolean)
    for check in checks:
        mask = frame.select(check.condition(extract_date)).to_series()
        mask = mask.fill_null(False)
        bad = bad | mask
        col = table.column(check.column)
        ref = table.column(check.other).header_da if check.other else extract_date.strftime("%d-%m-%Y")
        for row, value, other in zip(
            frame[ROW].filter(mask).to_list(),
            frame[check.column].filter(mask).to_list(),
            (frame[check.other].filter(mask).to_list() if check.other else [None] * int(mask.sum())),
            strict=True,
        ):
            detail = ref if check.code is Code.AFTER_EXTRACT else _fmt(other)
            if check.code is Code.HOURS_TOO_HIGH:
                detail = str(MAX_WEEKLY_HOURS)
            problems.append(Problem(check.code, parsed.file, row=row, column=col.header_da,
                                    value=_fmt(value), detail=detail))
    parsed.frame = frame.filter(~bad)
    return parsed


def _fmt(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "" if value is None else str(value)


@dataclass(frozen=True)
class _RowCheck:
    code: Code
    column: str
    other: str | None = None

    def condition(self, extract_date: dt.date) -> pl.Expr:
        col = pl.col(self.column)
        match self.code:
            case Code.END_BEFORE_START:
                return col < pl.col(self.other)
            case Code.AFTER_EXTRACT:
                return col > pl.lit(extract_date)
            case Code.NEGATIVE_NUMBER:
                return col < 0
            case Code.HOURS_TOO_HIGH:
                return col > MAX_WEEKLY_HOURS
        raise AssertionError(self.code)


_ROW_CHECKS: dict[str, tuple[_RowCheck, ...]] = {
    "org_units": (_RowCheck(Code.END_BEFORE_START, "valid_to", "valid_from"),),
    "employments": (
        _RowCheck(Code.END_BEFORE_START, "end_date", "start_date"),
        _RowCheck(Code.AFTER_EXTRACT, "start_date"),
        _RowCheck(Code.NEGATIVE_NUMBER, "weekly_hours"),
        _RowCheck(Code.HOURS_TOO_HIGH, "weekly_hours"),
        _RowCheck(Code.NEGATIVE_NUMBER, "full_time_hours"),
        _RowCheck(Code.HOURS_TOO_HIGH, "full_time_hours"),
    ),
    "absences": (
        _RowCheck(Code.END_BEFORE_START, "to_date", "from_date"),
        _RowCheck(Code.AFTER_EXTRACT, "to_date"),
        _RowCheck(Code.NEGATIVE_NUMBER, "hours"),
        _RowCheck(Code.NEGATIVE_NUMBER, "days"),
    ),
    "job_ads": (
        _RowCheck(Code.END_BEFORE_START, "deadline", "published"),
        _RowCheck(Code.AFTER_EXTRACT, "published"),
        _RowCheck(Code.NEGATIVE_NUMBER, "applicants"),
        _RowCheck(Code.NEGATIVE_NUMBER, "weekly_hours"),
    ),
    "education": (
        _RowCheck(Code.END_BEFORE_START, "planned_end", "start_date"),
        _RowCheck(Code.END_BEFORE_START, "actual_end", "start_date"),
        _RowCheck(Code.AFTER_EXTRACT, "start_date"),
        _RowCheck(Code.AFTER_EXTRACT, "actual_end"),
    ),
    "development_talks": (_RowCheck(Code.AFTER_EXTRACT, "talk_date"),),
    "course_completions": (_RowCheck(Code.AFTER_EXTRACT, "completed_on"),),
}
