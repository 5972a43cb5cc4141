"""Rule set files: every shipped file validates; a broken one names file, rule id and path."""

import hashlib
import json

import pytest
import yaml

from checker.checks import CHECKS
from checker.formats.inputs import load_schema
from checker.formats.inputs import read_file
from checker.formats.vocabulary import ENERGY_CARRIERS
from checker.formats.vocabulary import MACHINE_CATEGORIES
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.ruleset import RulesetError
from checker.rulesets.ruleset import load_ruleset_file

LIBRARY = RuleLibrary()
DFO = LIBRARY.root / "dfo-fossil-free-site" / "1.0.yaml"


@pytest.mark.parametrize("path", LIBRARY.files(), ids=lambda p: "/".join(p.parts[-2:]))
def test_shipped_rule_set_is_valid_and_complete(path):
    ruleset = load_ruleset_file(path)
    assert ruleset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    for rule in ruleset.rules:
        assert rule.guidance["nb"] and rule.guidance["en"]
        assert rule.evidence, f"{rule.id} names no evidence"
        assert ruleset.source(rule.source["ref"])["url"].startswith("https://")


def test_newest_version_is_the_default():
    assert LIBRARY.get("oslo-zero-emission-site").version == "2025.2"
    assert LIBRARY.get("oslo-zero-emission-site", "2019").version == "2019"


def _broken_copy(tmp_path, mutate, folder="dfo-fossil-free-site", name="1.0.yaml"):
    document = read_file(DFO)
    mutate(document)
    target = tmp_path / folder / name
    target.parent.mkdir(parents=True)
    target.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def _rule(document, rule_id):
    return next(rule for rule in document["rules"] if rule["id"] == rule_id)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: _rule(d, "machines-stage-iiib")["check"].update(type="eval"),
            "rules[1] (rule machines-stage-iiib).check.type: expected one of: award_by_carrier",
        ),
        (
            lambda d: _rule(d, "machines-stage-iiib")["parameters"].update(
                min_stage={"value": "VI"}
            ),
            "rules[1] (rule machines-stage-iiib).parameters.min_stage.value: expected one of: I, II, IIIA, IIIB, IV, V",
        ),
        (
            lambda d: _rule(d, "machines-stage-iiib")["parameters"].update(
                max_stage={"value": "V"}
            ),
            "rules[1] (rule machines-stage-iiib).parameters.max_stage: unknown parameter for emission_stage_min",
        ),
        (
            lambda d: _rule(d, "machines-stage-iiib")["parameters"].pop("min_stage"),
            "rules[1] (rule machines-stage-iiib).parameters.min_stage: required parameter is missing",
        ),
        (
            lambda d: _rule(d, "zero-emission-share-20")["parameters"]["min"].update(value=0.05),
            "rules[7] (rule zero-emission-share-20).parameters.min.value: expected a value from 0.1 to 1;",
        ),
        (
            lambda d: _rule(d, "idling-plan").update(applies_to="machines"),
            "rules[5] (rule idling-plan).applies_to: check document_provided applies to tender",
        ),
        (
            lambda d: _rule(d, "idling-plan")["source"].update(ref="nowhere"),
            "rules[5] (rule idling-plan).source.ref: 'nowhere' is not in sources[]",
        ),
        (
            lambda d: _rule(d, "heating-zero-emission").update(replaces="ghost"),
            "rules[10].replaces: no rule 'ghost' in this rule set",
        ),
        (
            lambda d: _rule(d, "zero-emission-share-20").update(replaces="zero-emission-share-50"),
            "rules[7].replaces: may only replace a rule of a lower level",
        ),
        (
            lambda d: d["rules"][1].update(id="machines-fossil-free"),
            "rules[1].id: rule id 'machines-fossil-free' is used twice",
        ),
        (
            lambda d: d["rules"][0]["title"].pop("nb"),
            "rules[0] (rule machines-fossil-free).title: missing required field(s): nb",
        ),
        (lambda d: d.update(version="1.1"), "version: expected '1.0', the file name without .yaml"),
        (
            lambda d: _rule(d, "heating-fossil-free")["check"].update(
                where={"categories": ["excavator"]}
            ),
            "rules[2] (rule heating-fossil-free).check.where.categories: filters machines only",
        ),
        (
            lambda d: _rule(d, "machines-fossil-free")["parameters"]["allowed_classes"].update(
                min=0
            ),
            "rules[0] (rule machines-fossil-free).parameters.allowed_classes: min/max apply to numbers only",
        ),
        (
            lambda d: _rule(d, "machine-list-complete")["parameters"]["required_fields"].update(
                value=["categroy"]
            ),
            "'categroy' is no field of machines",
        ),
        (
            lambda d: _rule(d, "zero-emission-share-award")["parameters"]["full_points_at"].update(
                value=0
            ),
            "full_points_at.value: expected a share above 0, at most 1; found 0",
        ),
        (
            lambda d: _rule(d, "zero-emission-share-award")["parameters"]["max_points"].update(
                value=-5
            ),
            "max_points.value: expected zero or more points; found -5",
        ),
        (
            lambda d: d.update(levels=["spearhead", "advanced", "basis"]),
            "levels: expected the levels from the lowest up",
        ),
        (
            lambda d: _rule(d, "machines-fossil-free").update(evidence=[]),
            "rules[0] (rule machines-fossil-free).evidence: expected at least 1 item(s)",
        ),
    ],
)
def test_broken_rule_file_names_file_rule_and_path(tmp_path, mutate, expected):
    path = _broken_copy(tmp_path, mutate)
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(path)
    message = caught.value.describe()
    assert str(path) in message
    assert expected in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\nid: y\n", "the key 'id' is given twice"),
        ("a: &a [1, 2]\nb: *a\n", "aliases (*name) are not accepted"),
        ("value: .nan\n", "value: expected a finite number; found nan"),
        ("1: one\n", "field names must be text"),
    ],
)
def test_yaml_that_json_could_not_say_is_refused(tmp_path, text, expected):
    target = tmp_path / "x" / "1.yaml"
    target.parent.mkdir()
    target.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(target)
    assert expected in caught.value.describe()


