"""`sigtepunkt strategy`: load strategy files and external indicators from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from sigtepunkt.cli.output import console, err_console
from sigtepunkt.cli.web import django_setup, migrate
from sigtepunkt.i18n import gettext as _

EXIT_REJECTED = 1


def _load_or_report(load, rejected: type[Exception], heading: str):
    """Run a loader after Django is set up; on rejection print every problem and exit 1 (nothing changed)."""
    try:
        return load()
    except rejected as exc:
        err_console.print(heading)
        for problem in exc.problems:
            err_console.print(f"  {problem.where}: {problem.text}")
        raise SystemExit(EXIT_REJECTED) from exc


@click.group("strategy", help=_("Strategies, milestones and external indicators."))
def strategy_group() -> None:
    django_setup()
    migrate()


@strategy_group.command("load", help=_("Load a strategy file (YAML or JSON; see docs/strategy-format.md)."))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def strategy_load_command(path: Path) -> None:
    from sigtepunkt.strategy.document.problems import StrategyRejected
    from sigtepunkt.web.strategy.loading import strategy_file_load

    strategy = _load_or_report(lambda: strategy_file_load(path=path), StrategyRejected,
                               _("The strategy file was rejected; nothing was changed:"))
    console.print(_("Strategy loaded: {title}").format(title=strategy.title))


@strategy_group.command("indicator", help=_("Import an external indicator from a StatBank CSV file."))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def indicator_load_command(path: Path) -> None:
    from sigtepunkt.strategy.external.problems import ExternalRejected
    from sigtepunkt.web.strategy.loading import indicator_file_load

    count = _load_or_report(lambda: indicator_file_load(path=path), ExternalRejected,
                            _("The indicator file was rejected; nothing was changed:"))
    console.print(_("{count} indicator series imported.").format(count=count))


@strategy_group.command("examples", help=_("Load the example strategies and indicators of Eksempel Kommune."))
def examples_command() -> None:
    from sigtepunkt.web.strategy.loading import examples_load

    for strategy in examples_load():
        console.print(_("Strategy loaded: {title}").format(title=strategy.title))
