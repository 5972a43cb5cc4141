"""The `checker` command line: assess tenders, list and validate rule sets, print schemas."""

import hashlib
import json
import sys
from datetime import UTC
from datetime import datetime
from pathlib import Path

import click

from checker.cli_audit import register as register_audit_commands
from checker.cli_intake import register as register_intake_commands
from checker.cli_web import register as register_web_commands
from checker.engine import DecisionsError
from checker.engine import TailoringError
from checker.engine import assess
from checker.inputs import InputError
from checker.inputs import Problem
from checker.inputs import load_schema
from checker.inputs import read_file
from checker.report.envelope import issue_time
from checker.report_text import render_text
from checker.ruleset import RuleLibrary
from checker.ruleset import RulesetError
from checker.tender import load_tender

EXIT_CODES = {"compliant": 0, "non_compliant": 1, "incomplete": 3}
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 4


def _library(rules_dir: Path | None) -> RuleLibrary:
    return RuleLibrary(rules_dir)


def _optional_mapping(path: Path | None, what: str) -> dict | None:
    if path is None:
        return None
    data = read_file(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [Problem("", f"expected a mapping ({what})")])
    return data


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None


def _write_bytes(data: bytes, output: Path) -> None:
    try:
        output.write_bytes(data)
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None


def render_report(assessment, ruleset, tender, kind, tier, lang, issued_at) -> bytes:
    """The PDF report; the renderer is imported here so plain assessments need no WeasyPrint."""
    from checker.report.envelope import build_envelope
    from checker.report.pdf import render_pdf

    envelope = build_envelope(
        assessment,
        ruleset,
        tender,
        kind=kind.replace("-", "_"),
        tier=tier,
        lang=lang,
        issued_at=_issue_time(issued_at),
    )
    return render_pdf(envelope)


def _issue_time(value: str | None) -> str:
    """ISO 8601 UTC to the second; now when not given."""
    if value is None:
        return issue_time(datetime.now(UTC))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        example = "2026-11-29T10:00:00Z"
        raise InputError(
            "--issued-at", [Problem("", f"expected ISO 8601, e.g. {example}; found {value!r}")]
        ) from None
    if parsed.tzinfo is None:
        raise InputError("--issued-at", [Problem("", "expected a time zone, e.g. Z for UTC")])
    return issue_time(parsed)


