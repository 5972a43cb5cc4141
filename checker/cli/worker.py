"""`checker worker`: take background jobs (assessment runs, reports) from the queue."""

import logging

import click

from checker.formats.inputs import InputError
from checker.formats.inputs import Problem


@click.command("worker")
@click.option(
    "--concurrency",
    default=2,
    show_default=True,
    type=click.IntRange(min=1, max=32),
    help="Jobs done at the same time by this process.",
)
def worker_command(concurrency):
    """Do background jobs from the queue in PostgreSQL (DATABASE_URL) until stopped.

    Run as many as needed, on any machines that reach the database; SIGTERM or Ctrl+C lets the
    jobs under way finish first. On SQLite (the embedded default) jobs run inside
    `checker serve` and no worker is needed.
    """
    from checker.web import create_app
    from checker.web.extensions import db
    from checker.web.jobs import broker

    app = create_app()
    with app.app_context():
        dialect = db.engine.dialect.name
        db.engine.dispose()
    if dialect != "postgresql":
        raise InputError(
            "DATABASE_URL",
            [
                Problem(
                    "",
                    "a worker needs the queue in PostgreSQL; on SQLite `checker serve` "
                    "does the jobs itself",
                )
            ],
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # procrastinate logs every job's arguments at INFO, a report's whole envelope among them.
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    click.echo(f"worker: taking jobs ({concurrency} at a time); stop with Ctrl+C")
    broker.run_worker(app, concurrency)
