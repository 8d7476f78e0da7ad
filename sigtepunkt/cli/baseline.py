"""The baseline command: write the startmåling workbook."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from sigtepunkt.cli.output import console, danish_int
from sigtepunkt.config import get_settings
from sigtepunkt.i18n import gettext as _

logger = logging.getLogger(__name__)


@click.command("baseline", help=_(
    "Write the baseline (startmåling) workbook: one sheet per track with every key figure for the "
    "municipality, every centre and every job group, against last year and the benchmark, with definitions."))
@click.option("--year", type=click.IntRange(1900, 2100), default=None,
              help=_("Calendar year (default: the last complete year in the measurements store)."))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=_("The workbook to write (.xlsx)."))
def baseline_command(year: int | None, out_path: Path) -> None:
    from sigtepunkt.analytics.baseline.services import BaselineError, baseline_create
    from sigtepunkt.analytics.store import store_path

    try:
        report = baseline_create(store=store_path(get_settings().home), out=out_path, year=year)
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from exc
    console.print(_("Wrote the baseline {year} to {path}: {municipalities} municipality(ies), {centres} centres, "
                    "{rows} rows.").format(year=report.year, path=report.path, municipalities=report.municipalities,
                                          centres=report.centres, rows=danish_int(sum(report.rows.values()))))