rules_dir_option = click.option(
    "--rules-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of rule sets (default: CHECKER_RULES_DIR, else the shipped rules/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="climate-checker")
def cli():
    """Climate-requirements checker for construction procurement."""


@cli.command("assess")
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
@click.option(
    "--lang",
    type=click.Choice(["nb", "en"]),
    default="nb",
    show_default=True,
    help="Language of text and PDF output.",
)
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
    ruleset = _library(rules_dir).get(ruleset_id, version)
    if level is not None and level not in ruleset.levels:
        raise InputError(
            "--level",
            [Problem("", f"expected one of {', '.join(ruleset.levels)}; found {level!r}")],
        )
    tender_data = load_tender(tender)
    tailoring_data = _optional_mapping(tailoring, "tailoring")
    decisions_data = _optional_mapping(decisions, "decisions")
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
        _write_bytes(pdf, output)
        click.echo(
            f"{output}: {len(pdf)} bytes, sha256 {hashlib.sha256(pdf).hexdigest()}", err=True
        )
        sys.exit(EXIT_CODES[assessment["verdict"]])
    if output_format == "json":
        text = json.dumps(assessment, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    else:
        text = render_text(assessment, ruleset, lang)
    _write(text, output)
    sys.exit(EXIT_CODES[assessment["verdict"]])


@cli.group("rules")
def rules_group():
    """List and validate rule sets."""


@rules_group.command("list")
@rules_dir_option
def rules_list(rules_dir):
    """Show every rule set version with its levels and title."""
    library = _library(rules_dir)
    if not library.files():
        raise InputError(
            str(library.root), [Problem("", "no rule set files (<id>/<version>.yaml) found here")]
        )
    broken = 0
    for path in library.files():
        try:
            ruleset = library.load(path)
        except RulesetError as err:
            broken += 1
            click.echo(
                f"{path.parent.name:<38} {path.stem:<8} BROKEN: {len(err.problems)} problem(s)"
            )
            continue
        levels = ",".join(ruleset.levels)
        click.echo(
            f"{ruleset.id:<38} {ruleset.version:<8} {levels:<26} {len(ruleset.rules):>3} rules  "
            f"{ruleset.title['en']}"
        )
    if broken:
        click.echo(f"{broken} broken file(s); run `checker rules validate` for details", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _parameter_line(name: str, parameter) -> str:
    line = f"      {name} = {json.dumps(parameter.value, ensure_ascii=False)}"
    if parameter.min is not None or parameter.max is not None:
        line += f"  (tailorable {parameter.min}..{parameter.max})"
    elif parameter.choices is not None:
        line += f"  (tailorable: {', '.join(map(str, parameter.choices))})"
    if parameter.unverified:
        line += f"\n        ! unverified: {parameter.unverified}"
    return line


@rules_group.command("show")
@click.argument("ruleset_id")
@click.option("--version", "version", default=None, help="Rule set version (default: the newest).")
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True)
@rules_dir_option
def rules_show(ruleset_id, version, lang, rules_dir):
    """Show one rule set version: every rule with kind, level, check, parameters and source."""
    ruleset = _library(rules_dir).get(ruleset_id, version)
    click.echo(f"{ruleset.id} {ruleset.version} – {ruleset.title[lang]}")
    click.echo(f"{ruleset.publisher}; levels: {', '.join(ruleset.levels)}; sha256 {ruleset.sha256}")
    for rule in ruleset.rules:
        replaces = f", replaces {rule.replaces}" if rule.replaces else ""
        click.echo(
            f"\n  {rule.id}  [{rule.kind}, {rule.level}{replaces}, {rule.origin}]  {rule.title[lang]}"
        )
        click.echo(f"    {rule.requirement[lang]}")
        click.echo(
            f"    check: {rule.check_type} on {rule.applies_to}"
            + (f" where {rule.where}" if rule.where else "")
        )
        for name, parameter in rule.parameters.items():
            click.echo(_parameter_line(name, parameter))
        source = ruleset.source(rule.source["ref"])
        click.echo(f"    source: {source['name']} ({source['url']}, {source['date']})")


@rules_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_dir_option
def rules_validate(paths, rules_dir):
    """Validate rule set files (default: every file in the rules folder)."""
    library = _library(rules_dir)
    files = list(paths) or library.files()
    failures = 0
    for path in files:
        try:
            ruleset = library.load(Path(path))
        except RulesetError as err:
            failures += 1
            click.echo(err.describe(), err=True)
            continue
        click.echo(f"ok  {path}  ({ruleset.id} {ruleset.version}, {len(ruleset.rules)} rules)")
    if not files:
        click.echo(f"no rule set files found under {library.root}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if failures:
        click.echo(f"{failures} of {len(files)} file(s) invalid", err=True)
        sys.exit(EXIT_BAD_INPUT)


@cli.group("tender")
def tender_group():
    """Work with tender files."""


@tender_group.command("validate")
@click.argument("tender", type=click.Path(path_type=Path))
def tender_validate(tender):
    """Check a tender file against the climate-tender/1 format; exit 2 with every problem if invalid."""
    data = load_tender(tender)
    counts = ", ".join(
        f"{len(data.get(name) or [])} {name}"
        for name in ("machines", "vehicles", "heating", "fuels")
    )
    click.echo(f"ok  {tender}  ({data['tender_id']}: {counts})")


@cli.command("verify")
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
    from checker.report.verify import verify_pdf

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


@cli.command("schema")
@click.argument("name", type=click.Choice(["tender", "ruleset"]))
def schema_command(name):
    """Print the published JSON Schema of the tender format or the rule set file format."""
    click.echo(json.dumps(load_schema(f"{name}.schema.json"), indent=2, ensure_ascii=False))


register_web_commands(cli)
register_audit_commands(cli)
register_intake_commands(cli, tender_group)


def main() -> None:
    """Entry point: bad input exits 2 with the problems named, never with a traceback."""
    try:
        cli.main(standalone_mode=False)
    except InputError as err:
        click.echo(f"error: {err.describe()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:
        sys.exit(EXIT_BAD_INPUT)
    except Exception as err:  # noqa: BLE001 - the last line of defence: report, don't dump a traceback
        click.echo(f"internal error (please report it): {type(err).__name__}: {err}", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
