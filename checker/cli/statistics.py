"""`checker statistics`: an organisation's climate statistics from the database, as CSV, XLSX or
JSON; `statistics rebuild` counts them again; `statistics compare` recomputes a year with
another factor file beside the counted figures."""

import json
import sys
from pathlib import Path

import click

from checker.cli.web import _app
from checker.cli.web import database
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.reports.wording import REPORT_LANGUAGES

FORMATS = ("csv", "xlsx", "json")


def _organisation(reference: str | None):
    """The buyer by organisation number or exact name; without one, the only buyer with
    statistics."""
    from sqlalchemy import select

    from checker.web.extensions import db
    from checker.web.models import Organisation
    from checker.web.models import StatisticMonth

    if reference:
        found = db.session.scalar(
            select(Organisation).where(
                (Organisation.org_number == reference.strip())
                | (Organisation.name == reference.strip())
            )
        )
        if found is None:
            raise InputError("--organisation", [Problem("", f"no organisation {reference!r}")])
        return found
    counted = db.session.scalars(
        select(Organisation)
        .where(Organisation.id.in_(select(StatisticMonth.organisation_id).distinct()))
        .order_by(Organisation.name)
    ).all()
    if len(counted) == 1:
        return counted[0]
    names = ", ".join(f"{o.org_number} ({o.name})" for o in counted) or "none has statistics yet"
    raise InputError("--organisation", [Problem("", f"name the organisation: {names}")])


def _filters(organisation, year: int | None, fmt: str):
    from checker import clock
    from checker.web.statistics import queries
    from checker.web.statistics.queries import Filters

    if year is None and fmt == "json":  # a JSON document is one year's statistics
        year = (queries.years(organisation.id) or [clock.today_in_norway().year])[-1]
    return Filters(year=year) if year is not None else None


def _write(chunks, output: Path | None, fmt: str) -> None:
    if output is None:
        if fmt == "xlsx":
            raise InputError("-o", [Problem("", "an XLSX workbook needs a file: give -o FILE")])
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    try:
        with output.open("wb") as target:
            for chunk in chunks:
                target.write(chunk)
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None
    click.echo(f"{output}: statistics written ({fmt})", err=True)


@click.group("statistics", invoke_without_command=True)
@click.option("--organisation", help="The buyer's organisation number or exact name.")
@click.option("--year", type=click.IntRange(2000, 2100), help="One year (default: all years).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def statistics_group(ctx, organisation, year, fmt, lang, output):
    """Climate statistics (tidy rows: organisation, project, year, month, source, carrier,
    quantity, unit, factor, factor source, CO2e); JSON is one year (default: the newest)."""
    if ctx.invoked_subcommand is not None:
        return
    from checker.web.statistics.exporting import export_bytes
    from checker.web.statistics.exporting import record_export

    app = _app()
    with database(app):
        buyer = _organisation(organisation)
        filters = _filters(buyer, year, fmt)
        record_export(buyer, filters, fmt, "cli")
        _write(export_bytes(buyer, filters, fmt, lang), output, fmt)


@statistics_group.command("rebuild")
@click.option("--organisation", help="Only this buyer (organisation number or exact name).")
def rebuild_command(organisation):
    """Count the statistics again from the awarded tenders and accepted period reports."""
    from checker.web.extensions import db
    from checker.web.statistics.recount import rebuild

    app = _app()
    with database(app):
        buyer = _organisation(organisation) if organisation else None
        counted = rebuild(buyer.id if buyer else None)
        db.session.commit()
    factors = counted["factors"]
    click.echo(
        f"counted {counted['contracts']} contract(s) and {counted['reports']} period report(s) "
        f"with {factors['id']} {factors['version']} (sha256 {factors['sha256'][:12]}…)"
    )


@statistics_group.command("compare")
@click.option(
    "--factors",
    "factors_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--organisation", help="The buyer's organisation number or exact name.")
@click.option("--year", type=click.IntRange(2000, 2100), required=True)
def compare_command(factors_file, organisation, year):
    """A year's counted figures beside the same year recomputed with another factor file."""
    from checker.assessment.emissions import load_factors
    from checker.statistics.summary import compare
    from checker.statistics.summary import year_statistics
    from checker.web.statistics.queries import Filters
    from checker.web.statistics.recount import recount
    from checker.web.statistics.service import organisation_statistics

    try:
        other = load_factors(factors_file.resolve())
    except (OSError, KeyError, TypeError, ValueError) as err:
        raise InputError(str(factors_file), [Problem("", f"not a factor file: {err}")]) from None
    app = _app()
    with database(app):
        buyer = _organisation(organisation)
        counted = organisation_statistics(buyer, Filters(year=year), through=12)
        again = year_statistics(
            recount(buyer.id, year, other), year, through=12, factors=[other.reference()],
            completeness=None,
        )  # fmt: skip
    click.echo(
        json.dumps(
            {
                "year": year,
                "counted_with": counted["factors"],
                "recomputed_with": again["factors"],
                "rows": compare(counted, again),
            },
            ensure_ascii=False,
            indent=1,
        )
    )


@statistics_group.command("report")
@click.option("--organisation", help="The buyer's organisation number or exact name.")
@click.option("--year", type=click.IntRange(2000, 2100), required=True)
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="nb", show_default=True)
@click.option("--by", "email", required=True, help="Email of the officer or auditor issuing it.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def report_command(organisation, year, lang, email, output):
    """Issue the annual PDF report "Klimagassutslipp fra bygge- og anleggsplasser" of a year,
    registered like every report."""
    from sqlalchemy import select

    from checker.web.audit.recording import acting_as
    from checker.web.audit.recording import actor_for_user
    from checker.web.extensions import db
    from checker.web.models import User
    from checker.web.statistics.annual import request_statistics_report

    app = _app()
    app.config["JOBS"] = "inline"  # the PDF is written before the command ends
    with database(app):
        buyer = _organisation(organisation)
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if (
            user is None
            or user.role not in ("officer", "auditor")
            or (user.organisation_id != buyer.id)
        ):
            raise InputError(
                "--by",
                [Problem("", f"no officer or auditor of {buyer.name} with the email {email!r}")],
            )
        with acting_as(actor_for_user(user)):
            report = request_statistics_report(buyer, year, lang, user)
        _write([report.pdf], output, "pdf")
        click.echo(f"{output}: report {report.id}, sha256 {report.pdf_sha256}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(statistics_group)
