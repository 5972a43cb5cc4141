"""Commands for machine lists in Excel and CSV: the template, an export, and an import."""

import json
import sys
from pathlib import Path

import click
import yaml

from checker.cli.common import lang_option
from checker.cli.common import write_bytes
from checker.cli.common import write_text
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import read_file
from checker.formats.messages import render
from checker.formats.tender import validate_tender
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.limits import MAX_UPLOAD_BYTES
from checker.intake.limits import IntakeError
from checker.intake.read import read_upload
from checker.intake.template import build_csv
from checker.intake.template import build_xlsx
from checker.rulesets.ruleset import RuleLibrary

EXIT_ROWS_REJECTED = 1


@click.command("template")
@click.argument("ruleset_id")
@click.option("--version", "version", default=None, help="Rule set version (default: the newest).")
@lang_option("nb")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
)
@click.option(
    "--sheet",
    type=click.Choice(sorted(SHEETS_BY_KEY)),
    default="machines",
    show_default=True,
    help="The list a CSV file holds (an XLSX file holds them all).",
)
@click.option(
    "--from",
    "tender_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Fill the template with this tender's entries (an export).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--rules-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def template_command(
    ruleset_id, version, lang, output_format, sheet, tender_path, output, rules_dir
):
    """Write the machine-list template of a rule set (XLSX with drop-downs, or CSV)."""
    ruleset = RuleLibrary(rules_dir).get(ruleset_id, version)
    lists = read_file(tender_path) if tender_path else None
    if lists is not None and not isinstance(lists, dict):
        raise InputError(str(tender_path), [Problem("", "expected a tender (a mapping)")])
    if output_format == "xlsx":
        data = build_xlsx(ruleset, lang, lists)
    else:
        data = build_csv(sheet, lang, lists).encode("utf-8")
    write_bytes(data, output)
    click.echo(f"{output}: {ruleset.id} {ruleset.version}, {output_format}, {lang}", err=True)


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_UPLOAD_BYTES + 1)
    except OSError as err:
        raise InputError(str(path), [Problem("", f"cannot be read: {err.strerror}")]) from None


def _dump(tender: dict, path: Path) -> str:
    if path.suffix.lower() in (".yaml", ".yml"):
        return yaml.safe_dump(tender, allow_unicode=True, sort_keys=False)
    return json.dumps(tender, indent=2, ensure_ascii=False) + "\n"


@click.command("import")
@click.argument("machine_list", type=click.Path(path_type=Path))
@click.option(
    "--into",
    "tender_path",
    type=click.Path(path_type=Path),
    required=True,
    help="The tender (JSON/YAML) whose lists the file replaces.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the result (default: over the --into file).",
)
@lang_option("en")
def import_command(machine_list, tender_path, output, lang):
    """Read a filled template (XLSX/CSV) into a tender. Exit 0 all rows read, 1 rows rejected."""
    tender = read_file(tender_path)
    if not isinstance(tender, dict):
        raise InputError(str(tender_path), [Problem("", "expected a tender (a mapping)")])
    try:
        intake = read_upload(machine_list.name, _read_bytes(machine_list))
    except IntakeError as err:
        raise InputError(str(machine_list), [Problem("", render(err.message, lang))]) from None
    updated = intake.apply_to(tender)
    target = output or tender_path
    write_text(_dump(updated, target), target)
    for problem in intake.problems:
        click.echo(f"  - {problem.text(lang)}", err=True)
    lists = ", ".join(intake.lists_given) or "none"
    click.echo(
        f"{target}: {intake.rows_kept} row(s) read into {lists}; "
        f"{len(intake.rejected)} row(s) rejected",
        err=True,
    )
    try:
        validate_tender(updated, str(target))
    except InputError as err:
        click.echo(f"note: {err.describe()}", err=True)
    sys.exit(EXIT_ROWS_REJECTED if intake.problems else 0)


def register(cli, tender_group) -> None:
    cli.add_command(template_command)
    tender_group.add_command(import_command)
