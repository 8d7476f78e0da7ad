"""The commands of issue 2's data foundation: init, generate, import, status."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from sigtepunkt.cli.output import (
    EXIT_OK,
    EXIT_REJECTED,
    console,
    danish_date,
    danish_int,
    print_json,
    progress_bar,
)
from sigtepunkt.config import get_settings
from sigtepunkt.hrdata.importing import ImportReport, hr_import
from sigtepunkt.hrdata.schema import TABLES_BY_NAME
from sigtepunkt.i18n import gettext as _
from sigtepunkt.i18n import ngettext
from sigtepunkt.warehouse.connection import init_warehouse, open_warehouse
from sigtepunkt.warehouse.status import warehouse_status

logger = logging.getLogger(__name__)


def _end_of_last_month(today: dt.date) -> dt.date:
    return today.replace(day=1) - dt.timedelta(days=1)


class DanishDate(click.ParamType):
    name = "dato"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(str(value), fmt).date()
            except ValueError:
                continue
        self.fail(_("\"{value}\" is not a date; write YYYY-MM-DD or DD-MM-YYYY.").format(value=value), param, ctx)


@click.command("init", help=_("Create the data folder, the warehouse and the pseudonymisation key."))
def init_command() -> None:
    settings = get_settings()
    result = init_warehouse(settings)
    console.print(_("Data folder: {home}").format(home=settings.home))
    console.print(
        (_("Created the warehouse {path}") if result.created_warehouse else _("The warehouse {path} already exists"))
        .format(path=settings.warehouse_path)
    )
    if result.created_key:
        console.print(_("Created the pseudonymisation key {path}. Keep a backup of it apart from the warehouse: "
                        "without it, new extracts cannot be linked to the history.").format(path=settings.key_file))
    else:
        console.print(_("The pseudonymisation key {path} already exists and was kept.").format(path=settings.key_file))


@click.command("generate", help=_(
    "Write a synthetic municipality ('Eksempel Kommune') as payroll exports in the import formats."))
@click.option("--employees", "-n", type=click.IntRange(min=50), default=2000, show_default=True,
              help=_("Approximate number of ordinary staff at the extract date."))
@click.option("--seed", type=int, default=1, show_default=True,
              help=_("Random seed; the same seed gives the same files."))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help=_("Folder to write the files to."))
@click.option("--extract-date", type=DanishDate(), default=None,
              help=_("The day the export is taken (default: the last day of last month)."))
@click.option("--municipalities", type=click.IntRange(min=1, max=98), default=1, show_default=True,
              help=_("Number of municipalities; more than one gives a national tree with regions."))
@click.option("--encoding", type=click.Choice(["utf-8-sig", "cp1252"]), default="utf-8-sig", show_default=True,
              help=_("UTF-8 with byte-order mark, or Windows-1252 as older Danish Excel writes."))
@click.option("--quiet", is_flag=True, help=_("No progress bar."))
def generate_command(employees: int, seed: int, out_dir: Path, extract_date: dt.date | None,
                     municipalities: int, encoding: str, quiet: bool) -> None:
    from sigtepunkt.synth import generate_municipality

    extract_date = extract_date or _end_of_last_month(dt.date.today())
    out_dir.mkdir(parents=True, exist_ok=True)
    with progress_bar(not quiet) as progress:
        summary = generate_municipality(out_dir=out_dir, employees=employees, seed=seed,
                                        extract_date=extract_date, municipalities=municipalities,
                                        encoding=encoding, progress=progress)
    console.print(_("Wrote {n} files to {out} (extract date {date}):").format(
        n=len(summary.files), out=out_dir, date=danish_date(summary.extract_date)))
    for table, path in summary.files.items():
        console.print(f"  {Path(path).name:<20} {danish_int(summary.rows[table]):>12} " + _("rows"))
    console.print(_("Ordinary staff at the extract date: {n}").format(n=danish_int(summary.employees_at_extract)))


@click.command("import", help=_(
    "Validate HR exports (CSV or XLSX files, or folders) and load them into the warehouse. "
    "All or nothing: if any row is wrong, nothing is changed and every problem is listed."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--extract-date", type=DanishDate(), default=None,
              help=_("The day the export was taken (default: today). Nothing recorded after it is accepted."))
@click.option("--replace", is_flag=True,
              help=_("Let each file replace its whole table (a full re-extract) instead of merging by key."))
@click.option("--check", "check_only", is_flag=True, help=_("Only validate; change nothing."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the report as JSON on standard output."))
@click.option("--max-problems", type=int, default=50, show_default=True,
              help=_("How many problems to print (the JSON report has them all)."))
@click.option("--quiet", is_flag=True, help=_("No progress bar."))
def import_command(paths: tuple[Path, ...], extract_date: dt.date | None, replace: bool, check_only: bool,
                   as_json: bool, max_problems: int, quiet: bool) -> None:
    settings = get_settings()
    with progress_bar(not quiet and not as_json) as progress:
        report = hr_import(settings=settings, paths=list(paths), extract_date=extract_date or dt.date.today(),
                           replace=replace, check_only=check_only, progress=progress)
    if as_json:
        print_json(report.as_dict())
    else:
        _print_report(report, max_problems)
    sys.exit(EXIT_REJECTED if report.errors else EXIT_OK)


def _print_report(report: ImportReport, max_problems: int) -> None:
    for file in report.files:
        encoding = "" if file.encoding.startswith(("utf-8", "xlsx")) else f" ({file.encoding})"
        console.print(f"  {file.name:<24} {TABLES_BY_NAME[file.table].title_da:<22} "
                      f"{danish_int(file.rows):>10} " + _("rows") + encoding)
    shown = report.errors[:max_problems] + report.warnings[: max(0, max_problems - len(report.errors))]
    for problem in shown:
        label = _("Warning") if problem.is_warning else _("Error")
        style = "yellow" if problem.is_warning else "red"
        console.print(f"[{style}]{label}[/] {problem.where}: {problem.text}", soft_wrap=True)
    hidden = len(report.problems) - len(shown)
    if hidden > 0:
        console.print(_("… and {n} more problems (use --json to see them all).").format(n=danish_int(hidden)))
    if report.status == "accepted":
        console.print(_("[green]Imported[/] {rows} rows as import no. {id} in {s:.1f} s (extract date {date}).").format(
            rows=danish_int(report.rows_read), id=report.import_id, s=report.seconds,
            date=danish_date(report.extract_date)))
    elif report.status == "checked":
        console.print(_("[green]No errors.[/] Nothing was changed (--check)."))
    else:
        n = len(report.errors)
        console.print(ngettext("[red]Rejected:[/] {n} error. Nothing was changed.",
                               "[red]Rejected:[/] {n} errors. Nothing was changed.", n).format(n=danish_int(n)))


def _status_label(status: str) -> str:
    return {"accepted": _("accepted"), "rejected": _("rejected"), "checked": _("checked")}.get(status, status)


@click.command("status", help=_("Show what the warehouse holds: tables, rows, periods and the latest imports."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the status as JSON."))
def status_command(as_json: bool) -> None:
    settings = get_settings()
    con = open_warehouse(settings, read_only=True)
    try:
        status = warehouse_status(con)
    finally:
        con.close()
    if as_json:
        print_json(status.as_dict() | {"home": str(settings.home)})
        return
    console.print(_("Warehouse {path} (schema version {v})").format(
        path=settings.warehouse_path, v=status.schema_version))
    console.print(_("Extract date: {date}   Persons (pseudonymised): {n}").format(
        date=danish_date(status.extract_date), n=danish_int(status.persons)))
    for t in status.tables:
        console.print(f"  {t.title_da:<26} {danish_int(t.rows):>12} " + _("rows") +
                      f"   {danish_date(t.first_date)} – {danish_date(t.last_date)}")
    if not status.imports:
        console.print(_("No imports yet. Run 'sigtepunkt import FOLDER'."))
    for entry in status.imports:
        console.print(_("Import no. {id}: {when}, {status}, {rows} rows, extract date {date}").format(
            id=entry.import_id, when=entry.finished_at.strftime("%d-%m-%Y %H:%M"),
            status=_status_label(entry.status), rows=danish_int(entry.rows_read), date=danish_date(entry.extract_date)))
