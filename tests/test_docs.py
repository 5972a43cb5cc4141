"""The README stays true: its commands, check types, parameters and rule sets match the code."""

import re

import pytest

from checker.assessment import status
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


def _code_map() -> list[str]:
    """The folders the README's code map names, as paths from the top of the checkout."""
    section = README.split("## Code map\n", 1)[1].split("\n## ", 1)[0]
    tree = re.search(r"```\n(.*?)\n```", section, flags=re.S).group(1)
    folders, parents = [], []
    for line in tree.splitlines():
        match = re.match(r"([ │├└─]*)(\S+/)\s", line)
        if not match:
            continue  # a line that carries on the description above it
        depth = len(match.group(1)) // 4
        if depth > len(parents):
            continue  # deeper than a child of the line above: a description, not a folder
        parents[depth:] = [match.group(2)]
        folders.append("".join(parents))
    return folders


CODE_MAP = _code_map()


def test_the_code_map_names_the_top_folders():
    expected = {"checker/", "checker/web/", "templates/", "rules/", "tests/", "benchmarks/"}
    assert expected | {"examples/", ".ci/"} <= set(CODE_MAP)


@pytest.mark.parametrize("folder", CODE_MAP)
def test_every_folder_in_the_code_map_exists(folder):
    assert (ROOT / folder).is_dir(), f"the README's code map names {folder}, which does not exist"


def _package_folders():
    for top in ("checker", "checker/web", "templates"):
        for path in sorted((ROOT / top).iterdir()):
            if path.is_dir() and (top == "templates" or (path / "__init__.py").exists()):
                yield f"{top}/{path.name}/"


@pytest.mark.parametrize("folder", list(_package_folders()))
def test_every_package_and_template_folder_is_in_the_code_map(folder):
    assert folder in CODE_MAP, f"{folder} is missing from the README's code map"


@pytest.mark.parametrize("state", sorted(status.NAMES) + sorted(status.VERDICT_NAMES))
def test_every_state_and_verdict_name_is_in_the_readme(state):
    names = status.NAMES.get(state) or status.VERDICT_NAMES[state]
    assert f"{names['nb']} / {names['en']}" in " ".join(README.split())


def test_every_environment_setting_is_documented():
    config = (ROOT / "checker" / "web" / "config.py").read_text(encoding="utf-8")
    for name in sorted(set(re.findall(r'"(CHECKER_[A-Z_]+)"', config))):
        assert f"`{name}`" in README, f"{name} is not in the README's configuration table"
