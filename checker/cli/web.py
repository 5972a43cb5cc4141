"""Commands for the web application: serve, database set-up, demo data, users."""

from contextlib import contextmanager
from pathlib import Path

import click

from checker.cli.common import lang_option
from checker.cli.common import write_bytes
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.reports.wording import REPORT_LANGUAGES


def _app():
    from checker.signing.keys import SigningKeyError
    from checker.web import create_app

    try:
        return create_app()
    except SigningKeyError as err:
        raise InputError("CHECKER_SIGNING_PKCS12", [Problem("", str(err))]) from None


def _command_name() -> str:
    context = click.get_current_context(silent=True)
    return f"cli: {context.command_path}" if context else "cli"


@contextmanager
def database(app, *, closing_deadlines: bool = False):
    """An app context whose connections are closed when the command is done; the audit trail
    names the command as the actor of what it changes. A command that reads procurements asks for
    closing_deadlines: as before a web request, those whose deadline has passed are closed first."""
    from checker.web.audit.recording import acting_as
    from checker.web.extensions import db
    from checker.web.notices.outbox import deliver_queued
    from checker.web.procurements.deadlines import close_expired

    with app.app_context(), acting_as(_command_name()):
        try:
            if closing_deadlines:
                close_expired()
            yield
            deliver_queued()  # notices the command recorded go out once its work is done
        finally:
            db.session.remove()
            db.engine.dispose()


def prepare_database(app, with_demo: bool) -> str:
    """Bring the schema to the newest migration; load demo data into an empty database."""
    from flask_migrate import upgrade

    from checker.web.audit.checkpoints import vouch_for_unsealed_trail
    from checker.web.demo import load_contract_in_followup
    from checker.web.demo import load_demo
    from checker.web.extensions import db

    with database(app):
        upgrade(directory=app.extensions["migrate"].directory)
        if vouch_for_unsealed_trail(db.session.connection()):
            db.session.commit()  # a trail from before entries were sealed: first checkpoint
        loaded = load_demo() if with_demo else False
        if loaded:
            load_contract_in_followup()
        url = db.engine.url.render_as_string(hide_password=True)
    return f"database {url}: schema up to date" + ("; demo data loaded" if loaded else "")


def _take_up_unfinished(app) -> str:
    """Jobs run in this process unless a queue does them; the last run's unfinished ones are
    marked so (a queue's workers pick theirs up again instead)."""
    from checker.web.jobs import queue

    with database(app):
        if queue.mode(app) != "thread":
            return "background jobs: on the queue (run `checker worker`)"
        count = queue.recover_unfinished()
    return "background jobs: in this process" + (
        f"; {count} left unfinished by the last run marked as interrupted" if count else ""
    )


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
    click.echo(_take_up_unfinished(app))
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
    from checker.web.accounts.users import AccountError
    from checker.web.accounts.users import create_user
    from checker.web.extensions import db

    app = _app()
    with database(app):
        try:
            create_user(email, name, role, organisation_name, org_number, password)
        except AccountError as err:
            raise InputError("users create", [Problem(err.field, str(err))]) from None
        db.session.commit()
    click.echo(f"created {role} {email}")


@click.command("report")
@click.argument("tender_id", type=int)
@click.option(
    "--evaluation",
    is_flag=True,
    help="The ID is a procurement's: issue its evaluation report (ranking and award).",
)
@click.option("--tier", type=click.Choice(["summary", "full"]), default="full", show_default=True)
@lang_option("nb", languages=REPORT_LANGUAGES)
@click.option(
    "--by", "email", required=True, help="Email of the officer or auditor issuing the report."
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def report_command(tender_id, evaluation, tier, lang, email, output):
    """Issue (or fetch the already issued) compliance report of a submitted tender in the database,
    or with --evaluation the evaluation report of a procurement."""
    from sqlalchemy import select

    from checker.web.audit.recording import acting_as
    from checker.web.audit.recording import actor_for_user
    from checker.web.extensions import db
    from checker.web.models import Tender
    from checker.web.models import User
    from checker.web.reports.issuing import request_report

    app = _app()
    app.config["JOBS"] = "inline"
    with database(app, closing_deadlines=True):
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or user.role not in ("officer", "auditor"):
            raise InputError(
                "--by", [Problem("", f"no officer or auditor with the email {email!r}")]
            )
        if evaluation:
            _write_report(_evaluation_report(tender_id, lang, user), output)
            return
        tender = db.session.get(Tender, tender_id) if 0 < tender_id < 2**31 else None
        if (
            tender is None
            or tender.status != "submitted"
            or tender.procurement.organisation_id != user.organisation_id
        ):
            raise InputError(
                "TENDER_ID",
                [Problem("", f"no submitted tender {tender_id} of {user.organisation.name}")],
            )
        if tender.procurement.state not in ("closed", "evaluated", "awarded"):
            raise InputError(
                "TENDER_ID", [Problem("", "the tender deadline has not passed: tenders are sealed")]
            )
        with acting_as(actor_for_user(user)):
            report = request_report(tender, "compliance", tier, lang, user)
        _write_report(report, output)


def _evaluation_report(procurement_id: int, lang: str, user):
    from flask import current_app

    from checker.web.audit.recording import acting_as
    from checker.web.audit.recording import actor_for_user
    from checker.web.evaluation.assessments import EvaluationProblem
    from checker.web.extensions import db
    from checker.web.models import Procurement
    from checker.web.reports.issuing import request_evaluation_report

    procurement = (
        db.session.get(Procurement, procurement_id) if 0 < procurement_id < 2**31 else None
    )
    if procurement is None or procurement.organisation_id != user.organisation_id:
        raise InputError(
            "ID", [Problem("", f"no procurement {procurement_id} of {user.organisation.name}")]
        )
    try:
        # The refusal is worded through the translation catalogue, which wants a request.
        with current_app.test_request_context(), acting_as(actor_for_user(user)):
            return request_evaluation_report(procurement, lang, user)
    except EvaluationProblem as err:
        raise InputError("ID", [Problem("", str(err))]) from None


def _write_report(report, output: Path) -> None:
    write_bytes(report.pdf, output)
    click.echo(f"{output}: report {report.id}, sha256 {report.pdf_sha256}")


@click.group("drafts")
def drafts_group():
    """Self-assessment drafts (anonymous, reached by their private link)."""


@drafts_group.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    required=True,
    help="Delete drafts not changed for this many days.",
)
def drafts_purge(days):
    """Delete self-assessment drafts nobody has changed for a while (their links stop working)."""
    from datetime import timedelta

    from sqlalchemy import delete

    from checker import clock
    from checker.web.extensions import db
    from checker.web.models import SelfAssessmentDraft

    app = _app()
    with database(app):
        cutoff = clock.now() - timedelta(days=days)
        result = db.session.execute(
            delete(SelfAssessmentDraft).where(SelfAssessmentDraft.updated_at < cutoff)
        )
        db.session.commit()
    click.echo(f"deleted {result.rowcount} draft(s) not changed since {cutoff:%Y-%m-%d %H:%M} UTC")


def register(cli: click.Group) -> None:
    for command in (serve, db_group, demo_group, users_group, report_command, drafts_group):
        cli.add_command(command)
