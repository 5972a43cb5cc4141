"""The engine's API: levels, tailoring, decisions, verdicts, determinism."""

import json

import pytest

from checker.assessment.engine import TailoringError
from checker.assessment.engine import assess
from checker.assessment.engine import select_rules
from checker.formats.messages import render
from checker.formats.tender import canonical_json
from checker.formats.tender import validate_tender
from checker.rulesets.ruleset import RuleLibrary

LIBRARY = RuleLibrary()
DFO = LIBRARY.get("dfo-fossil-free-site")


def statuses(assessment):
    return {result["rule"]: result["status"] for result in assessment["results"]}


def test_higher_level_includes_lower_and_drops_replaced_rules():
    basis = {rule.id for rule in select_rules(DFO, "basis")}
    advanced = {rule.id for rule in select_rules(DFO, "advanced")}
    spearhead = {rule.id for rule in select_rules(DFO, "spearhead")}
    assert basis < advanced
    assert "zero-emission-share-20" in advanced and "zero-emission-share-20" not in spearhead
    assert "heating-fossil-free" in advanced and "heating-fossil-free" not in spearhead
    assert {
        "zero-emission-share-50",
        "heating-zero-emission",
        "compact-machines-zero-emission",
    } <= spearhead


def test_deselected_rule_is_shown_with_its_reason(school):
    school["documents"].pop("idling_plan")
    plain = assess(DFO, "basis", None, validate_tender(school))
    assert plain["verdict"] == "incomplete"
    tailored = assess(
        DFO, "basis", {"deselected": {"idling-plan": "covered by the SHA plan"}}, school
    )
    assert tailored["verdict"] == "compliant"
    result = next(r for r in tailored["results"] if r["rule"] == "idling-plan")
    assert result["status"] == "not_applicable"
    assert render(result["message"], "en") == "deselected in tailoring: covered by the SHA plan"
    assert tailored["tailoring"]["deselected"] == {"idling-plan": "covered by the SHA plan"}


def test_tailored_parameter_changes_the_outcome(school):
    # The school's zero-emission share of energy is 59 %: it passes 20 %, fails a tailored 60 %.
    assert statuses(assess(DFO, "advanced", None, school))["zero-emission-share-20"] == "pass"
    tailoring = {"parameters": {"zero-emission-share-20": {"min": 0.6}}}
    assert statuses(assess(DFO, "advanced", tailoring, school))["zero-emission-share-20"] == "fail"


@pytest.mark.parametrize(
    ("tailoring", "expected"),
    [
        (
            {"parameters": {"zero-emission-share-20": {"min": 0.05}}},
            "expected a value from 0.1 to 1;",
        ),
        ({"parameters": {"zero-emission-share-20": {"min": 1.5}}}, "expected a share from 0 to 1"),
        (
            {"parameters": {"zero-emission-share-20": {"min": "half"}}},
            "expected a share from 0 to 1",
        ),
        (
            {"parameters": {"hvo-en15940": {"standard": "EN 590"}}},
            "this parameter cannot be tailored",
        ),
        ({"parameters": {"ghost": {"min": 0.5}}}, "parameters.ghost: no such rule"),
        ({"deselected": {"idling-plan": ""}}, "expected a reason for deselecting the rule"),
        ({"deselect": {}}, "unknown field(s): deselect"),
        ({"deselected": ["idling-plan"]}, "deselected: expected an object"),
        (
            {"parameters": {"zero-emission-share-20": 5}},
            "parameters.zero-emission-share-20: expected an object",
        ),
        (
            {"parameters": {"machines-stage-iiib": {"min_stage": "IIIA"}}},
            "outside the allowed choices",
        ),
    ],
)
def test_tailoring_outside_the_rule_set_is_refused(school, tailoring, expected):
    with pytest.raises(TailoringError) as caught:
        assess(DFO, "advanced", tailoring, school)
    assert expected in caught.value.describe()


