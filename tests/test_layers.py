"""The layers of the README's code map: the core imports neither Flask, the database, the web
side nor the command line; the command line reaches the database only through its web-side
command modules."""

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "checker"
# The pure core: rule sets, check types, assessment, contract follow-up, formats, intake, reports,
# audit chain, exports, signing, climate statistics.
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
    "signing",
    "statistics",
)
CORE_MODULES = ("clock.py", "paths.py")
WEB_FRAMEWORK = ("flask", "flask_", "sqlalchemy", "alembic", "werkzeug")
# The commands that work on the database are the web side's command line (verify consults the
# register of issued reports).
CLI_ON_THE_DATABASE = (
    "web.py",
    "audit.py",
    "worker.py",
    "verify.py",
    "statistics.py",
    "reminders.py",
)


def _modules(where: str):
    root = PACKAGE / where
    paths = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    return [path.relative_to(PACKAGE) for path in paths]


def _core_modules():
    for name in CORE + CORE_MODULES:
        yield from _modules(name)


def _imports(path):
    """Every module an import names, and for `from X import Y` also X.Y (Y may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


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


def _views_module(name: str) -> tuple[str, str] | None:
    """('workspace', 'bid_views') for checker.web.workspace.bid_views, else None."""
    parts = name.split(".")
    if len(parts) >= 4 and parts[:2] == ["checker", "web"] and parts[3].endswith("views"):
        return parts[2], parts[3]
    return None


@pytest.mark.parametrize("module", _modules("web"), ids=str)
def test_views_are_imported_only_by_the_app_factory_and_their_own_features_views(module):
    if module == Path("web/__init__.py"):
        pytest.skip("the app factory registers every blueprint")
    feature = module.parts[1] if len(module.parts) > 2 else None
    found = {
        name
        for name in _imports(PACKAGE / module)
        if _views_module(name)
        and (_views_module(name)[0] != feature or not module.stem.endswith("views"))
    }
    assert found == set(), f"{module} imports {sorted(found)}: move what it needs out of views"


def test_every_package_is_in_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(CORE) | {"cli", "web", "migrations"}, packages - set(CORE)


def test_the_layer_check_sees_the_core():
    seen = {str(m) for m in _core_modules()}
    assert {"intake/read.py", "assessment/advice.py", "assessment/engine.py"} <= seen


MAX_MODULE_LINES = 400


@pytest.mark.parametrize("module", _modules("."), ids=str)
def test_no_module_is_over_400_lines(module):
    lines = len((PACKAGE / module).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module} has {lines} lines: split it by what it does"
