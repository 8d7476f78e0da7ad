"""The benchmark commands: import, list and export external comparison values."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from sigtepunkt.cli.output import EXIT_REJECTED, console, danish_int
from sigtepunkt.config import get_settings
from sigtepunkt.i18n import gettext as _
from sigtepunkt.i18n import ngettext

logger = logging.getLogger(__name__)


@click.group("benchmark", help=_(
    "External comparison values (benchmarks), e.g. the national or Region Hovedstaden average, stored "
    "beside the municipality's own key figures. The format is described in docs/benchmark-format.md."))
def benchmark_group() -> None:
    pass


@benchmark_group.command("import", help=_(
    "Validate a benchmark CSV file and store it, replacing the sets it holds. All or nothing: if any row "
    "is wrong, nothing is changed and every problem is listed."))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--set", "set_name", metavar="NAME",
              help=_("Name of the benchmark set for every row (instead of the file's set column)."))
def benchmark_import_command(path: Path, set_name: str | None) -> None:
    from sigtepunkt.analytics.benchmarks.problems import BenchmarksRejected
    from sigtepunkt.analytics.benchmarks.services import benchmarks_import
    from sigtepunkt.analytics.store import store_path

    try:
        report = benchmarks_import(store=store_path(get_settings().home), path=path, set_name=set_name)
    except BenchmarksRejected as rejected:
        for problem in rejected.problems:
            label, style = (_("Warning"), "yellow") if problem.is_warning else (_("Error"), "red")
            console.print(f"[{style}]{label}[/] {problem.where}: {problem.text}", soft_wrap=True)
        n = len(rejected.errors)
        console.print(ngettext("[red]Rejected:[/] {n} error. Nothing was changed.",
                               "[red]Rejected:[/] {n} errors. Nothing was changed.", n).format(n=danish_int(n)))
        sys.exit(EXIT_REJECTED)
    for problem in report.warnings:
        console.print(f"[yellow]{_('Warning')}[/] {problem.where}: {problem.text}", soft_wrap=True)
    for name, rows in report.sets.items():
        console.print(_("[green]Imported[/] the benchmark set \"{name}\": {rows} rows.").format(
            name=name, rows=danish_int(rows)))


@benchmark_group.command("list", help=_("List the stored benchmark sets."))
def benchmark_list_command() -> None:
    from sigtepunkt.analytics.benchmarks.services import benchmarks_list
    from sigtepunkt.analytics.store import store_path

    sets = benchmarks_list(store=store_path(get_settings().home))
    if not sets:
        console.print(_("No benchmarks are stored. Run 'sigtepunkt benchmark import FILE.csv'."))
    for s in sets:
        line = _("{name}: {rows} rows, {figures} key figures, {first}–{last} (file {file}, imported {when})")
        console.print(line.format(
            name=s.name, rows=danish_int(s.rows), figures=s.figures, first=s.first_year, last=s.last_year,
            file=s.file or "–", when=s.imported_at.strftime("%d-%m-%Y %H:%M")))


@benchmark_group.command("export", help=_(
    "Write the stored benchmarks to a CSV file in the import format, or, with --with-measurements, the "
    "municipality's key figures in the long format with the benchmarks as rows beside them."))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--set", "set_name", metavar="NAME", help=_("Only this benchmark set."))
@click.option("--with-measurements", is_flag=True,
              help=_("Export the measurements with the benchmarks beside them (long format)."))
def benchmark_export_command(path: Path, set_name: str | None, with_measurements: bool) -> None:
    from sigtepunkt.analytics.benchmarks.services import benchmarks_export
    from sigtepunkt.analytics.store import measurements_export_with_benchmarks, open_store, store_path

    store = store_path(get_settings().home)
    if with_measurements:
        if not store.exists():
            raise click.UsageError(_("No key figures are stored yet. Run 'sigtepunkt measure' first."))
        with open_store(store, read_only=True) as con:
            rows = measurements_export_with_benchmarks(con, path)
    else:
        rows = benchmarks_export(store=store, path=path, set_name=set_name)
    console.print(_("Wrote {rows} rows to {path}.").format(rows=danish_int(rows), path=path))
