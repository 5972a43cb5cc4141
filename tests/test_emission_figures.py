"""The emission figures against the published tables: three tenders computed by hand.

The figures below are typed from the sources, not read from the factor file, so a wrong or
mislabelled factor in checker/data/emission-factors.yaml shows up here.
"""

import pytest

from checker.assessment.emissions import compute_metrics
from checker.assessment.emissions import load_factors
from checker.assessment.engine import assess
from checker.rulesets.ruleset import RuleLibrary

FACTORS = load_factors()
# Miljødirektoratet, utslippsfaktorer (NIR 2021): kg CO2 per litre, and per kWh for gases.
DIESEL_KG_L, PETROL_KG_L, PROPANE_KG_L, HEATING_OIL_KG_L = 2.66, 2.32, 1.62, 2.66
NATURAL_GAS_KG_KWH, BIOGAS_KG_KWH = 0.20, 0.001
# Miljødirektoratet, omregning til kWh: kWh per litre.
DIESEL_KWH_L, PETROL_KWH_L, PROPANE_KWH_L = 10.056, 9.024, 6.778
# DESNZ 2025 (secondary): HVO100 fossil CO2e per litre, 9.53 kWh per litre.
HVO_KG_L, HVO_KWH_L = 0.03558, 9.53
# Estimation: USACE 0.219 kg fuel per shaft kWh, diesel 0.84 kg/L, EPA load factors.
BSFC, DENSITY = 0.219, 0.84
LOAD = {"excavator": 0.59, "other": 0.43, "generator": 0.43}


def _tender(machines=(), vehicles=(), heating=(), fuels=()) -> dict:
    return {
        "machines": list(machines),
        "vehicles": list(vehicles),
        "heating": list(heating),
        "fuels": list(fuels),
    }


def _fossil(tender: dict) -> float:
    return compute_metrics(tender, FACTORS)["co2e_kg"]["fossil_direct"]["total"]


def test_declared_litres_and_heat():
    tender = _tender(
        machines=[
            {"id": "M1", "category": "excavator", "energy_carrier": "diesel", "fuel_litres": 1000},
            {"id": "M2", "category": "excavator", "energy_carrier": "hvo100", "fuel_litres": 500},
        ],
        heating=[
            {"id": "H1", "purpose": "drying", "energy_carrier": "propane", "planned_kwh": 2000},
            {
                "id": "H2",
                "purpose": "heating",
                "energy_carrier": "heating_oil",
                "planned_kwh": 3000,
            },
        ],
    )
    by_hand = (
        1000 * DIESEL_KG_L
        + 500 * HVO_KG_L
        + 2000 / PROPANE_KWH_L * PROPANE_KG_L
        + 3000 / DIESEL_KWH_L * HEATING_OIL_KG_L  # heating oil: 10.056 kWh/L like diesel
    )
    assert _fossil(tender) == pytest.approx(by_hand, rel=0.01)
    # Under the non-road mandate the fossil part of diesel and heating oil is 90 %.
    mandate = compute_metrics(tender, FACTORS)["co2e_kg"]["fossil_direct_blending_mandate"]
    by_hand_mandate = by_hand - 0.1 * (1000 * DIESEL_KG_L + 3000 / DIESEL_KWH_L * HEATING_OIL_KG_L)
    assert mandate["total"] == pytest.approx(by_hand_mandate, rel=0.01)


def test_estimated_from_hours():
    tender = _tender(
        machines=[
            {"id": "M1", "category": "excavator", "energy_carrier": "diesel",
             "engine_power_kw": 120, "planned_hours": 900},
            {"id": "M2", "category": "excavator", "energy_carrier": "battery_electric",
             "engine_power_kw": 48, "planned_hours": 400},
            {"id": "M3", "category": "other", "energy_carrier": "petrol",
             "engine_power_kw": 3.7, "planned_hours": 60},
        ]
    )  # fmt: skip
    diesel_litres = 120 * LOAD["excavator"] * 900 * BSFC / DENSITY
    # The petrol saw is estimated with the diesel engine's fuel energy per shaft kWh.
    petrol_kwh = 3.7 * LOAD["other"] * 60 * BSFC / DENSITY * DIESEL_KWH_L
    by_hand = diesel_litres * DIESEL_KG_L + petrol_kwh / PETROL_KWH_L * PETROL_KG_L
    assert _fossil(tender) == pytest.approx(by_hand, rel=0.01)


