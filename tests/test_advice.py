"""How to comply: each open rule and item of an assessment gets a concrete step, in nb and en."""

import copy

from checker.assessment.advice import advise
from checker.assessment.engine import assess
from checker.formats.inputs import read_file
from checker.formats.messages import render
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES

LIBRARY = RuleLibrary()


def _advice(tender, ruleset_id="dfo-fossil-free-site", level="basis"):
    ruleset = LIBRARY.get(ruleset_id)
    return advise(assess(ruleset, level, None, tender), ruleset, tender)


def _by_item(advice):
    return {(a["rule"], a["item"]): a["advice"] for a in advice}


def test_a_compliant_tender_needs_no_advice(school):
    assert _advice(school) == []


def test_fossil_machine_gets_electric_or_biogas_first_and_hvo_last(school):
    # DFØ reserves against liquid biofuel and points to biogas or zero-emission: HVO never first.
    school["machines"][1]["energy_carrier"] = "diesel"
    school["machines"][1]["fuel_id"] = None
    advice = _by_item(_advice(school))[("machines-fossil-free", "M2")]
    assert render(advice, "en") == (
        "Use an electric machine (battery or cable) or a biogas machine for M2 instead of diesel "
        "(fossil); only if neither is available, HVO100 from waste feedstock (used cooking oil, "
        "animal fat, tall oil)."
    )
    assert render(advice, "nb").startswith(
        "Bruk en elektrisk maskin (batteri eller kabel) eller en biogassmaskin"
    )
    assert (
        render(advice, "en").index("electric")
        < render(advice, "en").index("biogas")
        < render(advice, "en").index("HVO100")
    )


def test_machine_charged_from_a_generator_is_told_to_charge_from_the_grid(school):
    school["machines"][0]["charged_from"] = "G1"
    school["machines"].append(
        {
            "id": "G1",
            "category": "generator",
            "energy_carrier": "diesel",
            "planned_hours": 100,
            "engine_power_kw": 60,
            "emission_stage": "V",
        }
    )
    advice = _by_item(_advice(school))[("machines-fossil-free", "M1")]
    assert render(advice, "en").startswith(
        "Charge M1 from the grid (site power) instead of generator G1"
    )


def test_old_stage_machine_gets_a_newer_one(school):
    school["machines"][1]["emission_stage"] = "IIIA"
    advice = _by_item(_advice(school))[("machines-stage-iiib", "M2")]
    assert "EU stage IIIB or newer" in render(advice, "en") and "trinn IIIA" in render(advice, "nb")


def test_palm_oil_fuel_gets_waste_feedstock():
    tender = read_file(EXAMPLES / "palm-oil-hvo.json")
    advice = _by_item(_advice(tender))
    fuel_advice = next(
        text for (rule, item), text in advice.items() if rule == "biofuel-sustainable"
    )
    assert "instead of palm oil" in render(fuel_advice, "en")
    assert "i stedet for palmeolje" in render(fuel_advice, "nb")
    assert render(fuel_advice, "en").startswith(
        "Run the machines on fuel F1 on electricity or biogas"
    )


def test_fossil_heating_gets_district_heat(school):
    school["heating"][0]["energy_carrier"] = "heating_oil"
    advice = _by_item(_advice(school))[("heating-fossil-free", school["heating"][0]["id"])]
    assert "district heat, electricity or a heat pump instead of heating oil" in render(
        advice, "en"
    )


def test_missing_document_says_what_to_attach(school):
    del school["documents"]["idling_plan"]
    advice = _by_item(_advice(school))[("idling-plan", None)]
    assert {lang: render(advice, lang) for lang in ("en", "nb", "nn")} == {
        "en": "Attach an idling plan to the tender.",
        "nb": "Legg ved en plan for å unngå tomgang i tilbudet.",
        "nn": "Legg ved ein plan for å unngå tomgang i tilbodet.",
    }


def test_zero_emission_only_rule_offers_an_exception():
    tender = copy.deepcopy(read_file(EXAMPLES / "oslo-exception-request.json"))
    tender["exceptions"] = []
    advice = _advice(tender, "oslo-zero-emission-site", None)
    texts = [render(a["advice"], "en") for a in advice if a["item"] == "M9"]
    assert any(
        text.startswith("Use an electric machine (battery or cable) for M9 instead of HVO100")
        for text in texts
    )
    assert any(
        "ask for an exception (not available on the market or grid capacity" in text
        for text in texts
    )


def test_missing_data_names_what_to_fill_in(school):
    del school["machines"][0]["energy_carrier"]
    advice = _by_item(_advice(school))[("machines-fossil-free", "M1")]
    assert render(advice, "en") == "Fill in what is missing for M1: energy carrier is missing."


def test_the_same_step_is_given_once(school):
    school["machines"][1].pop("fuel_id")  # both fuel rules find the unnamed fuel
    advice = [a for a in _advice(school) if a["item"] == "M2"]
    assert len(advice) == 1
    assert render(advice[0]["advice"], "en").startswith("Fill in what is missing for M2")
