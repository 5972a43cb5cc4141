"""Commands for the web application: serve, database set-up, demo data, users."""

import click

from checker.inputs import InputError
from checker.inputs import Problem


def _app():
    from checker.web import create_app

    return create_app()


def prepare_database(app, with_demo: bool) -> str:
    """Bring the schema to the newest migration; load demo data into an empty database."""
    from flask_migrate import upgrade

    from checker.web.demo import load_demo
    from checker.web.extensions import db

    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        loaded = load_demo() if with_demo else False
        url = db.engine.url.render_as_string(hide_password=True)
    return f"database {url}: schema up to date" + ("; demo data loaded" if loaded else "")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--demo/--no-demo",
    default=True,
    show_default=True,
    help="Load demo data into an empty database.",
)
def serve(host, port, demo):
    """Set up the database and run the web app (for a first look; use gunicorn in production)."""
    app = _app()
    click.echo(prepare_database(app, demo))
    click.echo(f"open http://{host}:{port}/  (stop with Ctrl+C)")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@click.group("db")
def db_group():
    """Database schema."""


@db_group.command("upgrade")
def db_upgrade():
    """Create or migrate the schema to the newest version (SQLite or DATABASE_URL)."""
    click.echo(prepare_database(_app(), with_demo=False))


@click.group("demo")
def demo_group():
    """Demo data."""


@demo_group.command("load")
def demo_load():
    """Load the demo data into an empty database (does nothing if there are users)."""
    click.echo(prepare_database(_app(), with_demo=True))


@click.group("users")
def users_group():
    """User accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", required=True, type=click.Choice(["officer", "contractor", "auditor", "admin"])
)
@click.option("--organisation", "organisation_name", required=True, help="Organisation name.")
@click.option("--org-number", required=True, help="Norwegian organisation number (9 digits).")
@click.password_option(help="Asked for if not given (at least 12 characters).")
def users_create(email, name, role, organisation_name, org_number, password):
    """Create a user; the organisation is created too if its number is new."""
    from checker.web.accounts import AccountError
    from checker.web.accounts import create_user
    from checker.web.extensions import db

    app = _app()
    with app.app_context():
        try:
            create_user(email, name, role, organisation_name, org_number, password)
        except AccountError as err:
            raise InputError("users create", [Problem(err.field, str(err))]) from None
        db.session.commit()
    click.echo(f"created {role} {email}")


def register(cli: click.Group) -> None:
    for command in (serve, db_group, demo_group, users_group):
        cli.add_command(command)
