"""`checker rules list|show|validate`: the rule-set library from the command line."""

import sys
from pathlib import Path

import click

from checker.assessment.engine import TailoringError
from checker.assessment.engine import normalise_tailoring
from checker.cli.common import EXIT_BAD_INPUT
from checker.cli.common import lang_option
from checker.cli.common import optional_mapping
from checker.cli.common import rule_library
from checker.cli.common import rules_dir_option
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.texts import pick
from checker.intake.names import name_of
from checker.rulesets.names import APPLIES
from checker.rulesets.names import KINDS
from checker.rulesets.names import ORIGINS
from checker.rulesets.names import TRANSLATION
from checker.rulesets.names import named
from checker.rulesets.ruleset import RulesetError
from checker.rulesets.translation import rule_file
from checker.rulesets.wording import field_name
from checker.rulesets.wording import parameter_name
from checker.rulesets.wording import parameter_text
from checker.rulesets.wording import tailored_rule
from checker.rulesets.wording import unit_text
from checker.rulesets.wording import value_name
from checker.rulesets.wording import value_text


@click.group("rules")
def rules_group():
    """List and validate rule sets."""


@rules_group.command("list")
@rules_dir_option
@lang_option(
    "en",
    help="Titles and level names in this language (English shows the level codes `--level` takes).",
)
def rules_list(rules_dir, lang):
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
        click.echo(_list_line(library, ruleset, lang))
    if broken:
        click.echo(f"{broken} broken file(s); run `checker rules validate` for details", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _list_line(library, ruleset, lang: str) -> str:
    if lang == "en":
        levels = ",".join(ruleset.levels)
    else:
        levels = ", ".join(name_of(level, lang) for level in ruleset.levels)
    corrected_by = library.corrected_by(ruleset.id, ruleset.version)
    marker = f"  ({_word('corrected_in', lang)} {corrected_by})" if corrected_by else ""
    return (
        f"{ruleset.id:<38} {ruleset.version:<8} {levels:<26} {len(ruleset.rules):>3} "
        f"{_word('rules', lang)}  {pick(ruleset.title, lang)}{marker}"
    )


# The command's own words: (nb, nn, en).
WORDS = {
    "publisher": ("Utgiver", "Utgjevar", "Publisher"),
    "levels": ("nivåer", "nivå", "levels"),
    "origin": ("Opphav", "Opphav", "Origin"),
    "unverified": ("ikke bekreftet", "ikkje stadfesta", "unverified"),
    "tailorable": ("kan tilpasses", "kan tilpassast", "tailorable"),
    "tailored": ("tilpasset; publisert verdi", "tilpassa; publisert verdi", "tailored; published"),
    "corrects": ("Retter versjon", "Rettar versjon", "Corrects version"),
    "corrected_by": ("Rettet i versjon", "Retta i versjon", "Corrected by version"),
    "corrected_in": ("rettet i", "retta i", "corrected by"),
    "rules": ("regler", "reglar", "rules"),
    "source": ("Kilde", "Kjelde", "Source"),
    "value_source": ("kilde", "kjelde", "source"),
    "from_level": ("fra nivå", "frå nivå", "from level"),
    "replaces": ("erstatter", "erstattar", "replaces"),
    "applies_to": ("gjelder", "gjeld", "applies to"),
    "scope": ("Omfang", "Omfang", "Scope"),
    "evidence": ("Dokumentasjon", "Dokumentasjon", "Evidence"),
    "guidance": ("Slik oppfyller du kravet", "Slik oppfyller du kravet", "How to comply"),
    "note": ("Merknad", "Merknad", "Note"),
    "parameters": ("Parametere", "Parametrar", "Parameters"),
}


def _word(key: str, lang: str) -> str:
    return named(WORDS, key, lang)


def _range(rule, name: str, parameter, lang: str) -> str:
    """The range or the choices a procurement may tailor a value within, by name."""
    if parameter.min is not None or parameter.max is not None:
        low = "" if parameter.min is None else parameter_text(rule, name, parameter.min, lang)
        high = "" if parameter.max is None else parameter_text(rule, name, parameter.max, lang)
        return f"{low}–{high}{unit_text(parameter.unit, lang)}"
    return parameter_text(rule, name, list(parameter.choices), lang)


def _parameter_lines(ruleset, rule, name: str, parameter, lang: str, own) -> list[str]:
    value = parameter_text(rule, name, parameter.value, lang) + unit_text(parameter.unit, lang)
    if own is not None:
        tailored = parameter_text(rule, name, own, lang) + unit_text(parameter.unit, lang)
        value = f"{tailored} ({_word('tailored', lang)} {value})"
    line = f"      {parameter_name(name, lang)}: {value}"
    if parameter.is_tailorable:
        line += f"  ({_word('tailorable', lang)}: {_range(rule, name, parameter, lang)})"
    if parameter.origin:
        line += f"  [{_word('origin', lang).lower()}: {named(ORIGINS, parameter.origin, lang)}]"
    if parameter.source:
        line += f"  [{_word('value_source', lang)}: {ruleset.source(parameter.source)['name']}]"
    lines = [line]
    if parameter.unverified:
        lines.append(f"        ! {_word('unverified', lang)}: {parameter.unverified_text(lang)}")
    return lines


def _scope(where: dict, lang: str) -> str:
    """A check's scope (categories, purposes, carriers, a weight limit) by name."""
    parts = []
    for key, value in where.items():
        if isinstance(value, list):
            parts.append(", ".join(value_name(code, lang) for code in value))
        else:
            bound, field = key.split("_", 1)
            sign = "≤" if bound == "max" else "≥"
            parts.append(f"{field_name(field, lang)} {sign} {value_text('', value, lang)}")
    return "; ".join(parts)


@rules_group.command("show")
@click.argument("ruleset_id")
@click.option("--version", "version", default=None, help="Rule set version (default: the newest).")
@click.option(
    "--tailoring",
    type=click.Path(path_type=Path),
    help="JSON/YAML file: a procurement's tailored parameters, filled into the texts.",
)
@lang_option("nb")
@rules_dir_option
def rules_show(ruleset_id, version, tailoring, lang, rules_dir):
    """Show one rule set version: every rule's texts filled with its parameters, named."""
    library = rule_library(rules_dir)
    ruleset = library.get(ruleset_id, version)
    tailored = _tailoring(ruleset, tailoring)
    click.echo(f"{ruleset.id} {ruleset.version} – {pick(ruleset.title, lang)}")
    levels = ", ".join(name_of(level, lang) for level in ruleset.levels)
    click.echo(
        f"{_word('publisher', lang)}: {ruleset.publisher}; {_word('levels', lang)}: {levels}; "
        f"sha256 {ruleset.sha256}"
    )
    if lang == "nn":
        click.echo(named(TRANSLATION, "product" if ruleset.translation else "none", lang))
    click.echo(pick(ruleset.description, lang))
    if ruleset.corrects:
        note = pick(ruleset.corrects["note"], lang)
        click.echo(f"{_word('corrects', lang)} {ruleset.corrects['version']}: {note}")
    corrected_by = library.corrected_by(ruleset.id, ruleset.version)
    if corrected_by:
        click.echo(f"! {_word('corrected_by', lang)} {corrected_by}")
    for rule in ruleset.rules:
        own = (tailored.get("parameters") or {}).get(rule.id) or {}
        _show_rule(ruleset, tailored_rule(rule, tailored), lang, own)


def _tailoring(ruleset, path: Path | None) -> dict:
    data = optional_mapping(path, "tailoring")
    if data is None:
        return {}
    try:
        return normalise_tailoring(ruleset, ruleset.levels[-1], data)
    except TailoringError as err:
        raise InputError(str(path), err.problems) from None


def _show_rule(ruleset, rule, lang: str, own: dict) -> None:
    kind = named(KINDS, rule.kind, lang).capitalize()
    where = f"{kind}, {_word('from_level', lang)} {name_of(rule.level, lang)}"
    if rule.replaces:
        replaced = ruleset.rule(rule.replaces)
        where += f" ({_word('replaces', lang)} «{pick(replaced.title, lang)}»)"
    where += f"; {_word('applies_to', lang)} {named(APPLIES, rule.applies_to, lang)}"
    click.echo(f"\n  {pick(rule.title, lang)}  ({rule.id})")
    click.echo(f"    {where}")
    click.echo(f"    {_word('origin', lang)}: {named(ORIGINS, rule.origin, lang)}")
    requirement = pick(rule.requirement, lang)
    quoted = ruleset.translation and ruleset.translation.quoted_from(f"rules.{rule.id}.requirement")
    if lang == "nn" and quoted:
        requirement += f" [{named(TRANSLATION, 'quoted', lang)}: {ruleset.source(quoted)['name']}]"
    click.echo(f"    {requirement}")
    if rule.where:
        click.echo(f"    {_word('scope', lang)}: {_scope(rule.where, lang)}")
    for evidence in rule.evidence:
        click.echo(f"    {_word('evidence', lang)}: {pick(evidence, lang)}")
    click.echo(f"    {_word('guidance', lang)}: {pick(rule.guidance, lang)}")
    if rule.note:
        click.echo(f"    {_word('note', lang)}: {pick(rule.note, lang)}")
    if rule.parameters:
        click.echo(f"    {_word('parameters', lang)}:")
    for name, parameter in rule.parameters.items():
        for line in _parameter_lines(ruleset, rule, name, parameter, lang, own.get(name)):
            click.echo(line)
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
    # A translation is validated with the file it translates (given either).
    files = [rule_file(Path(path)) for path in paths] or library.files()
    orphans = [] if paths else library.orphan_translations()
    failures = 0
    for orphan in orphans:
        failures += 1
        click.echo(f"{orphan}: translates {rule_file(orphan).name}, which does not exist", err=True)
    for path in files:
        try:
            ruleset = library.load(Path(path))
        except RulesetError as err:
            failures += 1
            click.echo(err.describe(), err=True)
            continue
        translated = f", nynorsk {ruleset.translation.texts} texts" if ruleset.translation else ""
        click.echo(
            f"ok  {path}  ({ruleset.id} {ruleset.version}, {len(ruleset.rules)} rules{translated})"
        )
    if not files:
        click.echo(f"no rule set files found under {library.root}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if failures:
        click.echo(f"{failures} of {len(files) + len(orphans)} file(s) invalid", err=True)
        sys.exit(EXIT_BAD_INPUT)
