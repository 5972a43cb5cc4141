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
        corrected_by = library.corrected_by(ruleset.id, ruleset.version)
        marker = f"  (corrected by {corrected_by})" if corrected_by else ""
        click.echo(
            f"{ruleset.id:<38} {ruleset.version:<8} {levels:<26} {len(ruleset.rules):>3} rules  "
            f"{ruleset.title['en']}{marker}"
        )
    if broken:
        click.echo(f"{broken} broken file(s); run `checker rules validate` for details", err=True)
        sys.exit(EXIT_BAD_INPUT)


# How a rule or a value came to be, said in the reader's language.
ORIGIN_WORDS = {
    "published": ("som publisert i kilden", "as published in the source"),
    "adapted": (
        "tilpasset fra kilden (gjort kontrollerbar)",
        "adapted from the source (made checkable)",
    ),
    "proposal": (
        "produktets eget forslag, ikke publisert av utgiveren",
        "this product's own proposal, not published by the publisher",
    ),
}
WORDS = {
    "origin": ("Opphav", "Origin"),
    "unverified": ("ikke bekreftet", "unverified"),
    "tailorable": ("kan tilpasses", "tailorable"),
    "corrects": ("Retter versjon", "Corrects version"),
    "corrected_by": ("Rettet i versjon", "Corrected by version"),
    "source": ("kilde", "source"),
}


def _word(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "nb" else 1]


def _origin(origin: str, lang: str) -> str:
    return ORIGIN_WORDS[origin][0 if lang == "nb" else 1]


def _parameter_line(name: str, parameter, lang: str = "en") -> str:
    line = f"      {name} = {json.dumps(parameter.value, ensure_ascii=False)}"
    if parameter.unit:
        line += f" {parameter.unit}"
    if parameter.min is not None or parameter.max is not None:
        line += f"  ({_word('tailorable', lang)} {parameter.min}..{parameter.max})"
    elif parameter.choices is not None:
        line += f"  ({_word('tailorable', lang)}: {', '.join(map(str, parameter.choices))})"
    if parameter.origin:
        line += f"  [{_word('origin', lang).lower()}: {_origin(parameter.origin, lang)}]"
    if parameter.source:
        line += f"  [{_word('source', lang)}: {parameter.source}]"
    if parameter.unverified:
        line += f"\n        ! {_word('unverified', lang)}: {parameter.unverified_text(lang)}"
    return line


@rules_group.command("show")
@click.argument("ruleset_id")
@click.option("--version", "version", default=None, help="Rule set version (default: the newest).")
@lang_option("nb")
@rules_dir_option
def rules_show(ruleset_id, version, lang, rules_dir):
    """Show one rule set version: every rule with kind, level, check, parameters and source."""
    library = rule_library(rules_dir)
    ruleset = library.get(ruleset_id, version)
    click.echo(f"{ruleset.id} {ruleset.version} – {ruleset.title[lang]}")
    click.echo(f"{ruleset.publisher}; levels: {', '.join(ruleset.levels)}; sha256 {ruleset.sha256}")
    if ruleset.corrects:
        note = ruleset.corrects["note"][lang]
        click.echo(f"{_word('corrects', lang)} {ruleset.corrects['version']}: {note}")
    corrected_by = library.corrected_by(ruleset.id, ruleset.version)
    if corrected_by:
        click.echo(f"! {_word('corrected_by', lang)} {corrected_by}")
    for rule in ruleset.rules:
        _show_rule(ruleset, rule, lang)


def _show_rule(ruleset, rule, lang: str) -> None:
    replaces = f", replaces {rule.replaces}" if rule.replaces else ""
    click.echo(
        f"\n  {rule.id}  [{rule.kind}, {rule.level}{replaces}, {rule.origin}]  {rule.title[lang]}"
    )
    click.echo(f"    {_word('origin', lang)}: {_origin(rule.origin, lang)}")
    click.echo(f"    {rule.requirement[lang]}")
    click.echo(
        f"    check: {rule.check_type} on {rule.applies_to}"
        + (f" where {rule.where}" if rule.where else "")
    )
    for name, parameter in rule.parameters.items():
        click.echo(_parameter_line(name, parameter, lang))
    source = ruleset.source(rule.source["ref"])
    section = f", {rule.source['section']}" if rule.source.get("section") else ""
    click.echo(
        f"    {_word('source', lang)}: {source['name']} ({source['url']}, {source['date']}){section}"
    )


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
