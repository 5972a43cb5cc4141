"""Energy and CO2e estimates against hand-computed figures."""

import pytest

from checker.assessment.emissions import compute_metrics
from checker.assessment.emissions import load_factors
from checker.formats.vocabulary import ENERGY_CARRIERS

FACTORS = load_factors()


def tender(machines=(), heating=(), vehicles=(), fuels=()):
    return {
        "machines": list(machines),
        "heating": list(heating),
        "vehicles": list(vehicles),
        "fuels": list(fuels),
    }


def machine(**fields):
    return {"id": "M1", "category": "excavator"} | fields


def test_every_energy_carrier_has_factors():
    assert set(FACTORS.carriers) == set(ENERGY_CARRIERS)


def test_every_factor_names_unit_year_source_and_tag():
    for carrier, entry in FACTORS.document["carriers"].items():
        for name, factor in entry.items():
            if name == "same_as":
                continue
            assert {"value", "unit", "year", "source", "tag"} <= set(factor), (carrier, name)
            assert factor["source"] in FACTORS.document["sources"], (carrier, name)


def test_declared_diesel_litres():
    metrics = compute_metrics(tender([machine(energy_carrier="diesel", fuel_litres=1000)]), FACTORS)
    assert metrics["fossil_litres"] == 1000
    assert metrics["energy_kwh"]["total"] == 10056  # Miljødirektoratet: 10.056 kWh a litre
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == pytest.approx(2660)
    assert metrics["items"]["M1"]["method"] == "declared_litres"


def test_estimate_from_hours_matches_the_worked_example():
    # 23 t excavator, 120 kW, load factor 0.59, 8 h: about 148 L diesel and 394 kg CO2.
    metrics = compute_metrics(
        tender([machine(energy_carrier="diesel", engine_power_kw=120, planned_hours=8)]), FACTORS
    )
    assert metrics["fossil_litres"] == pytest.approx(148, abs=1)
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == pytest.approx(393, abs=3)
    assert metrics["items"]["M1"]["method"] == "estimated_from_hours"


def test_electric_estimate_is_the_diesel_it_replaces_and_counts_indirect_apart():
    metrics = compute_metrics(
        tender([machine(energy_carrier="battery_electric", engine_power_kw=120, planned_hours=8)]),
        FACTORS,
    )
    # The same work on diesel: 120 kW x 0.59 x 8 h x 0.219 kg/kWh / 0.84 kg/L = 147.7 L; each
    # litre is replaced by 3.43 kWh of electricity (IDTechEx): 506.5 kWh, 63.3 kWh an hour.
    diesel_litres = 120 * 0.59 * 8 * 0.219 / 0.84
    assert metrics["energy_kwh"]["total"] == pytest.approx(diesel_litres * 3.43, abs=0.1)
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == 0
    assert metrics["co2e_kg"]["indirect_electricity"]["total"] == pytest.approx(
        diesel_litres * 3.43 * 0.015, abs=0.1
    )
    assert metrics["zero_emission_share"] == 1.0


def test_biogenic_co2_is_reported_beside_not_in_the_headline():
    metrics = compute_metrics(tender([machine(energy_carrier="hvo100", fuel_litres=100)]), FACTORS)
    assert metrics["co2e_kg"]["biogenic_co2"]["total"] == pytest.approx(243)
    assert metrics["co2e_kg"]["fossil_direct"]["total"] == pytest.approx(3.6, abs=0.1)
    assert metrics["fossil_litres"] == 0
    assert metrics["fossil_free_share"] == 1.0 and metrics["zero_emission_share"] == 0.0


def test_shares_mix_machines_and_heating_by_energy():
    metrics = compute_metrics(
        tender(
            [machine(energy_carrier="diesel", fuel_litres=300)],  # 3000 kWh fossil
            heating=[
                {
                    "id": "H1",
                    "purpose": "drying",
                    "energy_carrier": "district_heat",
                    "planned_kwh": 1000,
                }
            ],
        ),
        FACTORS,
    )
    share = round(1000 / (300 * 10.056 + 1000), 4)
    assert metrics["zero_emission_share"] == share
    assert metrics["energy_shares"]["fossil_free"] == share


def test_transport_is_measured_in_km_with_and_without_biogas():
    vehicles = [
        {
            "id": "V1",
            "purpose": "mass_transport",
            "energy_carrier": "battery_electric",
            "planned_km": 1000,
        },
        {"id": "V2", "purpose": "mass_transport", "energy_carrier": "biogas", "planned_km": 3000},
    ]
    shares = compute_metrics(tender(vehicles=vehicles), FACTORS)["transport_km"]["shares"]
    assert shares["zero_emission"] == 0.25
    assert shares["zero_emission_incl_biogas"] == 1.0


def test_missing_data_is_listed_not_guessed():
    metrics = compute_metrics(tender([machine(energy_carrier="diesel")]), FACTORS)
    assert metrics["not_estimated"] == ["M1"]
    assert metrics["zero_emission_share"] is None
