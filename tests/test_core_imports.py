"""The audit chain, dossier and OCDS modules stay plain: no web framework, no database, so a
dossier can be checked offline and the mappings tested on plain data."""

import ast

import pytest

from tests.conftest import ROOT

PLAIN = ("audit_chain.py", "dossier.py", "ocds.py")
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "checker.web")


def _imported(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("module", PLAIN)
def test_core_module_imports_no_web_or_database_code(module):
    names = list(_imported(ROOT / "checker" / module))
    assert names, "the parser found no imports at all"
    assert [n for n in names if n.startswith(FORBIDDEN)] == []
