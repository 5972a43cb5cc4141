"""The layers of the README's code map: the core imports neither Flask, the database, the web
side nor the command line; the command line reaches the database only through its web-side
command modules."""

import ast

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "checker"
# The pure core: rule sets, check types, assessment, contract follow-up, formats, intake, reports,
# audit chain, exports, climate statistics.
CORE = (
    "assessment",
    "audit",
    "checks",
    "exports",
    "followup",
    "formats",
    "intake",
    "reports",
    "rulesets",
    "statistics",
)
CORE_MODULES = ("clock.py", "paths.py")
WEB_FRAMEWORK = ("flask", "flask_", "sqlalchemy", "alembic", "werkzeug")
# The commands that work on the database are the web side's command line.
CLI_ON_THE_DATABASE = ("web.py", "audit.py", "statistics.py")


def _modules(where: str):
    root = PACKAGE / where
    paths = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    return [path.relative_to(PACKAGE) for path in paths]


def _core_modules():
    for name in CORE + CORE_MODULES:
        yield from _modules(name)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("module", list(_core_modules()), ids=str)
def test_core_module_imports_neither_the_web_side_nor_the_command_line(module):
    forbidden = WEB_FRAMEWORK + ("checker.web", "checker.cli")
    found = [name for name in _imports(PACKAGE / module) if name.startswith(forbidden)]
    assert found == [], f"{module} imports {found}"


@pytest.mark.parametrize("module", _modules("cli"), ids=str)
def test_the_command_line_reaches_the_database_only_through_its_web_commands(module):
    if module.name in CLI_ON_THE_DATABASE:
        pytest.skip("a web-side command module")
    found = [
        name
        for name in _imports(PACKAGE / module)
        if name.startswith(WEB_FRAMEWORK + ("checker.web",))
    ]
    assert found == [], f"{module} imports {found}"


@pytest.mark.parametrize("module", list(_core_modules()) + _modules("web"), ids=str)
def test_nothing_but_the_command_line_imports_it(module):
    found = [name for name in _imports(PACKAGE / module) if name.startswith("checker.cli")]
    assert found == [], f"{module} imports {found}"


def test_every_package_is_in_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(CORE) | {"cli", "web", "migrations"}, packages - set(CORE)


def test_the_layer_check_sees_the_core():
    seen = {str(m) for m in _core_modules()}
    assert {"intake/read.py", "assessment/advice.py", "assessment/engine.py"} <= seen
