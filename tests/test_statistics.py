"""The statistics core (checker.statistics) against figures worked out by hand.

The hand computations use round test factors (tests/data/statistics/emission-factors.yaml):
diesel 10 kWh/L and 2.5 kg CO2/L; HVO100 9.5 kWh/L, 0.05 kg fossil and 2.4 kg biogenic CO2e/L;
biogas 0.002 kg fossil and 0.2 kg biogenic CO2/kWh; electricity 0.02 kg CO2e/kWh (indirect);
district heat 0 (counted at the plant). Estimating from hours: shaft kWh = kW x 0.5 x h, and
fuel kWh = shaft kWh x 0.2 kg/kWh x (10 kWh/L / 0.8 kg/L) = shaft kWh x 2.5.
"""

import copy
from datetime import date

import pytest

from checker.assessment.emissions import load_factors
from checker.followup.inherit import effective_tender
from checker.followup.result import followup
from checker.formats.inputs import read_file
from checker.rulesets.ruleset import RuleLibrary
from checker.statistics.activity import activity
from checker.statistics.activity import fuel_rules
from checker.statistics.activity import judged_sustainable
from checker.statistics.activity import period_cells
from checker.statistics.activity import plan_cells
from checker.statistics.cells import merge
from checker.statistics.completeness import ContractCoverage
from checker.statistics.completeness import completeness
from checker.statistics.completeness import coverage_of
from checker.statistics.factors import describe
from checker.statistics.indicators import indicators
from checker.statistics.months import month_shares
from checker.statistics.summary import compare
from checker.statistics.summary import year_statistics
from tests.helpers import ROOT

TEST_FACTORS = load_factors(ROOT / "tests" / "data" / "statistics" / "emission-factors.yaml")
EXAMPLE = ROOT / "examples" / "followup"
HVO = {"id": "F1", "product": "hvo100", "feedstock": "used_cooking_oil"}


def site(**lists) -> dict:
    """A climate-tender/1 document as the statistics read it (an effective tender)."""
    return {"fuels": [HVO], **lists}


MACHINES = [
    {"id": "M1", "category": "excavator", "energy_carrier": "battery_electric",
     "planned_hours": 100, "energy_kwh": 4000},
    {"id": "M2", "category": "wheel_loader", "energy_carrier": "hvo100", "fuel_id": "F1",
     "planned_hours": 80, "fuel_litres": 500},
    {"id": "M3", "category": "excavator", "energy_carrier": "diesel", "planned_hours": 10,
     "engine_power_kw": 100},
]  # fmt: skip
HEATING = [
    {"id": "H1", "purpose": "drying", "energy_carrier": "district_heat", "planned_kwh": 3000},
    {"id": "H2", "purpose": "heating", "energy_carrier": "biogas", "planned_kwh": 1000},
]
VEHICLES = [
    {"id": "V1", "purpose": "mass_transport", "energy_carrier": "battery_electric",
     "planned_km": 600, "energy_kwh": 900},
    {"id": "V2", "purpose": "mass_transport", "energy_carrier": "biogas", "planned_km": 400,
     "energy_kwh": 1800},
    {"id": "V3", "purpose": "mass_transport", "energy_carrier": "hvo100", "fuel_id": "F1",
     "planned_km": 500, "fuel_litres": 150},
    {"id": "V4", "purpose": "personnel", "energy_carrier": "diesel", "planned_km": 1000},
]  # fmt: skip
MARCH = {"start": "2027-03-01", "end": "2027-03-31"}


def march(sustainable=frozenset({"F1"})):
    tender = site(machines=MACHINES, heating=HEATING, vehicles=VEHICLES)
    return period_cells(tender, MARCH, TEST_FACTORS, sustainable)


