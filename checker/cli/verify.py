"""`checker verify`: is a PDF report one this organisation issued, unaltered?"""

import json
import sys
from pathlib import Path

import click

from checker.cli.web import _app
from checker.cli.web import database
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem

HEADLINES = {
    "authentic": "AUTHENTIC: issued by this organisation and not altered since",
    "not_issued": "NOT AUTHENTIC: not issued by this organisation",
    "altered": "NOT AUTHENTIC: altered after it was signed",
    "not_valid": "NOT A VALID REPORT",
}


@click.command("verify")
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def verify_command(report, output_format):
    """Say whether REPORT is a PDF this organisation issued, unaltered: a valid signature by one
    of its certificates and the file in its register. Exit 0 authentic, 1 not authentic,
    2 not a valid report (or unreadable)."""
    from checker.web.reports.register import check_report

    if not report.is_file():
        raise InputError(str(report), [Problem("", "file not found")])
    try:
        data = report.read_bytes()
    except OSError as err:
        raise InputError(str(report), [Problem("", f"cannot be read: {err.strerror}")]) from None
    with database(_app()):
        result = check_report(data)
    summary = result.summary()
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        _print_text(report, result, summary)
    sys.exit(result.exit_code)


def _print_text(report: Path, result, summary: dict) -> None:
    click.echo(f"{report}: {HEADLINES[result.state]}")
    for reason in result.reasons:
        click.echo(f"  - {reason}")
    if summary["signed_by"]:
        click.echo(
            f"  signed by {summary['signed_by']} (certificate {summary['certificate_sha256']})"
        )
    if summary["registered_at"]:
        click.echo(f"  in the register of issued reports since {summary['registered_at']}")
    if result.envelope:
        ruleset = summary["ruleset"] or {}
        subject = (
            f"tender {summary['tender_id']}"
            if summary["tender_id"]
            else f"procurement {summary['procurement']}"
        )
        outcome = (
            f"verdict {summary['verdict']}"
            if summary["verdict"]
            else f"awarded to {summary['awarded_to'] or '(not yet)'}"
        )
        click.echo(
            f"  {'claims to be' if not result.is_authentic else 'is'}: {subject}, "
            f"{summary['kind']}, issued {summary['issued_at']}, "
            f"rule set {ruleset.get('id')} {ruleset.get('version')}, {outcome}"
        )
        click.echo(f"  report sha256 {summary['report_sha256']}")
    for note in result.notes:
        click.echo(f"  note: {note}")
    click.echo(f"  file sha256 {summary['pdf_sha256']}")
