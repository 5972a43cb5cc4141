"""Example tenders for rule tests: a base tender from examples/ plus small, named changes."""

import copy
import re
from pathlib import Path

from checker.formats.inputs import read_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).parent / "data" / "cases"
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def _parent(data, path: str):
    steps = _steps(path)
    node = data
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def build_tender(case: dict) -> dict:
    """The case's base example with its set / remove / append changes applied, in that order."""
    tender = copy.deepcopy(read_file(EXAMPLES / case["base"]))
    for path, value in (case.get("set") or {}).items():
        node, last = _parent(tender, path)
        node[last] = value
    for path in case.get("remove") or []:
        node, last = _parent(tender, path)
        del node[last]
    for path, entries in (case.get("append") or {}).items():
        node, last = _parent(tender, path)
        node.setdefault(last, []).extend(entries)
    return tender


def case_files() -> list[Path]:
    """tests/data/cases/<ruleset-id>/<version>/<case>.yaml"""
    return sorted(CASES.glob("*/*/*.yaml"))