def test_a_period_by_source_and_carrier_by_hand():
    cells = march()
    assert sorted(k[3:] for k in cells) == [
        ("heating", "biogas"),
        ("heating", "district_heat"),
        ("machinery", "battery_electric"),
        ("machinery", "diesel"),
        ("machinery", "hvo100"),
        ("transport", "battery_electric"),
        ("transport", "biogas"),
        ("transport", "diesel"),
        ("transport", "hvo100"),
    ]
    key = ("actual", 2027, 3, "machinery")
    hvo, diesel, electric = (cells[(*key, c)] for c in ("hvo100", "diesel", "battery_electric"))
    # M2: 500 L x 9.5 kWh/L = 4 750 kWh; 500 L x 0.05 = 25 kg fossil, 500 x 2.4 = 1 200 kg biogenic
    assert (hvo["litres"], hvo["kwh"], hvo["hours"]) == (500, 4750, 80)
    assert hvo["fossil_co2e_kg"] == pytest.approx(25)
    assert hvo["biogenic_co2_kg"] == pytest.approx(1200)
    assert hvo["sustainable_kwh"] == 4750
    # M3: 100 kW x 0.5 x 10 h = 500 shaft kWh; x 2.5 = 1 250 kWh = 125 L; x 2.5 kg/L = 312.5 kg
    assert diesel["kwh"] == pytest.approx(1250) and diesel["estimated_kwh"] == pytest.approx(1250)
    assert diesel["litres"] == pytest.approx(125)
    assert diesel["fossil_co2e_kg"] == pytest.approx(312.5)
    # M1: 4 000 kWh x 0.02 = 80 kg indirect, no direct emission
    assert (electric["kwh"], electric["fossil_co2e_kg"]) == (4000, 0)
    assert electric["indirect_co2e_kg"] == pytest.approx(80)
    # V4 declares neither litres nor kWh: its km count, its energy is missing
    truck = cells[("actual", 2027, 3, "transport", "diesel")]
    assert (truck["km"], truck["kwh"], truck["missing_energy"], truck["entries"]) == (1000, 0, 1, 1)


def test_oslo_indicators_with_numerator_and_denominator_by_hand():
    found = indicators(march().items())
    # site energy (machines and heating): 4 000 + 4 750 + 1 250 + 3 000 + 1 000 = 14 000 kWh
    # zero-emission 4 000 (M1) + 3 000 (H1); biogas 1 000 (H2): (7 000 + 1 000) / 14 000
    measure16 = found["zero_emission_incl_biogas_share"]
    assert (measure16["numerator"], measure16["denominator"]) == (8000, 14000)
    assert measure16["value"] == pytest.approx(8000 / 14000)
    assert measure16["measure"] == "16"
    assert found["zero_emission_share"]["numerator"] == 7000
    # sustainable biodiesel: M2's 4 750 kWh of F1, which the fuel rules passed
    assert found["sustainable_biodiesel_share"]["numerator"] == 4750
    # mass transport: 600 (electric) + 400 (biogas) + 500 (HVO) = 1 500 km; V4 is personnel
    measure14 = found["mass_transport_zero_emission_incl_biogas_share_km"]
    assert (measure14["numerator"], measure14["denominator"]) == (1000, 1500)
    assert found["mass_transport_zero_emission_share_km"]["numerator"] == 600
    assert found["mass_transport_sustainable_biodiesel_share_km"]["numerator"] == 500
    # fossil litres: M3's 125 L of diesel; fossil CO2e: 25 + 312.5 + 1 000 x 0.002 (H2)
    # + 1 800 x 0.002 (V2) + 150 L x 0.05 (V3) = 350.6 kg
    assert found["fossil_litres"] == pytest.approx(125)
    assert found["fossil_co2e_kg"] == pytest.approx(25 + 312.5 + 2 + 3.6 + 7.5)
    # biogenic beside it: 1 200 + 1 000 x 0.2 + 1 800 x 0.2 + 150 x 2.4 = 2 120 kg
    assert found["biogenic_co2_kg"] == pytest.approx(1200 + 200 + 360 + 360)
    assert found["indirect_co2e_kg"] == pytest.approx((4000 + 900) * 0.02)
    assert found["missing"] == {"energy": 1, "km": 0}