def test_missing_energy_carrier_is_never_a_silent_pass(school):
    school["machines"][1]["energy_carrier"] = None
    result = assess(DFO, "basis", None, validate_tender(school))
    assert statuses(result)["machines-fossil-free"] == "not_answered"
    assert result["verdict"] == "incomplete"
    assert "M2" in result["metrics"]["not_estimated"]


def test_plugin_hybrid_takes_the_class_of_its_fuel(school):
    school["machines"][1]["energy_carrier"] = "plugin_hybrid"  # fuel_id F1 = HVO100
    assert statuses(assess(DFO, "basis", None, school))["machines-fossil-free"] == "pass"
    school["machines"][1]["fuel_id"] = None
    assert statuses(assess(DFO, "basis", None, school))["machines-fossil-free"] == "fail"


def test_assessment_is_deterministic_and_names_its_inputs(school):
    first = assess(DFO, "advanced", None, school)
    second = assess(DFO, "advanced", None, json.loads(json.dumps(school)))
    assert canonical_json(first) == canonical_json(second)
    assert first["ruleset"] == {"id": DFO.id, "version": DFO.version, "sha256": DFO.sha256}
    assert first["metrics"]["method"]["factors"]["id"] == "emission-factors"
    assert len(first["tender"]["sha256"]) == 64


def test_award_points_are_summed(school):
    result = assess(DFO, "advanced", None, school)
    award = next(r for r in result["results"] if r["rule"] == "zero-emission-share-award")
    assert award["points"] == pytest.approx(5.46, abs=0.01)  # 54.6 % of 10 points
    assert result["summary"]["award_points"] == award["points"]
    assert result["summary"]["award_max_points"] == 10


def test_hvo_machines_without_any_declared_fuel_are_not_a_pass(school):
    school["fuels"] = []
    for machine in school["machines"]:
        machine.pop("fuel_id", None)
    for vehicle in school["vehicles"]:
        vehicle.pop("fuel_id", None)
    result = assess(DFO, "basis", None, validate_tender(school))
    assert statuses(result)["biofuel-sustainable"] == "not_answered"
    assert statuses(result)["hvo-en15940"] == "not_answered"
    assert result["verdict"] == "incomplete"


def test_unknown_weight_is_not_answered_where_a_rule_filters_by_weight(school):
    school["machines"][1]["operating_weight_t"] = None  # HVO excavator
    result = assess(DFO, "spearhead", None, validate_tender(school))
    compact = next(r for r in result["results"] if r["rule"] == "compact-machines-zero-emission")
    assert {"id": "M2", "status": "not_answered"}.items() <= next(
        i for i in compact["items"] if i["id"] == "M2"
    ).items()


def test_share_over_an_incomplete_list_is_not_judged(school):
    school["machines"][1]["engine_power_kw"] = None  # no litres, no kWh, no power: unknown energy
    result = assess(DFO, "advanced", None, validate_tender(school))
    share = next(r for r in result["results"] if r["rule"] == "zero-emission-share-20")
    assert share["status"] == "not_answered"
    assert "M2" in render(share["message"], "en")
    award = next(r for r in result["results"] if r["rule"] == "zero-emission-share-award")
    assert award["points"] == 0.0


def test_deselecting_a_stricter_rule_brings_back_the_one_it_replaced(school):
    tailoring = {"deselected": {"heating-zero-emission": "no heating in this contract"}}
    result = assess(DFO, "spearhead", tailoring, school)
    assert statuses(result)["heating-zero-emission"] == "not_applicable"
    assert statuses(result)["heating-fossil-free"] == "pass"


def test_a_sporadic_claim_on_a_fossil_machine_needs_the_officer(school):
    school["machines"][6].update(energy_carrier="diesel", fuel_id=None)  # sporadic generator
    result = assess(DFO, "basis", None, validate_tender(school))
    assert statuses(result)["machines-fossil-free"] == "manual_review"
    decided = assess(
        DFO,
        "basis",
        None,
        school,
        decisions={"M7": {"decision": "approved", "by": "Kari", "legal_basis": "sporadic use"}},
    )
    assert statuses(decided)["machines-fossil-free"] == "waived"
    assert decided["verdict"] == "compliant"
