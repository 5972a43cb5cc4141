"""`checker rules list|show|validate`: the rule-set library from the command line."""

import json
import sys
from pathlib import Path

import click

from checker.cli.common import EXIT_BAD_INPUT
from checker.cli.common import lang_option
from checker.cli.common import rule_library
from checker.cli.common import rules_dir_option
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.rulesets.ruleset import RulesetError


@click.group("rules")
def rules_group():
    """List and validate rule sets."""


@rules_group.command("list")
@rules_dir_option
def rules_list(rules_dir):
    """Show every rule set version with its levels and title."""
    library = rule_library(rules_dir)
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
@lang_option("nb")
@rules_dir_option
def rules_show(ruleset_id, version, lang, rules_dir):
    """Show one rule set version: every rule with kind, level, check, parameters and source."""
    ruleset = rule_library(rules_dir).get(ruleset_id, version)
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
    library = rule_library(rules_dir)
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
