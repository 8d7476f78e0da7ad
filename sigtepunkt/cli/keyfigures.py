"""The key-figure commands: measure (compute, suppress, store, export) and explain."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from sigtepunkt.cli.output import console, danish_date, danish_int, progress_bar
from sigtepunkt.config import get_settings
from sigtepunkt.i18n import gettext as _
from sigtepunkt.i18n import language

logger = logging.getLogger(__name__)


@click.command("measure", help=_(
    "Compute the key figures for every unit, period and segment, suppress small groups and store the "
    "results (aggregates only) in the measurements store."))
@click.option("--figure", "figure_ids", multiple=True, metavar="ID",
              help=_("Only this figure (repeat for more). Default: the whole catalogue."))
@click.option("--segments", default="job_group,leader,age_band,employment_type,gender", show_default=True,
              help=_("Segment dimensions to split by, comma-separated (empty for totals only)."))
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Also write the results in the long format to this CSV file."))
@click.option("--quiet", is_flag=True, help=_("No progress bar."))
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help=_("Where to compute: embedded DuckDB, or Spark for national scale (needs Java and pyspark)."))
def measure_command(figure_ids: tuple[str, ...], segments: str, export_path: Path | None, quiet: bool,
                    engine: str = "duckdb") -> None:
    from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
    from sigtepunkt.analytics.service import key_figures_measure
    from sigtepunkt.analytics.store import measurements_export, open_store, store_path

    unknown = [f for f in figure_ids if f not in FIGURES_BY_ID]
    if unknown:
        raise click.BadParameter(_("Unknown key figure: {ids}. See 'sigtepunkt explain --list'.").format(
            ids=", ".join(unknown)), param_hint="--figure")
    settings = get_settings()
    dims = tuple(d.strip() for d in segments.split(",") if d.strip())
    with progress_bar(not quiet) as progress:
        report = key_figures_measure(settings=settings, figure_ids=list(figure_ids) or None, dims=dims,
                                     progress=progress, engine=engine)
    console.print(_("Computed {figures} key figures for {periods} periods: {cells} cells, {suppressed} suppressed "
                    "(fewer than {threshold} persons or protecting such a cell), in {s:.1f} s.").format(
        figures=report.figures, periods=report.periods, cells=danish_int(report.cells),
        suppressed=danish_int(report.suppressed), threshold=settings.suppression_threshold, s=report.seconds))
    console.print(_("Data: {version}, extract date {date}.").format(
        version=report.data_version, date=danish_date(report.extract_date)))
    # Benchmarks (issue 3): the first time, store the shipped national set beside the results.
    from sigtepunkt.analytics.benchmarks.services import benchmarks_load_shipped
    if loaded := benchmarks_load_shipped(store=store_path(settings.home)):
        console.print(_("Stored the shipped benchmarks ({rows} rows); see 'sigtepunkt benchmark list'.").format(
            rows=danish_int(loaded.rows)))
    if export_path:
        with open_store(store_path(settings.home), read_only=True) as store:
            rows = measurements_export(store, export_path, figures=list(figure_ids) or None)
        console.print(_("Wrote {rows} rows to {path}.").format(rows=danish_int(rows), path=export_path))


@click.command("explain", help=_("Print a key figure's definition: formula, numerator, denominator, source."))
@click.argument("figure_id", required=False)
@click.option("--list", "list_all", is_flag=True, help=_("List every key figure."))
def explain_command(figure_id: str | None, list_all: bool) -> None:
    from sigtepunkt.analytics.catalogue import FIGURES, FIGURES_BY_ID, figure_segments

    if list_all or not figure_id:
        for f in FIGURES:
            console.print(f"{f.id:<34} {f.name_da if language() == 'da' else f.name_en}")
        return
    if figure_id not in FIGURES_BY_ID:
        raise click.BadParameter(_("Unknown key figure: {ids}. See 'sigtepunkt explain --list'.").format(
            ids=figure_id), param_hint="FIGURE_ID")
    f = FIGURES_BY_ID[figure_id]
    danish = language() == "da"
    console.print(f"[bold]{f.name_da if danish else f.name_en}[/] ({f.id}, version {f.version})")
    console.print(f.description_da if danish else f.description_en)
    rows = [
        (_("Formula"), f.formula_da),
        (_("Numerator"), f.numerator_da or f.numerator),
        (_("Denominator"), f.denominator_da or (f.denominator or "–")),
        (_("Unit"), f.unit.value),
        (_("Better"), {"higher": _("higher"), "lower": _("lower"), "neutral": _("neither")}[f.better.value]),
        (_("Segments"), ", ".join(figure_segments(f))),
        (_("Source"), f.source.name + (f" <{f.source.url}>" if f.source.url else "")),
    ]
    for label, text in rows:
        console.print(f"  {label + ':':<14} {text}", soft_wrap=True)
