"""Every check type's own example table gives the states it promises, through the engine.

The tables live beside each check (checker/checks/<type>.py); here each row becomes a one-rule
rule set and a tender, assessed with the public `assess`, and the open results get advice.
"""

import copy
from pathlib import Path

import pytest

from checker.assessment.advice import advise
from checker.assessment.engine import assess
from checker.checks import CHECKS
from checker.formats.messages import render
from checker.rulesets.ruleset import Parameter
from checker.rulesets.ruleset import Rule
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.ruleset import Ruleset

TEXT = {"nb": "x", "en": "x"}
EXAMPLES = [
    (name, index, example)
    for name, check in sorted(CHECKS.items())
    for index, example in enumerate(check.examples)
]


def _ruleset(name: str, example) -> Ruleset:
    check = CHECKS[name]
    present = [target for target in sorted(check.targets) if target in example.tender]
    applies_to = example.applies_to or (present or sorted(check.targets))[0]
    kind = "award" if name.startswith("award") else "requirement"
    rule = Rule(
        id="r1",
        kind=kind,
        level="basis",
        replaces=None,
        applies_to=applies_to,
        check_type=name,
        where={},
        parameters={key: Parameter(value=value) for key, value in example.params.items()},
        title=TEXT,
        requirement=TEXT,
        evidence=(TEXT,),
        guidance=TEXT,
        source={"ref": "s"},
        origin="proposal",
        note=None,
    )
    return Ruleset(
        id="example",
        version="1",
        sha256="0" * 64,
        path=Path("example/1.yaml"),
        status="draft",
        title=TEXT,
        description=TEXT,
        publisher="tests",
        sources=({"id": "s", "name": "s", "url": "https://example.org", "date": "2026"},),
        levels=("basis",),
        rules=(rule,),
    )


def _tender(example) -> dict:
    tender = copy.deepcopy(example.tender)
    procurement = {"reference": "R", "title": "T", "buyer": "B", **tender.pop("procurement", {})}
    return {
        "format": "climate-tender/1",
        "tender_id": "T1",
        "contractor": {"name": "C", "org_number": "914880009"},
        "price_nok": 1,
        "procurement": procurement,
        **tender,
    }


@pytest.mark.parametrize(
    ("name", "index", "example"), EXAMPLES, ids=[f"{n}-{i}" for n, i, _ in EXAMPLES]
)
def test_example_gives_its_state(name, index, example):
    ruleset, tender = _ruleset(name, example), _tender(example)
    assessment = assess(ruleset, "basis", None, tender, decisions=example.decisions)
    result = assessment["results"][0]
    assert result["status"] == example.status, (
        example.description,
        render(result["message"], "en"),
    )
    found = {entry["id"]: entry["status"] for entry in result["items"]}
    for item_id, status in example.items.items():
        assert found.get(item_id) == status, (example.description, result["items"])
    for entry in result["items"]:
        assert entry["code"], (example.description, entry)
    if example.status in ("fail", "not_answered", "manual_review") and result["kind"] != "award":
        advice = advise(assessment, ruleset, tender)
        assert advice, f"{name}: no advice for '{example.description}'"
        assert all(
            render(piece["advice"], "nb") and render(piece["advice"], "en") for piece in advice
        )


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_check_type_has_a_passing_and_a_non_passing_example(name):
    states = {example.status for example in CHECKS[name].examples}
    assert "pass" in states, f"{name} has no passing example"
    assert states - {"pass"}, f"{name} has no example that does not pass"


def test_every_check_type_is_used_by_a_shipped_rule():
    library = RuleLibrary()
    used = {rule.check_type for path in library.files() for rule in library.load(path).rules}
    assert set(CHECKS) - used == set(), "check types no rule uses: remove them or give them a rule"