def test_generator_charging_vehicles_and_gas():
    tender = _tender(
        machines=[
            {"id": "M1", "category": "excavator", "energy_carrier": "battery_electric",
             "energy_kwh": 10000, "charged_from": "G1"},
            {"id": "G1", "category": "generator", "energy_carrier": "diesel", "fuel_litres": 3000},
            {"id": "M2", "category": "excavator", "energy_carrier": "plugin_hybrid", "fuel_id": "F1",
             "fuel_litres": 400, "energy_kwh": 1500},
        ],
        vehicles=[
            {"id": "V1", "purpose": "mass_transport", "energy_carrier": "diesel", "fuel_litres": 2000},
            {"id": "V2", "purpose": "mass_transport", "energy_carrier": "biogas", "energy_kwh": 40500},
        ],
        heating=[{"id": "H1", "purpose": "heating", "energy_carrier": "natural_gas", "planned_kwh": 5000}],
        fuels=[{"id": "F1", "product": "hvo100", "feedstock": "used_cooking_oil"}],
    )  # fmt: skip
    # The generator's diesel is counted once; the electricity it charges M1 with adds no CO2.
    by_hand = (
        3000 * DIESEL_KG_L
        + 400 * HVO_KG_L
        + 2000 * DIESEL_KG_L
        + 40500 * BIOGAS_KG_KWH
        + 5000 * NATURAL_GAS_KG_KWH
    )
    metrics = compute_metrics(tender, FACTORS)
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == pytest.approx(by_hand, rel=0.01)
    # ... but its energy counts as fossil: no zero-emission energy from M1 in any share.
    assert metrics["items"]["M1"]["by_class"] == {"fossil": 10000.0}
    site = metrics["energy_shares"]
    zero_by_hand = 1500 / (10000 + 3000 * DIESEL_KWH_L + 400 * HVO_KWH_L + 1500 + 5000)
    assert site["zero_emission"] == pytest.approx(zero_by_hand, abs=0.0005)


def test_scopes_are_never_mixed():
    tender = _tender(
        machines=[
            {"id": "M1", "category": "excavator", "energy_carrier": "diesel", "fuel_litres": 1000},
            {"id": "M2", "category": "excavator", "energy_carrier": "battery_electric", "energy_kwh": 5000},
        ]
    )  # fmt: skip
    metrics = compute_metrics(tender, FACTORS)
    wtw = metrics["well_to_wheel_co2e_kg"]
    # RED II fossil comparator 94 g CO2e/MJ for diesel, NVE 15 g CO2e/kWh for electricity.
    assert wtw["total"] == pytest.approx(1000 * DIESEL_KWH_L * 0.094 * 3.6 + 5000 * 0.015, rel=0.01)
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == pytest.approx(1000 * DIESEL_KG_L)
    assert metrics["co2e_kg"]["indirect_electricity"]["total"] == pytest.approx(5000 * 0.015)
    # A carrier without a life-cycle factor leaves the well-to-wheel total open, never guessed.
    tender["machines"].append(
        {"id": "M3", "category": "excavator", "energy_carrier": "hvo100", "fuel_litres": 100}
    )
    wtw = compute_metrics(tender, FACTORS)["well_to_wheel_co2e_kg"]
    assert wtw["total"] is None and wtw["missing_factors"] == ["hvo100"]


def test_the_method_says_which_gases_and_factor_each_figure_used():
    tender = _tender(
        machines=[
            {"id": "M1", "category": "excavator", "energy_carrier": "diesel", "fuel_litres": 10}
        ]
    )
    method = compute_metrics(tender, FACTORS)["method"]
    diesel = method["carrier_factors_kg_per_kwh"]["diesel"]
    assert diesel["gases"] == "CO2"  # Miljødirektoratet's factors leave out CH4 and N2O
    assert diesel["fossil_direct_blending_mandate"] == pytest.approx(
        0.9 * diesel["fossil_direct"], rel=1e-4
    )
    assert "plain factors" in method["headline"] and "mandate" in method["blending_mandate"]


def test_every_factor_names_its_source_and_year():
    document = FACTORS.document
    figures = [
        (f"{carrier}.{name}", factor)
        for carrier, entry in document["carriers"].items()
        for name, factor in entry.items()
        if name != "same_as"
    ]
    figures += [(f"estimation.{name}", factor) for name, factor in document["estimation"].items()]
    for name, factor in figures:
        assert factor["source"] in document["sources"], name
        assert isinstance(factor["year"], int), name
    for source in document["sources"].values():
        assert source["url"].startswith("http") and source["date"], source


def test_assessment_of_a_partial_waiver_shows_it_in_the_shares():
    library = RuleLibrary()
    ruleset = library.get("oslo-zero-emission-site", "2025.1")
    tender = {
        "format": "climate-tender/1",
        "tender_id": "T1",
        "price_nok": 1,
        "procurement": {"reference": "R", "title": "T", "buyer": "B"},
        "contractor": {"name": "C", "org_number": "914880009"},
        "machines": [
            {"id": "M1", "category": "articulated_hauler", "energy_carrier": "hvo100",
             "fuel_litres": 1000, "fuel_id": "F1"},
            {"id": "M2", "category": "excavator", "energy_carrier": "battery_electric",
             "energy_kwh": 9530},
        ],
        "fuels": [{"id": "F1", "product": "hvo100", "feedstock": "used_cooking_oil"}],
        "exceptions": [{"id": "E1", "item": "M1", "ground": "grid_capacity", "justification": "x",
                        "grid_owner": "Elvia AS", "grid_statement_date": "2026-09-14",
                        "grid_available_kw": 50, "required_kw": 100}],
    }  # fmt: skip
    decisions = {"E1": {"decision": "approved", "by": "K", "legal_basis": "x", "waived_share": 1.0}}
    waived = assess(ruleset, None, None, tender, decisions=decisions)["metrics"]["energy_shares"]
    assert waived["waived"]["items"]["M1"] == {
        "share": 1.0,
        "ground": "grid_capacity",
        "kwh": 9530.0,
    }
    assert waived["waived"]["share"] == pytest.approx(0.5)
    assert waived["zero_emission"] == pytest.approx(0.5)  # the physical share is unchanged
