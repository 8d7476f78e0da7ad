"""CSV files as Danish payroll systems and Excel write them.

Semicolon-separated, decimal comma with two decimals, dates dd-mm-yyyy, ja/nej, Danish
choice labels, empty cells for missing values, CRLF line ends; UTF-8 with BOM or
Windows-1252. Files are opened once and appended to chunk by chunk, so memory stays
bounded however large the municipality.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import numpy as np
import polars as pl

from sigtepunkt.hrdata import schema
from sigtepunkt.hrdata.enums import Vocabulary
from sigtepunkt.synth.dates import NO_END

ENCODINGS = ("utf-8-sig", "cp1252")


def dates(values: np.ndarray, missing: np.ndarray | None = None) -> pl.Series:
    """dd-mm-yyyy text; NO_END (or `missing`) becomes an empty cell."""
    values = np.asarray(values, dtype=np.int64)
    miss = values >= NO_END if missing is None else (missing | (values >= NO_END))
    s = pl.Series(np.where(miss, 0, values).astype(np.int32)).cast(pl.Date).dt.strftime("%d-%m-%Y")
    return _strings(np.where(miss, "", s.to_numpy()))


def decimals(values: np.ndarray) -> pl.Series:
    """Two decimals with a decimal comma ("32,00"); NaN becomes an empty cell."""
    values = np.asarray(values, dtype=float)
    miss = np.isnan(values)
    cents = np.round(np.where(miss, 0, values) * 100).astype(np.int64)
    text = (
        pl.Series(cents // 100).cast(pl.String)
        + ","
        + pl.Series(cents % 100).cast(pl.String).str.zfill(2)
    )
    return _strings(np.where(miss, "", text.to_numpy()))


def integers(values: np.ndarray) -> pl.Series:
    """Whole numbers; negative values mean missing and become empty cells."""
    values = np.asarray(values, dtype=np.int64)
    text = pl.Series(values).cast(pl.String).to_numpy()
    return _strings(np.where(values < 0, "", text))


def booleans(values: np.ndarray) -> pl.Series:
    return _strings(np.where(np.asarray(values, bool), "ja", "nej"))


def labels(
    codes: np.ndarray, vocabulary: Vocabulary, missing: np.ndarray | None = None
) -> pl.Series:
    """Danish labels of a vocabulary for integer codes (index into its choices)."""
    table = np.array([c.label_da for c in vocabulary.choices] + [""], dtype=object)
    codes = np.asarray(codes, dtype=np.int64)
    if missing is not None:
        codes = np.where(missing, len(table) - 1, codes)
    return _strings(table[codes])


def texts(values: np.ndarray) -> pl.Series:
    values = np.asarray(values, dtype=object)
    return _strings(np.where(values == None, "", values))  # noqa: E711 (elementwise)


def _strings(values: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(values).astype(str), dtype=pl.String)


class TableWriter:
    """One open CSV file per schema table; `write` appends a chunk of string columns."""

    def __init__(self, out_dir: Path, encoding: str) -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {ENCODINGS}")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.paths = {t.name: out_dir / f"{t.file_da}.csv" for t in schema.TABLES}
        self.rows = {t.name: 0 for t in schema.TABLES}
        self.files: dict[str, BinaryIO] = {}
        for table in schema.TABLES:
            fh = self.paths[table.name].open("wb")
            if encoding == "utf-8-sig":
                fh.write(b"\xef\xbb\xbf")
            fh.write(self._encode(";".join(c.header_da for c in table.columns) + "\r\n"))
            self.files[table.name] = fh

    def _encode(self, text: str) -> bytes:
        return text.encode(self.encoding)

    def write(self, table: schema.Table, columns: dict[str, pl.Series]) -> None:
        frame = pl.DataFrame({name: columns[name] for name in table.column_names})
        if not frame.height:
            return
        # Empty strings become nulls, which polars writes as truly empty cells (not "").
        frame = frame.with_columns(pl.when(pl.all() != "").then(pl.all()).name.keep())
        text = frame.write_csv(separator=";", include_header=False, line_terminator="\r\n")
        self.files[table.name].write(self._encode(text))
        self.rows[table.name] += frame.height

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