def test_a_fuel_the_rules_did_not_pass_is_not_sustainable_biodiesel():
    found = indicators(march(sustainable=frozenset()).items())
    assert found["sustainable_biodiesel_share"]["numerator"] == 0
    assert found["sustainable_biodiesel_share"]["value"] == 0
    assert found["mass_transport_sustainable_biodiesel_share_km"]["numerator"] == 0


def test_a_share_with_nothing_to_divide_by_is_none_not_zero():
    found = indicators([])
    assert found["zero_emission_incl_biogas_share"]["value"] is None
    assert found["mass_transport_zero_emission_incl_biogas_share_km"]["value"] is None


def test_a_period_straddling_new_year_is_split_by_days():
    # 15.12.2026-14.01.2027 is 31 days: 17 in December 2026, 14 in January 2027
    assert month_shares(date(2026, 12, 15), date(2027, 1, 14)) == [
        ((2026, 12), 17, 17 / 31),
        ((2027, 1), 14, 14 / 31),
    ]
    diesel = {"id": "M9", "category": "excavator", "energy_carrier": "diesel",
              "planned_hours": 62, "fuel_litres": 310}  # fmt: skip
    period = {"start": "2026-12-15", "end": "2027-01-14"}
    cells = period_cells(site(machines=[diesel]), period, TEST_FACTORS)
    december = cells[("actual", 2026, 12, "machinery", "diesel")]
    january = cells[("actual", 2027, 1, "machinery", "diesel")]
    # 310 L x 17/31 = 170 L, x 14/31 = 140 L; 62 h -> 34 h and 28 h; 170 L x 2.5 = 425 kg
    assert (december["litres"], january["litres"]) == (pytest.approx(170), pytest.approx(140))
    assert (december["hours"], january["hours"]) == (pytest.approx(34), pytest.approx(28))
    assert december["fossil_co2e_kg"] == pytest.approx(425)
    assert january["fossil_co2e_kg"] == pytest.approx(350)
    # the entry is counted in each month it ran, not split
    assert (december["entries"], january["entries"]) == (1, 1)
    # each year's statistics hold only its own days
    year_2026 = year_statistics(cells, 2026, through=12, factors=[], completeness=None)
    assert year_2026["year_total"]["actual"]["fossil_litres"] == pytest.approx(170)


def test_the_plan_is_spread_evenly_over_the_contract_days():
    tender = site(heating=[HEATING[0]])  # 3 000 kWh of district heat for the whole contract
    cells = plan_cells(tender, date(2027, 3, 1), date(2027, 4, 29), TEST_FACTORS)
    # 60 days: 31 in March, 29 in April
    assert cells[("planned", 2027, 3, "heating", "district_heat")]["kwh"] == pytest.approx(1550)
    assert cells[("planned", 2027, 4, "heating", "district_heat")]["kwh"] == pytest.approx(1450)


def _contract(**changes) -> ContractCoverage:
    periods = [
        (date(2027, 3, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 4, 30)),
        (date(2027, 6, 1), date(2027, 6, 15)),
    ]
    fields = {
        "key": 7,
        "reference": "2026/0877",
        "title": "Storgata",
        "start": date(2027, 3, 1),
        "end": date(2027, 12, 15),
        "covered": coverage_of(periods),
    }
    return ContractCoverage(**(fields | changes))


def test_missing_periods_are_named_and_the_share_of_days_covered_is_given():
    found = completeness([_contract()], 2027, as_of=date(2027, 7, 31))
    (gaps,) = found["with_gaps"]
    assert gaps["reference"] == "2026/0877"
    assert gaps["missing"] == [
        {"year": 2027, "month": 5, "covered": 0, "expected": 31},
        {"year": 2027, "month": 6, "covered": 15, "expected": 30},
        {"year": 2027, "month": 7, "covered": 0, "expected": 31},
    ]
    # expected 1 March - 31 July = 153 days; covered 31 + 30 + 15 = 76
    assert (found["expected_days"], found["covered_days"]) == (153, 76)
    assert found["is_complete"] is False and found["complete"] == 0


