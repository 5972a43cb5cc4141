"""`checker followup`: an awarded tender's period reports against the plan, and machine data.

`checker followup TENDER PERIOD_REPORT...` runs the follow-up (also spelled
`checker followup assess ...`); `checker followup telematics ...` reads machine data.
"""

import hashlib
import json
import sys
from pathlib import Path

import click
import yaml

from checker import clock
from checker.assessment.engine import DecisionsError
from checker.assessment.engine import TailoringError
from checker.cli.common import optional_mapping
from checker.cli.common import parse_issue_time
from checker.cli.common import rule_library
from checker.cli.common import rules_dir_option
from checker.cli.common import write_bytes
from checker.cli.common import write_text
from checker.followup.labels import TELEMATICS
from checker.followup.machine_data import apply_machine_data
from checker.followup.period import load_period
from checker.followup.period import order_periods
from checker.followup.period import period_schema_problems
from checker.followup.period import validate_period
from checker.followup.result import followup
from checker.followup.sanctions import SanctionsError
from checker.followup.telematics import moment
from checker.followup.telematics import read_snapshot
from checker.followup.text import render_followup_text
from checker.followup.texts import number
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import read_file
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


def _figure_text(field, figures, row, lang) -> str:
    labels = TELEMATICS[lang]
    reported, measured = figures
    name = labels["hours"] if field == "hours" else labels["litres"]
    if measured is None:
        return f"{name} –"
    text = f"{name} {number(measured, lang)}"
    if field in row["filled"]:
        return f"{text} ({labels['filled']})"
    if field in row["mismatch"]:
        return f"{text} ({labels['reported']} {number(reported, lang)}: {labels['differs']})"
    return f"{text} ({labels['agrees']})" if reported is not None else text


def _oslo_time(text: str | None) -> str:
    """31.08.2027 22:00, Norwegian time."""
    parsed = moment(text)
    return parsed.astimezone(clock.OSLO).strftime("%d.%m.%Y %H:%M") if parsed else "?"


def _telematics_lines(outcome, start, end, lang) -> list[str]:
    labels = TELEMATICS[lang]
    lines = [f"{labels['title']}: {_oslo_time(start.taken_at)} → {_oslo_time(end.taken_at)}"]
    for row in outcome.rows:
        shown = ", ".join(
            _figure_text(f, row["figures"][f], row, lang) for f in ("hours", "fuel_litres")
        )
        lines.append(f"  {row['id']} ({row['identifier']}): {shown}")
    lines += [f"  {entry_id}: {labels['no_data']}" for entry_id in outcome.unmatched_entries]
    if outcome.unmatched_machines:
        lines.append(f"{labels['others']}: {', '.join(outcome.unmatched_machines)}")
    if outcome.notes:
        lines.append(f"{labels['notes']}:")
        lines += [f"  - {note}" for note in outcome.notes]
    return lines


def _read_report(path: Path) -> dict:
    """The report to fill: figures may still be missing, so only its shape is demanded here."""
    data = read_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("machines", []), list):
        raise InputError(
            str(path), [Problem("machines", "expected a period report with a list of machines")]
        )
    for index, entry in enumerate(data.get("machines") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise InputError(
                str(path), [Problem(f"machines[{index}].id", "expected an entry with an id")]
            )
    return data


def _write_report(report: dict, path: Path) -> None:
    if path.suffix.lower() in (".yaml", ".yml"):
        text = yaml.safe_dump(report, allow_unicode=True, sort_keys=False)
    else:
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    write_text(text, path)


@followup_group.command("telematics")
@click.argument("snapshot_start", type=click.Path(path_type=Path))
@click.argument("snapshot_end", type=click.Path(path_type=Path))
@click.option(
    "--into",
    "into",
    required=True,
    type=click.Path(path_type=Path),
    help="The period report to fill.",
)
@click.option(
    "--check", is_flag=True, help="Only compare the report with the machine data; write nothing."
)
@click.option(
    "--tender",
    type=click.Path(path_type=Path),
    help="The awarded tender: PINs and serial numbers its entries inherit.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the filled report here (default: --into).",
)
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True)
def telematics_command(snapshot_start, snapshot_end, into, check, tender, output, lang):
    """Hours and litres per machine from two ISO 15143-3 (AEMP 2.0) fleet snapshots, into a
    period report (or, with --check, compared with it: exit 1 when a figure differs by more than 10 %)."""
    tender_data = load_tender(tender) if tender else None
    report = _read_report(into)
    start, end = read_snapshot(snapshot_start), read_snapshot(snapshot_end)
    outcome = apply_machine_data(report, tender_data, start, end, fill=not check)
    lines = _telematics_lines(outcome, start, end, lang)
    if check:
        click.echo("\n".join(lines + [TELEMATICS[lang]["checked"]]))
        sys.exit(1 if outcome.has_mismatch else 0)
    target = output or into
    if tender_data is not None:
        validate_period(outcome.report, tender_data, str(target))
    else:
        problems = period_schema_problems(outcome.report)
        if problems:
            raise InputError(str(target), problems)
    _write_report(outcome.report, target)
    click.echo("\n".join(lines + [f"{TELEMATICS[lang]['written']} {target}."]))


def register(cli: click.Group) -> None:
    cli.add_command(followup_group)
