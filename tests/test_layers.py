"""The core (rules, engine, intake, advice, reports) stays free of Flask and the database."""

import ast

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "checker"
WEB_SIDE = ("web", "migrations")
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "alembic", "checker.web", "werkzeug")


def _core_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        # The commands that work on the database are the web side's command line.
        if relative.parts[0] in WEB_SIDE or relative.name in ("cli_web.py", "cli_audit.py"):
            continue
        yield relative


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("module", list(_core_modules()), ids=str)
def test_core_module_does_not_import_the_web_side(module):
    found = [name for name in _imports(PACKAGE / module) if name.startswith(FORBIDDEN)]
    assert found == [], f"{module} imports {found}"


def test_the_layer_check_sees_the_intake_modules():
    assert {str(m) for m in _core_modules()} >= {"intake/read.py", "advice.py", "engine.py"}
