"""Entry point: `sigtepunkt COMMAND`. Each command is a thin wrapper around one service."""

from __future__ import annotations

import logging
import sys

import click

from sigtepunkt.cli.baseline import baseline_command
from sigtepunkt.cli.benchmarks import benchmark_group
from sigtepunkt.cli.commands import generate_command, import_command, init_command, status_command
from sigtepunkt.cli.keyfigures import explain_command, measure_command
from sigtepunkt.cli.output import EXIT_SETUP, err_console
from sigtepunkt.cli.strategy import strategy_group
from sigtepunkt.cli.web import serve_command, users_group
from sigtepunkt.config import ConfigError
from sigtepunkt.i18n import gettext as _
from sigtepunkt.warehouse.connection import WarehouseError

logger = logging.getLogger(__name__)


@click.group(
    help=_(
        "sigtepunkt: the data foundation for the municipality's workforce strategy.\n\n"
        "The data folder is $SIGTEPUNKT_HOME (default: sigtepunkt-data in the working directory). "
        "Set SIGTEPUNKT_LANGUAGE=en for English.\n\n"
        "Exit codes: 0 done, 1 the input was rejected (nothing changed), 2 wrong use of the command, "
        "3 setup missing (run 'sigtepunkt init')."
    ),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="sigtepunkt")
def cli() -> None:
    logging.basicConfig(level=logging.WARNING)


cli.add_command(init_command)
cli.add_command(generate_command)
cli.add_command(import_command)
cli.add_command(status_command)
cli.add_command(measure_command)
cli.add_command(explain_command)
cli.add_command(benchmark_group)
cli.add_command(baseline_command)
cli.add_command(serve_command)
cli.add_command(users_group)
cli.add_command(strategy_group)


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except (WarehouseError, ConfigError) as exc:
        err_console.print(f"[bold red]{_('Error')}:[/] {exc}")
        sys.exit(EXIT_SETUP)


if __name__ == "__main__":
    main()
