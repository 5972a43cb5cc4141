"""The tests' own layout: shared code lives in tests/helpers.py (and tests/cases.py), so no test
module or conftest imports another test module, and every fixture in helpers is offered."""

import ast

import pytest

from tests.helpers import ROOT

TESTS = ROOT / "tests"
SHARED = {"tests.helpers", "tests.cases"}


def imported_test_code(source: str, module: str) -> list[str]:
    """The modules under tests/ that `source` (the module named `module`) imports, other than
    the shared ones; relative imports are resolved against `module`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.rsplit(".", node.level)[0]
                base = f"{package}.{base}" if base else package
            # `from tests import helpers` names modules; `from tests.x import y` names members.
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "tests" else [base]
        else:
            continue
        found += [name for name in names if name.split(".")[0] == "tests" and name not in SHARED]
    return sorted(set(found))


def _module_name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.test_web_evaluation import soup", ["tests.test_web_evaluation"]),
        ("from tests.conftest import PASSWORDS", ["tests.conftest"]),
        ("from tests.browser.conftest import log_in", ["tests.browser.conftest"]),
        ("import tests.test_cli", ["tests.test_cli"]),
        ("from tests import test_cli, helpers", ["tests.test_cli"]),
        ("from tests.conftest import EXAMPLES, ROOT\nimport tests.conftest", ["tests.conftest"]),
        ("from .conftest import log_in", ["tests.browser.conftest"]),
        ("def f():\n    from tests.test_ocds import SCHEMAS", ["tests.test_ocds"]),
        ("from tests.helpers import soup\nfrom tests.cases import build_tender", []),
        ("from checker.web import create_app", []),
    ],
)
def test_imports_of_other_test_code_are_found(source, found):
    assert imported_test_code(source, "tests.browser.test_x") == found


def test_no_test_module_imports_another():
    offending = {
        str(path.relative_to(ROOT)): imported
        for path in sorted(TESTS.rglob("*.py"))
        if (imported := imported_test_code(path.read_text(encoding="utf-8"), _module_name(path)))
    }
    assert offending == {}, "move what they share into tests/helpers.py"


def test_every_fixture_in_helpers_is_offered_to_the_tests():
    helpers = ast.parse((TESTS / "helpers.py").read_text(encoding="utf-8"))
    fixtures = {
        node.name
        for node in helpers.body
        if isinstance(node, ast.FunctionDef)
        and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
    }
    conftest = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    offered = {
        alias.name
        for node in conftest.body
        if isinstance(node, ast.ImportFrom) and node.module == "tests.helpers"
        for alias in node.names
    }
    assert fixtures and fixtures <= offered


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "benchmarks").glob("*.py")))
def test_no_benchmark_is_named_like_a_standard_module(script):
    """A benchmark runs with its folder first on the path: one named like a standard module
    (statistics.py) would stand in for it in every other benchmark."""
    import sys

    assert script.removesuffix(".py") not in sys.stdlib_module_names
