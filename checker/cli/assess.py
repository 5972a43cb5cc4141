"""`checker assess`: one tender against a rule set, as text, JSON or a PDF report."""

import hashlib
import json
import sys
from pathlib import Path

import click

from checker.assessment.engine import DecisionsError
from checker.assessment.engine import TailoringError
from checker.assessment.engine import assess
from checker.cli.common import EXIT_CODES
from checker.cli.common import lang_option
from checker.cli.common import optional_mapping
from checker.cli.common import parse_issue_time
from checker.cli.common import rule_library
from checker.cli.common import rules_dir_option
from checker.cli.common import write_bytes
from checker.cli.common import write_text
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.tender import load_tender
from checker.reports.text import render_text
from checker.reports.wording import REPORT_LANGUAGES


def render_report(assessment, ruleset, tender, kind, tier, lang, issued_at) -> bytes:
    """The PDF report; the renderer is imported here so plain assessments need no WeasyPrint."""
    from checker.reports.envelope import build_envelope
    from checker.reports.pdf import render_pdf

    envelope = build_envelope(
        assessment,
        ruleset,
        tender,
        kind=kind.replace("-", "_"),
        tier=tier,
        lang=lang,
        issued_at=parse_issue_time(issued_at),
    )
    return render_pdf(envelope)


@click.command("assess")
@click.argument("tender", type=click.Path(path_type=Path))
@click.option(
    "--ruleset", "ruleset_id", required=True, help="Rule set id, e.g. dfo-fossil-free-site."
)
@click.option("--version", "version", default=None, help="Rule set version (default: the newest).")
@click.option("--level", default=None, help="basis, advanced or spearhead (default: the lowest).")
@click.option(
    "--tailoring",
    type=click.Path(path_type=Path),
    help="JSON/YAML file: deselected rules, parameters.",
)
@click.option(
    "--decisions",
    type=click.Path(path_type=Path),
    help="JSON/YAML file: officer decisions on exceptions.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day the assessment speaks for (YYYY-MM-DD): approvals that expired before it "
    "waive nothing. Default: expiry is not judged.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "pdf"]),
    default="text",
    show_default=True,
)
@click.option(
    "--report",
    "report_kind",
    type=click.Choice(["compliance", "self-declaration"]),
    default="compliance",
    show_default=True,
    help="PDF only: an officer's compliance report, or the contractor's own self-declaration.",
)
@click.option(
    "--tier",
    type=click.Choice(["summary", "full"]),
    default="full",
    show_default=True,
    help="PDF only.",
)
@click.option(
    "--issued-at",
    help="PDF only: issue time, ISO 8601 with zone (default: now). Same input and time give the same bytes.",
)
@lang_option("nb", help="Language of text and PDF output.", languages=REPORT_LANGUAGES)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@rules_dir_option
def assess_command(
    tender,
    ruleset_id,
    version,
    level,
    tailoring,
    decisions,
    as_of,
    output_format,
    report_kind,
    tier,
    issued_at,
    lang,
    output,
    rules_dir,
):
    """Assess TENDER against a rule set. Exit 0 compliant, 1 non-compliant, 3 incomplete, 2 bad input."""
    ruleset = rule_library(rules_dir).get(ruleset_id, version)
    if level is not None and level not in ruleset.levels:
        raise InputError(
            "--level",
            [Problem("", f"expected one of {', '.join(ruleset.levels)}; found {level!r}")],
        )
    tender_data = load_tender(tender)
    tailoring_data = optional_mapping(tailoring, "tailoring")
    decisions_data = optional_mapping(decisions, "decisions")
    try:
        assessment = assess(
            ruleset,
            level,
            tailoring_data,
            tender_data,
            decisions=decisions_data,
            as_of=as_of.date().isoformat() if as_of else None,
        )
    except TailoringError as err:
        raise InputError(str(tailoring), err.problems) from None
    except DecisionsError as err:
        raise InputError(str(decisions), err.problems) from None
    if output_format == "pdf":
        if output is None:
            raise InputError("-o", [Problem("", "a PDF is written to a file: give -o REPORT.pdf")])
        pdf = render_report(assessment, ruleset, tender_data, report_kind, tier, lang, issued_at)
        write_bytes(pdf, output)
        click.echo(
            f"{output}: {len(pdf)} bytes, sha256 {hashlib.sha256(pdf).hexdigest()}", err=True
        )
        sys.exit(EXIT_CODES[assessment["verdict"]])
    if output_format == "json":
        text = json.dumps(assessment, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    else:
        text = render_text(assessment, ruleset, lang)
    write_text(text, output)
    sys.exit(EXIT_CODES[assessment["verdict"]])