def test_a_contract_without_dates_is_named_and_a_complete_one_counted():
    complete = _contract(key=8, reference="A", end=date(2027, 4, 30))
    undated = _contract(key=9, reference="B", start=None, end=None)
    found = completeness([complete, undated], 2027, as_of=date(2027, 12, 31))
    assert found["complete"] == 1 and found["with_gaps"] == []
    assert [c["reference"] for c in found["undated"]] == ["B"]
    assert found["is_complete"] is False  # an undated contract could be missing anything


def _example():
    ruleset = RuleLibrary(ROOT / "rules").get("oslo-zero-emission-site")
    tender = read_file(EXAMPLE / "tender.json")
    periods = [read_file(EXAMPLE / f"period-2027-0{month}.json") for month in range(3, 9)]
    return ruleset, tender, periods


def example_cells(factors=None):
    """The example contract's six periods counted as the statistics count them."""
    factors = factors or load_factors()
    ruleset, tender, periods = _example()
    result = followup(
        ruleset,
        None,
        read_file(EXAMPLE / "tailoring.json"),
        read_file(EXAMPLE / "decisions.json"),
        tender,
        periods,
    )
    counted = []
    for index, period in enumerate(periods):
        effective = effective_tender(tender, period, periods[:index])
        fuels_passed = judged_sustainable(result["periods"][index]["results"], fuel_rules(ruleset))
        counted.append(period_cells(effective, period["period"], factors, fuels_passed))
    return merge(*counted), result


def test_the_statistics_of_a_contract_agree_with_its_followup():
    cells, result = example_cells()
    mine = indicators(cells.items())
    theirs = result["cumulative"]["indicators"]
    for name in ("zero_emission_incl_biogas_share", "zero_emission_share"):
        assert round(mine[name]["value"], 4) == theirs[name]
    assert (
        round(mine["sustainable_biodiesel_share"]["value"], 4)
        == theirs["sustainable_biodiesel_share"]
    )
    assert (
        round(mine["mass_transport_zero_emission_share_km"]["value"], 4)
        == theirs["mass_transport_zero_emission_share_km"]
    )
    assert round(mine["fossil_litres"], 1) == theirs["fossil_litres"]
    assert round(mine["fossil_co2e_kg"], 1) == theirs["fossil_co2e_kg"]
    assert mine["zero_emission_incl_biogas_share"]["denominator"] == pytest.approx(
        theirs["energy_kwh"]
    )


def test_a_year_recomputed_with_another_factor_file_side_by_side():
    shipped, test = load_factors(), TEST_FACTORS
    first = year_statistics(
        example_cells(shipped)[0], 2027, through=12, factors=[shipped.reference()],
        completeness=None,
    )  # fmt: skip
    second = year_statistics(
        example_cells(test)[0], 2027, through=12, factors=[test.reference()], completeness=None
    )
    assert first["factors"][0]["sha256"] != second["factors"][0]["sha256"]
    rows = {row["indicator"]: row for row in compare(first, second)}
    # Diesel: M7 burnt 420 L in May; the fossil litres do not depend on the factors ...
    assert rows["fossil_litres"]["first"] == rows["fossil_litres"]["second"] == pytest.approx(420)
    # ... its CO2e does: 420 L x 2.5 kg/L with the test file, plus the HVO and biogas parts
    assert rows["fossil_co2e_kg"]["second"] > 420 * 2.5
    difference = rows["fossil_co2e_kg"]["second"] - rows["fossil_co2e_kg"]["first"]
    assert rows["fossil_co2e_kg"]["difference"] == pytest.approx(difference)


