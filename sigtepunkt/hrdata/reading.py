"""Read an export file into a table of text cells with canonical column names.

Danish HR staff hand over what Excel and the payroll system write: CSV with semicolons and
decimal commas in Windows-1252 or UTF-8 with a byte-order mark, and XLSX. Everything is
read as text here; `parsing` turns text into typed values and says what does not parse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.hrdata.schema import PERSONAL_COLUMNS, TABLES, Table, normalise_header

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".csv", ".txt", ".xlsx")
ROW = "_row"
_DUPLICATE_SUFFIX = re.compile(r"_duplicated_\d+$")


@dataclass
class RawTable:
    """The text cells of one file, columns renamed to the schema's names, plus a row number."""

    path: Path
    table: Table
    frame: pl.DataFrame
    sha256: str
    encoding: str
    dropped_columns: list[str] = field(default_factory=list)


def discover(paths: list[Path]) -> list[Path]:
    """Return the import files named, or found in the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.iterdir())
                if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith((".", "~$"))
            )
        else:
            found.append(path)
    return found


def read_export(path: Path, problems: list[Problem]) -> RawTable | None:
    """Read one file; append what is wrong with it to `problems` and return None if unusable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=exc.strerror or str(exc)))
        return None
    try:
        if path.suffix.lower() == ".xlsx":
            frame, encoding = _read_xlsx(data), "xlsx"
        else:
            frame, encoding = _read_csv(data)
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem
        problems.append(Problem(Code.UNREADABLE_FILE, path.name, detail=str(exc).splitlines()[0][:200]))
        return None
    table = _recognise(path, frame.columns)
    if table is None:
        problems.append(Problem(Code.UNKNOWN_FILE, path.name))
        return None
    frame, dropped = _rename_columns(path.name, table, frame, problems)
    if frame is None:
        return None
    if frame.height == 0:
        problems.append(Problem(Code.EMPTY_FILE, path.name))
        return None
    sha = hashlib.sha256(data).hexdigest()
    return RawTable(path, table, frame, sha, encoding, dropped)


def _decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM) when valid, otherwise Windows-1252.

    Excel's "Unicode-tekst" is UTF-16 with a byte-order mark (and tabs), so that is read too.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252"), "cp1252"
    # Excel's "CSV (Macintosh)" ends lines with a lone CR.
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return text, encoding


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _read_csv(data: bytes) -> tuple[pl.DataFrame, str]:
    text, encoding = _decode(data)
    if not text.strip():
        raise ValueError("filen er tom")
    frame = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        separator=_sniff_separator(text),
        infer_schema=False,
        has_header=True,
        raise_if_empty=False,
    )
    return frame, encoding


def _xlsx_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_xlsx(data: bytes) -> pl.DataFrame:
    """Read the first sheet of a workbook as text; Excel's own dates and numbers become ISO text."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h) if h is not None else f"kolonne_{i + 1}" for i, h in enumerate(next(rows, ()))]
        body = [[_xlsx_text(v) for v in row[: len(header)]] for row in rows]
    finally:
        book.close()
    body = [row + [None] * (len(header) - len(row)) for row in body]
    columns = {name: [row[i] for row in body] for i, name in enumerate(_unique(header))}
    return pl.DataFrame(columns, schema={name: pl.String for name in columns})


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_duplicated_{seen[name] - 2}")
    return out


def _recognise(path: Path, headers: list[str]) -> Table | None:
    """Tell which table a file holds: by its name first, otherwise by its column headers."""
    stem = normalise_header(path.stem)
    names = sorted(
        ((normalise_header(n), t) for t in TABLES for n in (t.name, t.file_da, *t.file_aliases)),
        key=lambda pair: -len(pair[0]),
    )
    for name, table in names:
        if stem == name:
            return table
    for name, table in names:
        if stem.startswith(name):
            return table
    folded = {normalise_header(h) for h in headers}
    best, best_score = None, 0
    for table in TABLES:
        matched = sum(any(normalise_header(s) in folded for s in c.spellings()) for c in table.columns)
        complete = all(
            any(normalise_header(s) in folded for s in table.column(c).spellings()) for c in table.required
        )
        if complete and matched > best_score:
            best, best_score = table, matched
    return best


def _rename_columns(
    file: str, table: Table, frame: pl.DataFrame, problems: list[Problem]
) -> tuple[pl.DataFrame | None, list[str]]:
    """Map headers to the schema's names; drop personal and unknown columns, say what is missing."""
    lookup = {normalise_header(s): c.name for c in table.columns for s in c.spellings()}
    renames: dict[str, str] = {}
    dropped: list[str] = []
    failed = False
    for header in frame.columns:
        # Polars (and the XLSX reader) rename a repeated header "X" to "X_duplicated_0"
        name = lookup.get(normalise_header(_DUPLICATE_SUFFIX.sub("", header)))
        if name is None:
            dropped.append(header)
            if normalise_header(header) not in PERSONAL_COLUMNS:
                problems.append(Problem(Code.UNKNOWN_COLUMN, file, row=1, value=header, is_warning=True))
        elif name in renames.values():
            header_da = table.column(name).header_da
            problems.append(Problem(Code.DUPLICATE_COLUMN, file, row=1, column=header_da,
                                    value=_DUPLICATE_SUFFIX.sub("", header)))
            failed = True
        else:
            renames[header] = name
    for column in table.columns:
        if column.required and column.name not in renames.values():
            problems.append(Problem(Code.MISSING_COLUMN, file, row=1, column=column.header_da))
            failed = True
    if failed:
        return None, dropped
    frame = frame.select(
        [pl.col(h).alias(n) for h, n in renames.items()]
        + [pl.lit(None, pl.String).alias(c.name) for c in table.columns if c.name not in renames.values()]
    ).select(table.column_names)
    frame = frame.with_columns(pl.all().str.strip_chars().replace("", None))
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    # Blank lines (or ";;;;" lines) are skipped, keeping the row numbers of the rest.
    frame = frame.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))
    return frame, dropped
