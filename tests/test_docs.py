"""The README stays true: its commands, check types, parameters and rule sets match the code."""

import re

import pytest

from checker.checks import CHECKS
from checker.cli import cli
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shell_blocks():
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_has_the_two_commands_and_ci_runs_the_test_command():
    run_command, test_command = _shell_blocks()[:2]
    assert run_command == "make run"
    assert test_command == "make test"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "checker serve" in makefile.split("\nrun:")[1].split("\n\n")[0]
    assert "pytest" in makefile.split("\ntest:")[1].split("\n\n")[0]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_check_type_and_parameter_is_documented(name):
    row = next((line for line in README.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row, f"check type {name} is missing from the README table"
    for parameter in CHECKS[name].params:
        assert f"`{parameter}`" in row, f"{name}.{parameter} is not documented"


@pytest.mark.parametrize("ruleset_id", RuleLibrary().ids())
def test_every_rule_set_is_listed(ruleset_id):
    assert f"| `{ruleset_id}` |" in README


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}"


@pytest.mark.parametrize("command", sorted(_commands(cli)))
def test_every_cli_command_is_documented(command):
    assert f"checker {command}" in README


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.json")))
def test_every_example_is_described(example):
    assert f"`{example}`" in README
