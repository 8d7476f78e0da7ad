"""`sigtepunkt serve` and `sigtepunkt users`: the web application from the command line."""

from __future__ import annotations

import os

import click

from sigtepunkt.cli.output import console
from sigtepunkt.i18n import gettext as _


def django_setup() -> None:
    """Start Django with the project's settings (production ones if DJANGO_SETTINGS_MODULE says so)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigtepunkt.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@click.command("serve", help=_("Start the web application (migrates the app database first)."))
@click.option("--host", default="127.0.0.1", show_default=True, help=_("Address to listen on."))
@click.option("--port", default=8000, show_default=True, type=int, help=_("Port to listen on."))
@click.option("--threads", default=8, show_default=True, type=int, help=_("Worker threads (per process)."))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help=_("Server processes; more than one uses gunicorn (Linux and macOS only)."))
def serve_command(host: str, port: int, threads: int, workers: int) -> None:
    django_setup()
    migrate()
    console.print(_("sigtepunkt runs at http://{host}:{port}/ (stop with Ctrl+C)").format(host=host, port=port))
    if workers > 1:
        _serve_processes(host, port, threads, workers)
        return
    from waitress import serve

    from sigtepunkt.web.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="sigtepunkt", clear_untrusted_proxy_headers=True)


def _serve_processes(host: str, port: int, threads: int, workers: int) -> None:
    """Several processes, each with its threads: Python runs one thread at a time per process (the GIL),
    so one process uses one core however many threads it has. Each worker opens the measurements
    store read-only on its first request (DuckDB lets several processes read one file) and shares
    the app database, so the workers hold no state of their own.
    """
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError as exc:  # gunicorn does not run on Windows
        raise click.ClickException(_("--workers above 1 needs gunicorn, which runs on Linux and macOS; "
                                     "use --workers 1 (waitress) here.")) from exc
    from django.db import connections

    connections.close_all()  # no database connection may be shared across the fork

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "threads": threads,
                               "worker_class": "gthread", "timeout": 120, "graceful_timeout": 10,
                               "accesslog": None, "loglevel": "warning"}.items():
                self.cfg.set(key, value)

        def load(self):
            from sigtepunkt.web.wsgi import application

            return application

    Server().run()


@click.group("users", help=_("Users of the web application."))
def users_group() -> None:
    pass


@users_group.command("demo", help=_("Create one demo login per role on the synthetic municipality."))
def users_demo_command() -> None:
    django_setup()
    migrate()
    from sigtepunkt.web.accounts.services import DEMO_PASSWORD, demo_users_create
    from sigtepunkt.web.store import unit_tree

    made = demo_users_create(tree=unit_tree())
    console.print(_("Demo logins (password: {password}):").format(password=DEMO_PASSWORD))
    for username, role, unit in made:
        console.print(f"  {username:<8} {role:<16} {unit}")


@users_group.command("create", help=_("Create a user or reset their password and roles. ROLE is role or role@unit."))
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True,
              help=_("administrator, hr_analyst, leader, med_member or viewer, optionally @UNIT_ID."))
@click.option("--email", default="")
@click.password_option(help=_("The password (asked for when not given)."))
def users_create_command(username: str, roles: tuple[str, ...], email: str, password: str) -> None:
    django_setup()
    migrate()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from sigtepunkt.web.accounts.models import Role
    from sigtepunkt.web.accounts.services import user_create

    pairs = [tuple(r.split("@", 1)) if "@" in r else (r, "") for r in roles]
    unknown = [r for r, _u in pairs if r not in Role.values]
    if unknown:
        raise click.BadParameter(_("Unknown role: {roles}. Use one of {known}.").format(
            roles=", ".join(unknown), known=", ".join(Role.values)))
    try:
        validate_password(password)
    except ValidationError as exc:
        raise click.BadParameter(" ".join(exc.messages)) from exc
    user_create(username=username, password=password, roles=pairs, email=email)
    console.print(_("User {username} saved.").format(username=username))
