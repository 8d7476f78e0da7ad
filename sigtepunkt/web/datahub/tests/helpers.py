"""Helpers of the data page's tests: upload files as a browser does, count warehouse rows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from sigtepunkt.web.datahub.tests.conftest import EXTRACT_DATE


def copy_export(export_dir: Path, target: Path) -> Path:
    shutil.copytree(export_dir, target)
    return target


def upload(client, paths: list[Path], *, extract_date: dt.date = EXTRACT_DATE):
    """POST files to the upload URL as a browser's multipart form does."""
    handles = [p.open("rb") for p in paths]
    try:
        return client.post("/data/indlaes/", {"files": handles, "extract_date": extract_date.strftime("%d-%m-%Y")})
    finally:
        for handle in handles:
            handle.close()


def warehouse_counts(sp) -> dict[str, int]:
    """Rows per table (and in the import log), read straight from the warehouse."""
    from sigtepunkt.hrdata.schema import TABLES

    with duckdb.connect(str(sp.warehouse_path), read_only=True) as con:
        counts = {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in TABLES}
        counts["persons"] = con.execute("SELECT count(*) FROM persons").fetchone()[0]
    return counts
