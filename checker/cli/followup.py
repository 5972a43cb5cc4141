"""`checker followup`: an awarded tender's period reports against the plan, and machine data.

`checker followup TENDER PERIOD_REPORT...` runs the follow-up (also spelled
`checker followup assess ...`); `checker followup telematics ...` reads machine data.
"""

import hashlib
import json
import sys
from pathlib import Path

import click

from checker.assessment.engine import DecisionsError
from checker.assessment.engine import TailoringError
from checker.cli.common import optional_mapping
from checker.cli.common import parse_issue_time
from checker.cli.common import rule_library
from checker.cli.common import rules_dir_option
from checker.cli.common import write_bytes
from checker.cli.common import write_text
from checker.followup.period import load_period
from checker.followup.period import order_periods
from checker.followup.result import followup
from checker.followup.sanctions import SanctionsError
from checker.followup.text import render_followup_text
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.tender import load_tender

FOLLOWUP_EXIT_CODES = {"conforming": 0, "deviating": 1, "incomplete": 3}


class FollowupGroup(click.Group):
    """A group whose default command takes the tender and period reports directly."""

    default_command = "assess"

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group("followup", cls=FollowupGroup)
def followup_group():
    """Follow up an awarded contract: TENDER PERIOD_REPORT... (exit 0 conforming, 1 deviating,
    3 incomplete, 2 bad input), or read machine data with `telematics`."""


def _render_pdf(result, ruleset, tender, lang, issued_at) -> bytes:
    """The PDF report; the renderer is imported here so text and JSON need no WeasyPrint."""
    from checker.reports.envelope import build_followup_envelope
    from checker.reports.pdf import render_pdf

    envelope = build_followup_envelope(
        result, ruleset, tender, lang=lang, issued_at=parse_issue_time(issued_at)
    )
    return render_pdf(envelope)


def _load_periods(paths, tender) -> list[dict]:
    named = [(str(path), load_period(path, tender)) for path in paths]
    return [period for _, period in order_periods(named, tender)]


@followup_group.command("assess")
@click.argument("tender", type=click.Path(path_type=Path))
@click.argument("period_reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ruleset", "ruleset_id", required=True, help="Rule set id of the contract.")
@click.option("--version", default=None, help="Rule set version (default: the newest).")
@click.option("--level", default=None, help="basis, advanced or spearhead (default: the lowest).")
@click.option(
    "--tailoring",
    type=click.Path(path_type=Path),
    help="JSON/YAML: deselected, parameters, sanctions.",
)
@click.option(
    "--decisions",
    type=click.Path(path_type=Path),
    help="JSON/YAML: officer decisions on exceptions.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "pdf"]),
    default="text",
    show_default=True,
)
@click.option("--issued-at", help="PDF only: issue time, ISO 8601 with zone (default: now).")
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@rules_dir_option
def followup_command(
    tender,
    period_reports,
    ruleset_id,
    version,
    level,
    tailoring,
    decisions,
    output_format,
    issued_at,
    lang,
    output,
    rules_dir,
):
    """Follow up TENDER with PERIOD_REPORT files. Exit 0 conforming, 1 deviating, 3 incomplete."""
    ruleset = rule_library(rules_dir).get(ruleset_id, version)
    if level is not None and level not in ruleset.levels:
        raise InputError(
            "--level",
            [Problem("", f"expected one of {', '.join(ruleset.levels)}; found {level!r}")],
        )
    tender_data = load_tender(tender)
    periods = _load_periods(period_reports, tender_data)
    tailoring_data = optional_mapping(tailoring, "tailoring")
    decisions_data = optional_mapping(decisions, "decisions")
    try:
        result = followup(ruleset, level, tailoring_data, decisions_data, tender_data, periods)
    except (TailoringError, SanctionsError) as err:
        raise InputError(str(tailoring), err.problems) from None
    except DecisionsError as err:
        raise InputError(str(decisions), err.problems) from None
    if output_format == "pdf":
        if output is None:
            raise InputError("-o", [Problem("", "a PDF is written to a file: give -o REPORT.pdf")])
        pdf = _render_pdf(result, ruleset, tender_data, lang, issued_at)
        write_bytes(pdf, output)
        click.echo(
            f"{output}: {len(pdf)} bytes, sha256 {hashlib.sha256(pdf).hexdigest()}", err=True
        )
    elif output_format == "json":
        write_text(json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True) + "\n", output)
    else:
        write_text(render_followup_text(result, ruleset, lang), output)
    sys.exit(FOLLOWUP_EXIT_CODES[result["verdict"]])


def register(cli: click.Group) -> None:
    cli.add_command(followup_group)