def test_yaml_syntax_error_gives_the_line(tmp_path):
    target = tmp_path / "x" / "1.yaml"
    target.parent.mkdir()
    target.write_text("id: x\nrules: [\n  - id: a\n", encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(target)
    assert "not valid YAML" in caught.value.describe() and "line" in caught.value.describe()


def test_validate_command_reports_broken_file_and_fails(run_cli, tmp_path):
    _broken_copy(tmp_path / "more", lambda d: d["rules"][0].update(kind="wish"))
    broken = tmp_path / "more" / "dfo-fossil-free-site" / "1.0.yaml"
    code, out, err = run_cli("rules", "validate", broken, DFO)
    assert code == 2
    assert (
        "rules[0] (rule machines-fossil-free).kind: expected one of: requirement, award, contract"
        in err
    )
    assert "1 of 2 file(s) invalid" in err


def test_schema_lists_exactly_the_registered_check_types():
    schema = load_schema("ruleset.schema.json")
    check = schema["properties"]["rules"]["items"]["properties"]["check"]
    assert check["properties"]["type"]["enum"] == sorted(CHECKS)
    where = check["properties"]["where"]["properties"]
    assert where["categories"]["items"]["enum"] == list(MACHINE_CATEGORIES)


def test_tender_schema_uses_the_same_vocabulary():
    schema = load_schema("tender.schema.json")
    machine = schema["properties"]["machines"]["items"]["properties"]
    assert machine["energy_carrier"]["enum"] == [*ENERGY_CARRIERS, None]
    assert json.dumps(schema)  # plain JSON, publishable as is


def test_no_rule_file_contains_code():
    """Rule files are data: a closed set of check types, no expressions to evaluate."""
    for path in LIBRARY.files():
        text = path.read_text(encoding="utf-8")
        for marker in ("!!python", "lambda", "eval(", "__import__"):
            assert marker not in text, f"{path}: {marker}"