def test_a_factor_is_described_as_its_file_gives_it():
    diesel = describe(TEST_FACTORS, "diesel", "fossil_direct")
    assert (diesel["value"], diesel["unit"], diesel["scope"]) == (2.5, "kg CO2/L", "tank-to-wheel")
    assert diesel["per_kwh"] == pytest.approx(0.25)
    assert diesel["source"]["name"] == "Test source"
    assert diesel["factors"]["version"] == "test-1"
    assert describe(TEST_FACTORS, "diesel", "indirect") is None
    # a plug-in hybrid's factors are the diesel's, as the file says (same_as)
    assert describe(TEST_FACTORS, "plugin_hybrid", "fossil_direct")["value"] == 2.5


def test_an_entry_without_a_carrier_is_refused_not_skipped():
    entry = copy.deepcopy(MACHINES[0]) | {"energy_carrier": None}
    with pytest.raises(ValueError, match="M1"):
        activity(site(machines=[entry]), TEST_FACTORS)


def test_the_csv_export_writes_typed_text_that_a_spreadsheet_would_run_as_text():
    from checker.statistics.export import COLUMN_NAMES
    from checker.statistics.export import csv_lines
    from checker.statistics.export import tidy_tuples
    from checker.statistics.factors import factor_table

    key = ("actual", 2027, 3, "machinery", "diesel")
    cell = {
        "organisation": "Eksempel kommune",
        "organisation_number": "944444408",
        "project": '=HYPERLINK("http://example.org")',
        "project_number": "+47",
        "kostra_function": "222",
        **dict(zip(("basis", "year", "month", "source", "energy_carrier"), key, strict=True)),
        "factor_file": 1,
    } | march()[key]
    tables = {1: {"reference": TEST_FACTORS.reference(),
                  "carriers": factor_table(TEST_FACTORS, ["diesel"])}}  # fmt: skip
    lines = "".join(csv_lines(tidy_tuples([cell], tables))).splitlines()
    assert lines[0] == ",".join(COLUMN_NAMES)
    assert all(line.split(",")[2].startswith("\"'=HYPERLINK") for line in lines[1:])
    assert all(",'+47," in line for line in lines[1:])
    # diesel: 125 L x 2.5 kg CO2/L = 312.5 kg, on the fuel row of the fossil emission
    (fossil,) = [line for line in lines if ",fossil_direct," in line]
    assert ",fuel,125.0,L,fossil_direct,2.5,kg CO2/L,tank-to-wheel,Test source," in fossil
    assert fossil.endswith(",312.5")


def test_the_json_export_streams_a_valid_document():
    import json

    from checker.statistics.export import json_chunks

    rows = [{"measure": "energy", "quantity": float(n)} for n in range(2500)]
    document = json.loads("".join(json_chunks({"format": "climate-statistics/1"}, iter(rows))))
    assert document == {"format": "climate-statistics/1", "rows": rows}
    assert json.loads("".join(json_chunks({"year": 2027}, iter([])))) == {"year": 2027, "rows": []}


def test_a_long_workbook_continues_on_further_sheets(monkeypatch, tmp_path):
    from openpyxl import load_workbook

    from checker.statistics import export

    monkeypatch.setattr(export, "SHEET_ROWS", 3)
    rows = [dict.fromkeys(export.COLUMN_NAMES) | {"quantity": n} for n in range(7)]
    export.write_xlsx(iter(rows), tmp_path / "long.xlsx", "en")
    book = load_workbook(tmp_path / "long.xlsx", read_only=True)
    assert book.sheetnames == ["Statistics", "Statistics 2", "Statistics 3", "Columns"]
    quantities = [
        row[export.COLUMN_NAMES.index("quantity")]
        for name in book.sheetnames[:3]
        for row in list(book[name].iter_rows(values_only=True))[1:]
    ]
    assert quantities == list(range(7))
    book.close()
