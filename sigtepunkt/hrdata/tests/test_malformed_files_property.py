"""Malformed exports never crash the import: it returns a report, every error has a message
and a file, and a rejected import leaves the warehouse (which holds the fixture) unchanged.

Two properties: one mangles the structure of a file (bytes, headers, separators, length,
encoding), the other puts random or tricky text in a random cell.
"""

from __future__ import annotations

import contextvars
import itertools
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.tests.support import (
    CRLF,
    ENCODING,
    FIXTURE_DIR,
    FIXTURE_FILES,
    content_hash,
    describe,
    fixture_rows,
    fixture_text,
    import_log,
    rows_to_text,
    run_import,
)
from sigtepunkt.i18n import activate

PROPERTY_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_counter = itertools.count()


def _bytes(name: str) -> bytes:
    return (FIXTURE_DIR / name).read_bytes()


def _header_edit(draw, name: str, how: str) -> bytes:
    rows = fixture_rows(name)
    header = rows[0]
    i = draw(st.integers(0, len(header) - 1))
    if how == "remove":
        header.pop(i)
    elif how == "duplicate":
        header[i] = header[draw(st.integers(0, len(header) - 1))]
    elif how == "rename":
        header[i] = draw(st.text(st.characters(exclude_characters=";\r\n"), max_size=20))
    elif how == "append":
        header.append(header[i])
    return rows_to_text(rows).encode(ENCODING, errors="replace")


@st.composite
def structural_mutation(draw) -> tuple[str, bytes]:
    """A fixture file mangled in its bytes, headers, separators or length: (file name, content)."""
    name = draw(st.sampled_from(FIXTURE_FILES))
    data = _bytes(name)
    kind = draw(
        st.sampled_from(
            [
                "corrupt",
                "truncate",
                "remove_header",
                "duplicate_header",
                "rename_header",
                "append_header",
                "separator",
                "empty",
                "binary",
                "xlsx_garbage",
                "drop_line",
                "duplicate_line",
                "encoding",
                "no_header",
            ]
        )
    )
    if kind == "corrupt":
        buf = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            buf[draw(st.integers(0, len(buf) - 1))] = draw(st.integers(0, 255))
        data = bytes(buf)
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif kind.endswith("_header"):
        data = _header_edit(draw, name, kind.removesuffix("_header"))
    elif kind == "separator":
        new = draw(st.sampled_from([",", "\t", "|", " ", ";;", ":"]))
        text = fixture_text(name)
        if draw(st.booleans()):
            data = text.replace(";", new).encode(ENCODING)
        else:  # only the header, or only the body
            head, body = text.split(CRLF, 1)
            data = (
                head.replace(";", new) + CRLF + body if draw(st.booleans()) else head + CRLF + body.replace(";", new)
            ).encode(ENCODING)
    elif kind == "empty":
        data = draw(
            st.sampled_from(
                [
                    b"",
                    b"\r\n",
                    b"\xef\xbb\xbf",
                    b" ",
                    b";;;\r\n;;;\r\n",
                    fixture_text(name).split(CRLF)[0].encode(ENCODING),
                ]
            )
        )
    elif kind == "binary":
        data = draw(st.binary(max_size=2048))
    elif kind == "xlsx_garbage":
        name = name.replace(".csv", ".xlsx")
        data = draw(st.sampled_from([b"", b"PK\x03\x04garbage", b"not a workbook"]))
        data += draw(st.binary(max_size=256))
    elif kind in ("drop_line", "duplicate_line"):
        lines = fixture_text(name).split(CRLF)
        i = draw(st.integers(0, len(lines) - 1))
        lines[i : i + 1] = [] if kind == "drop_line" else [lines[i], lines[i]]
        data = CRLF.join(lines).encode(ENCODING)
    elif kind == "encoding":
        enc = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp865", "mac-roman"]))
        data = fixture_text(name).encode(enc, errors="replace")
    elif kind == "no_header":
        data = fixture_text(name).split(CRLF, 1)[1].encode(ENCODING)
    return name, data


TRICKY_VALUES = [
    "",
    " ",
    "\u00a0",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e20",
    "1E400",
    "-0",
    "0",
    "1234567890123",
    "99999999,9999",
    "100000000",
    "1.234.567,89",
    "1,0E+10",
    "٣",
    "１２",
    "00-00-0000",
    "29-02-2023",
    "29-02-2024",
    "31-12-9999",
    "01-01-0001",
    "2024-06-30T00:00:00",
    "45000",
    "#VALUE!",
    "#####",
    "=1+1",
    "NULL",
    "N/A",
    "ja",
    "nej",
    "x",
    "070761-4285",
    "0000000000",
    "320190-1234",
    '"',
    '""',
    "'",
    "E1",
    "1111",
    "Egen sygdom",
    "ÆØÅ",
    "😀",
    "a" * 500,
]


@st.composite
def cell_mutation(draw) -> tuple[str, bytes]:
    """A fixture file with random or tricky text in one random data cell (or a few)."""
    name = draw(st.sampled_from(FIXTURE_FILES))
    rows = fixture_rows(name)
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(1, len(rows) - 1))
        c = draw(st.integers(0, len(rows[0]) - 1))
        rows[r][c] = draw(
            st.one_of(
                st.sampled_from(TRICKY_VALUES),
                st.text(st.characters(exclude_characters="\r\n;"), max_size=12),
                st.from_regex(r"-?\d{1,14}([.,]\d{1,6})?", fullmatch=True),
            )
        )
    encoding = draw(st.sampled_from([ENCODING, "utf-8-sig"]))
    return name, rows_to_text(rows).encode(encoding, errors="replace")


def _write_variant(base: Path, name: str, data: bytes) -> Path:
    folder = base / f"example-{next(_counter)}"
    folder.mkdir(parents=True)
    for fixture in FIXTURE_FILES:
        if fixture != name.replace(".xlsx", ".csv"):
            shutil.copyfile(FIXTURE_DIR / fixture, folder / fixture)
    (folder / name).write_bytes(data)
    return folder


def _english(problem) -> str:
    def text() -> str:
        activate("en")
        return problem.text

    return contextvars.copy_context().run(text)


def _check(settings_: Settings, folder: Path) -> None:
    before = content_hash(settings_)
    log_before = import_log(settings_)
    report = run_import(settings_, folder)  # must not raise
    assert report.status in ("accepted", "rejected"), report.status
    json.dumps(report.as_dict(), default=str)  # the CLI can print it
    for problem in report.problems:
        assert problem.text.strip(), problem
        assert problem.text != _english(problem), problem  # the message is translated (Danish by default)
        assert problem.file, problem
        assert problem.row is None or problem.row >= 1, problem
    if report.status == "rejected":
        assert report.errors, describe(report.problems)
        assert content_hash(settings_) == before, describe(report.problems)
        log_after = import_log(settings_)
        assert log_after[:-1] == log_before and log_after[-1][1] == "rejected"
    else:
        assert report.errors == []
    shutil.rmtree(folder)


@PROPERTY_SETTINGS
@given(mutation=structural_mutation())
def test_it_survives_structurally_malformed_files(loaded_warehouse, tmp_path, mutation):
    _check(loaded_warehouse, _write_variant(tmp_path / "examples", *mutation))


@PROPERTY_SETTINGS
@given(mutation=cell_mutation())
def test_it_survives_random_text_in_cells(loaded_warehouse, tmp_path, mutation):
    _check(loaded_warehouse, _write_variant(tmp_path / "examples", *mutation))
