"""What every command shares: exit codes, the rule library, optional input files, output."""

from datetime import datetime
from pathlib import Path

import click

from checker import clock
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import read_file
from checker.formats.texts import LANGUAGES
from checker.reports.envelope import issue_time
from checker.rulesets.ruleset import RuleLibrary

EXIT_CODES = {"compliant": 0, "non_compliant": 1, "incomplete": 3}


EXIT_BAD_INPUT = 2


EXIT_INTERNAL = 4


def rule_library(rules_dir: Path | None) -> RuleLibrary:
    return RuleLibrary(rules_dir)


def optional_mapping(path: Path | None, what: str) -> dict | None:
    if path is None:
        return None
    data = read_file(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [Problem("", f"expected a mapping ({what})")])
    return data


def write_text(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None


def write_bytes(data: bytes, output: Path) -> None:
    try:
        output.write_bytes(data)
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None


rules_dir_option = click.option(
    "--rules-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of rule sets (default: CHECKER_RULES_DIR, else the shipped rules/).",
)


def lang_option(default: str, help: str | None = None, languages=LANGUAGES):
    """--lang: one of the languages every text comes in (reports: bokmål, nynorsk, English)."""
    return click.option(
        "--lang", type=click.Choice(languages), default=default, show_default=True, help=help
    )


def parse_issue_time(value: str | None) -> str:
    """ISO 8601 UTC to the second; now when not given."""
    if value is None:
        return issue_time(clock.now())
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
