"""Every rule ships with example tenders and the expected result; this runs them all."""

import pytest

from checker.assessment.engine import assess
from checker.formats.inputs import read_file
from checker.formats.messages import render
from checker.formats.tender import validate_tender
from checker.rulesets.ruleset import RuleLibrary
from tests.cases import build_tender
from tests.cases import case_files

LIBRARY = RuleLibrary()
CASE_FILES = case_files()


def run_case(path):
    case = read_file(path)
    ruleset = LIBRARY.get(path.parent.parent.name, path.parent.name)
    tender = validate_tender(build_tender(case), str(path))
    assessment = assess(
        ruleset, case.get("level"), case.get("tailoring"), tender, decisions=case.get("decisions")
    )
    return case, assessment


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: "/".join(p.parts[-3:]))
def test_case_gives_expected_result(path):
    case, assessment = run_case(path)
    expect = case["expect"]
    by_rule = {result["rule"]: result for result in assessment["results"]}
    assert assessment["verdict"] == expect["verdict"]
    for rule_id, status in (expect.get("rules") or {}).items():
        assert rule_id in by_rule, f"{rule_id} was not evaluated at this level"
        assert by_rule[rule_id]["status"] == status, (
            rule_id,
            render(by_rule[rule_id]["message"], "en"),
        )
    for rule_id, items in (expect.get("items") or {}).items():
        found = {entry["id"]: entry["status"] for entry in by_rule[rule_id]["items"]}
        for item_id, status in items.items():
            assert found.get(item_id) == status, (rule_id, item_id, by_rule[rule_id]["items"])
    for rule_id, points in (expect.get("points") or {}).items():
        assert by_rule[rule_id]["points"] == pytest.approx(points, abs=0.01)


def _expectations():
    """(ruleset id, version) -> {rule id -> set of expected states across all cases}."""
    seen = {}
    for path in CASE_FILES:
        case = read_file(path)
        key = (path.parent.parent.name, path.parent.name)
        for rule_id, status in (case["expect"].get("rules") or {}).items():
            seen.setdefault(key, {}).setdefault(rule_id, set()).add(status)
        for rule_id, points in (case["expect"].get("points") or {}).items():
            seen.setdefault(key, {}).setdefault(rule_id, set()).add(f"points={points}")
    return seen


@pytest.mark.parametrize("path", LIBRARY.files(), ids=lambda p: "/".join(p.parts[-2:]))
def test_every_rule_has_a_passing_and_a_failing_example(path):
    ruleset = LIBRARY.load(path)
    seen = _expectations().get((ruleset.id, ruleset.version), {})
    for rule in ruleset.rules:
        states = seen.get(rule.id, set())
        if rule.kind == "award":
            scores = {state for state in states if state.startswith("points=")}
            assert len(scores) >= 2, (
                f"{ruleset.id} {ruleset.version}: {rule.id} needs two cases with different points"
            )
            continue
        assert "pass" in states, (
            f"{ruleset.id} {ruleset.version}: no example where {rule.id} passes"
        )
        others = states - {"pass"}
        assert others, f"{ruleset.id} {ruleset.version}: no example where {rule.id} does not pass"
