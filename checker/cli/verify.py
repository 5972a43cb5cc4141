"""`checker verify`: is a PDF report the one this service issued?"""

import json
import sys
from pathlib import Path

import click

from checker.formats.inputs import InputError
from checker.formats.inputs import Problem


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
    """Say whether REPORT is an unaltered PDF issued by this system. Exit 0 yes, 1 no, 2 unreadable."""
    from checker.reports.verify import verify_pdf

    if not report.is_file():
        raise InputError(str(report), [Problem("", "file not found")])
    try:
        data = report.read_bytes()
    except OSError as err:
        raise InputError(str(report), [Problem("", f"cannot be read: {err.strerror}")]) from None
    result = verify_pdf(data)
    summary = result.summary()
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(f"{report}: {'AUTHENTIC' if result.is_authentic else 'NOT AUTHENTIC'}")
        for reason in result.reasons:
            click.echo(f"  - {reason}")
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
                f"  {subject}, {summary['kind']}, issued {summary['issued_at']}, "
                f"rule set {ruleset.get('id')} {ruleset.get('version')}, {outcome}"
            )
            click.echo(f"  report sha256 {summary['report_sha256']}")
        click.echo(f"  file sha256 {summary['pdf_sha256']}")
    sys.exit(0 if result.is_authentic else 1)
