"""Read generated files back and measure them: the oracle the calibration tests use.

Deliberately independent of the generator's internals: it only knows the file format.
Measures follow KEY-FIGURES.md closely enough for broad calibration bands (e.g. gaps of at
most 90 days are bridged when counting exits), not as the key-figure engine.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import polars as pl

from sigtepunkt.hrdata import enums, schema

ORDINARY = tuple(enums.EMPLOYMENT_TYPE.label_da(c) for c in enums.ORDINARY_EMPLOYMENT_TYPES)
SICK = tuple(enums.ABSENCE_CAUSE.label_da(c) for c in enums.SICKNESS_CAUSES)


def read(path: Path, encoding: str = "utf-8-sig") -> pl.DataFrame:
    """A generated CSV as text columns named by the schema's column names."""
    text = path.read_bytes().decode(encoding)
    frame = pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)
    table = next(t for t in schema.TABLES if f"{t.file_da}.csv" == path.name)
    assert frame.columns == [c.header_da for c in table.columns]
    frame.columns = list(table.column_names)
    kinds = {c.name: c.kind for c in table.columns}
    casts = []
    for name, kind in kinds.items():
        if kind is schema.Kind.DATE:
            casts.append(pl.col(name).str.strptime(pl.Date, "%d-%m-%Y"))
        elif kind is schema.Kind.DECIMAL:
            casts.append(pl.col(name).str.replace(",", ".").cast(pl.Float64))
        elif kind is schema.Kind.INTEGER:
            casts.append(pl.col(name).cast(pl.Int64))
    return frame.with_columns(casts)


def load(out_dir: Path, encoding: str = "utf-8-sig") -> dict[str, pl.DataFrame]:
    return {t.name: read(out_dir / f"{t.file_da}.csv", encoding) for t in schema.TABLES}


def _ordinary(emp: pl.DataFrame) -> pl.DataFrame:
    return emp.filter(pl.col("employment_type").is_in(ORDINARY))


def present(emp: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Ordinary spells active on `day`."""
    return _ordinary(emp).filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    )


def headcount(emp: pl.DataFrame, day: dt.date) -> int:
    return present(emp, day)["cpr"].n_unique()


def ages(emp: pl.DataFrame, day: dt.date) -> np.ndarray:
    from sigtepunkt.hrdata import cpr

    people = present(emp, day)["cpr"].unique().to_list()
    return np.array([(day - cpr.birth_date(c)).days // 365.25 for c in people])


def part_time_share(emp: pl.DataFrame, day: dt.date) -> float:
    per_person = present(emp, day).group_by("cpr").agg(pl.col("weekly_hours").sum())
    return float((per_person["weekly_hours"] < 37).mean())


def external_exits(emp: pl.DataFrame, extract: dt.date) -> pl.DataFrame:
    """Exits from the municipality: end of presence followed by > 90 days without (KEY-FIGURES)."""
    spells = (
        _ordinary(emp)
        .select(
            "cpr", "start_date", pl.col("end_date").fill_null(dt.date(9999, 1, 1)), "end_reason"
        )
        .sort("cpr", "start_date")
    )
    spells = spells.with_columns(
        pl.col("end_date").cum_max().over("cpr").alias("reach"),
    ).with_columns(pl.col("start_date").shift(-1).over("cpr").alias("next_start"))
    last = spells.filter(
        (pl.col("reach") == pl.col("end_date"))
        & (pl.col("end_date") < extract)
        & (
            pl.col("next_start").is_null()
            | ((pl.col("next_start") - pl.col("reach")).dt.total_days() > 91)
        )
    )
    return last.filter(pl.col("end_reason") != enums.END_REASON.label_da("death"))


def turnover(emp: pl.DataFrame, extract: dt.date, years: int = 5) -> float:
    """Mean annual external exits over the last `years` ÷ mean headcount, in %."""
    p0 = extract.replace(year=extract.year - years)
    exits = external_exits(emp, extract).filter(pl.col("end_date") >= p0).height
    counts = [headcount(emp, extract.replace(year=extract.year - k)) for k in range(years + 1)]
    return 100 * exits / years / float(np.mean(counts))


def sickness_rate(emp: pl.DataFrame, absence: pl.DataFrame, year: int, hol: np.ndarray) -> float:
    """Sickness hours ÷ planned hours in a calendar year for ordinary staff, in %."""
    p0, p1 = np.datetime64(f"{year}-01-01"), np.datetime64(f"{year}-12-31")
    sp = _ordinary(emp).with_columns(pl.col("end_date").fill_null(dt.date(9999, 1, 1)))
    s = np.maximum(sp["start_date"].to_numpy().astype("datetime64[D]"), p0)
    e = np.minimum(sp["end_date"].to_numpy().astype("datetime64[D]"), p1)
    wd = np.busday_count(s, np.maximum(e + 1, s), holidays=hol)
    planned = float(np.sum(wd * sp["weekly_hours"].to_numpy() / 5))
    hours = sp.group_by("employment_id").agg(pl.col("weekly_hours").mean())
    ab = absence.filter(pl.col("cause").is_in(SICK)).join(hours, on="employment_id")
    a0 = ab["from_date"].to_numpy().astype("datetime64[D]")
    a1 = ab["to_date"].to_numpy().astype("datetime64[D]")
    s, e = np.maximum(a0, p0), np.minimum(a1, p1)
    inside = e >= s
    wd = np.busday_count(s, np.maximum(e + 1, s), holidays=hol)
    whole = wd * ab["weekly_hours"].to_numpy() / 5
    cal_days = (a1 - a0).astype(int) + 1
    spread = ab["hours"].to_numpy() * np.maximum((e - s).astype(int) + 1, 0) / cal_days
    sick = np.where(np.isnan(ab["hours"].to_numpy()), whole, spread)
    return 100 * float(np.sum(sick[inside])) / planned


def top5_share(absence: pl.DataFrame, hol: np.ndarray) -> float:
    """Share of sickness working days of the 5% of persons with most (among those with any)."""
    ab = absence.filter(pl.col("cause").is_in(SICK))
    wd = np.busday_count(
        ab["from_date"].to_numpy().astype("datetime64[D]"),
        ab["to_date"].to_numpy().astype("datetime64[D]") + 1,
        holidays=hol,
    )
    per = (
        ab.with_columns(pl.Series("wd", np.maximum(wd, 1))).group_by("cpr").agg(pl.col("wd").sum())
    )
    days = np.sort(per["wd"].to_numpy())[::-1]
    return float(days[: max(1, len(days) // 20)].sum() / days.sum())


def apprentices_active(education: pl.DataFrame, day: dt.date) -> int:
    active = education.filter(
        (pl.col("start_date") <= day)
        & (pl.col("actual_end").is_null() | (pl.col("actual_end") >= day))
    )
    return active["cpr"].n_unique()
