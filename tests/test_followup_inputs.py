"""Bad period reports, tailorings and decisions are bad input (exit 2): every problem named by
file and field path, never a traceback."""

import json

import pytest

from checker.formats.inputs import load_schema

NEW_DIESEL = {
    "id": "M8",
    "category": "excavator",
    "make": "CAT",
    "model": "320",
    "energy_carrier": "diesel",
    "emission_stage": "V",
    "hours": 10,
}


def _machine(period, machine_id):
    return next(m for m in period["machines"] if m["id"] == machine_id)


def _set(path, value):
    def change(period):
        target = period
        *parents, last = path
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _add_machine(entry):
    return lambda period: period["machines"].append(dict(entry))


CASES = [
    (
        _set(["tender_id"], "T-OTHER"),
        "tender_id: expected the awarded tender's id 'T-2026-0417'; found 'T-OTHER'",
    ),
    (
        _set(["period", "end"], "2027-02-28"),
        "period.end: expected a day on or after the start 2027-03-01; found 2027-02-28",
    ),
    (_set(["period", "start"], "2027-02-30"), "period.start: expected a real date"),
    (
        _set(["contractor", "org_number"], "974760673"),
        "contractor.org_number: expected the awarded contractor 988770000; found 974760673",
    ),
    (_set(["machines", 0, "hours"], -5), "machines[0].hours: expected a number of at least 0"),
    (
        _set(["machines", 1, "fuel_litres"], -1),
        "machines[1].fuel_litres: expected a number of at least 0",
    ),
    (
        _set(["deliveries", 0, "litres"], -100),
        "deliveries[0].litres: expected a number of at least 0",
    ),
    (_set(["machines", 0, "planned_hours"], 100), "machines[0]: unknown field(s): planned_hours"),
    (
        _set(["machines", 1, "fuel_id"], "F9"),
        "machines[1].fuel_id: refers to fuel 'F9', which is not declared (declared: F1, F2)",
    ),
    (
        _set(["deliveries", 0, "fuel_id"], "F9"),
        "deliveries[0].fuel_id: refers to fuel 'F9', which is not declared",
    ),
    (
        _set(["machines", 0, "charged_from"], "M2"),
        "machines[0].charged_from: expected 'grid' or the id of a generator on site in the period "
        "(machines of category generator: none in this period); found 'M2'",
    ),
    (
        _set(["vehicles", 0, "charged_from"], "G7"),
        "vehicles[0].charged_from: expected 'grid' or the id of a generator",
    ),
    (
        _add_machine({"id": "M8", "hours": 10, "make": "CAT"}),
        "machines[3]: M8 is not in the tender, so it states the fields a tender entry needs; "
        "missing: category, energy_carrier",
    ),
    (
        _add_machine({"id": "V1", "hours": 10}),
        "machines[3].id: V1 is in the tender's vehicles, not its machines",
    ),
    (
        _add_machine({"id": "M1", "hours": 10}),
        "machines[3].id: id 'M1' is already used at machines[0].id",
    ),
    (
        _set(["deliveries", 0, "date"], "2027-04-02"),
        "deliveries[0].date: expected a day within the period 2027-03-01 to 2027-03-31; found 2027-04-02",
    ),
    (
        _set(["exceptions"], [{"id": "E9", "item": "M9", "ground": "not_available"}]),
        "exceptions[0].item: refers to 'M9', which is no machine, vehicle or heating entry of this period",
    ),
    (
        _set(["machines", 0, "days_on_site"], 40),
        "machines[0].days_on_site: expected at most the 31 days of the period; found 40",
    ),
    (
        _set(["machines", 1, "energy_carrier"], "diesel"),
        "machines[1].fuel_id: energy_carrier diesel does not burn fuel F1 (product hvo100)",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_a_bad_period_report_names_file_and_field(contract, change, expected):
    period = contract.period("03")
    change(period)
    code, out, err = contract.run(period)
    assert code == 2, out
    assert "period-0.json" in err
    assert expected in err
    assert "Traceback" not in err


def test_every_problem_of_a_report_is_reported_at_once(contract):
    period = contract.period("03")
    period["machines"][0]["hours"] = -1
    period["vehicles"][0]["km"] = "many"
    period["heating"][0]["energy_kwh"] = None
    code, _, err = contract.run(period)
    assert code == 2
    assert "3 problem(s)" in err
    assert "vehicles[0].km: expected a number; found text 'many'" in err
    assert "heating[0].energy_kwh: expected a number; found nothing (null)" in err


def test_a_new_machine_with_every_field_is_accepted(contract):
    period = contract.period("03")
    period["machines"].append(dict(NEW_DIESEL))
    code, result = contract.result(period)
    assert code == 1  # a diesel machine on a zero-emission site: accepted input, failing rule


def test_a_generator_on_site_may_charge_a_machine(contract):
    period = contract.period("03")
    period["machines"].append(
        {
            "id": "G1",
            "category": "generator",
            "make": "Atlas Copco",
            "model": "QAS 60",
            "energy_carrier": "hvo100",
            "fuel_id": "F1",
            "hours": 20,
            "fuel_litres": 100,
        }
    )
    period["machines"][0]["charged_from"] = "G1"
    code, result = contract.result(period)
    assert code in (0, 1, 3)
    assert result["periods"][0]["indicators"]["electricity_from_generators_kwh"] == 5600


def test_periods_that_overlap_are_bad_input(contract):
    april = contract.period("04")
    april["period"]["start"] = "2027-03-31"
    code, _, err = contract.run("03", april)
    assert code == 2
    assert "period-1.json: 1 problem(s)" in err
    assert "period: overlaps the period of" in err
    assert "period-2027-03.json (2027-03-01 to 2027-03-31)" in err


def test_the_same_period_twice_is_bad_input(contract):
    code, _, err = contract.run("03", "03")
    assert code == 2
    assert "overlaps the period of" in err


def test_an_exception_id_may_not_be_asked_for_twice(contract):
    period = contract.period("05")
    period["exceptions"] = [
        {"id": "E1", "item": "M7", "ground": "not_available", "justification": "x"}
    ]
    code, _, err = contract.run(period)
    assert code == 2
    assert "exceptions[0].id: exception id 'E1' is already asked for in the tender" in err


@pytest.mark.parametrize(
    ("sanctions", "expected"),
    [
        (
            {"no-such-rule": {"lump_sum_nok": 1}},
            "sanctions.no-such-rule: no such rule in this rule set",
        ),
        (
            {"site-zero-emission": {"per_litre_nok": 1, "per_day_nok": 2}},
            "sanctions.site-zero-emission: expected exactly one of per_litre_nok, per_day_nok, "
            "lump_sum_nok; found per_litre_nok, per_day_nok",
        ),
        (
            {"site-zero-emission": {"cap_nok": 10}},
            "sanctions.site-zero-emission: expected exactly one of per_litre_nok, per_day_nok, "
            "lump_sum_nok; found none",
        ),
        (
            {"mass-transport-zero-emission-award": {"lump_sum_nok": 1}},
            "sanctions.mass-transport-zero-emission-award: a award rule never fails",
        ),
        (
            {"site-zero-emission": {"per_litre_nok": -3}},
            "sanctions.site-zero-emission.per_litre_nok: expected a number of at least 0",
        ),
        (
            {"site-zero-emission": {"per_hour_nok": 3}},
            "sanctions.site-zero-emission: unknown field(s): per_hour_nok",
        ),
    ],
)
def test_bad_sanctions_name_the_tailoring_file_and_path(contract, sanctions, expected):
    code, _, err = contract.run("03", tailoring={"sanctions": sanctions})
    assert code == 2
    assert "tailoring.json" in err
    assert expected in err


def test_a_sanction_on_a_deselected_rule_is_refused(contract):
    tailoring = {
        "deselected": {"heating-zero-emission": "no heating in this contract"},
        "sanctions": {"heating-zero-emission": {"per_day_nok": 100}},
    }
    code, _, err = contract.run("03", tailoring=tailoring)
    assert code == 2
    assert "sanctions.heating-zero-emission: this rule is deselected in the tailoring" in err


def test_a_decision_on_nothing_asked_for_is_refused(contract):
    decisions = json.loads(contract.decisions.read_text(encoding="utf-8"))
    decisions["E7"] = {"decision": "rejected", "by": "Ola", "reason": "nei"}
    code, _, err = contract.run("03", decisions=decisions)
    assert code == 2
    assert "decisions.json" in err
    assert "E7: no exception request or sporadic claim has this id" in err


def test_a_decision_on_a_request_made_in_a_period_is_accepted(contract):
    period = contract.period("05")
    period["exceptions"] = [
        {"id": "E7", "item": "M7", "ground": "not_available", "justification": "x"}
    ]
    decisions = json.loads(contract.decisions.read_text(encoding="utf-8"))
    decisions["E7"] = {"decision": "rejected", "by": "Ola", "reason": "diesel er ikke tillatt"}
    code, _ = contract.result(period, decisions=decisions)
    assert code == 1


def test_missing_and_broken_files(contract, tmp_path):
    code, _, err = contract.run_cli(
        "followup",
        contract.tender_file,
        tmp_path / "nope.json",
        "--ruleset",
        "oslo-zero-emission-site",
    )
    assert code == 2 and "nope.json: file not found" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    code, _, err = contract.run_cli(
        "followup", contract.tender_file, broken, "--ruleset", "oslo-zero-emission-site"
    )
    assert code == 2 and "broken.json" in err and "line 1, column 12: not valid JSON" in err
    code, _, err = contract.run_cli(
        "followup", contract.tender_file, "--ruleset", "oslo-zero-emission-site"
    )
    assert code == 2 and "PERIOD_REPORTS" in err


def test_an_internal_error_exits_4_without_a_traceback(contract, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("checker.cli.followup.followup", broken)
    code, _, err = contract.run("03")
    assert code == 4
    assert "internal error (please report it): RuntimeError: boom" in err
    assert "Traceback" not in err


def test_the_period_schema_uses_the_tender_schema_vocabulary():
    """The published period schema repeats the tender's enums; they must never drift apart."""
    tender, period = load_schema("tender.schema.json"), load_schema("period-report.schema.json")
    for kind in ("machines", "vehicles", "heating"):
        planned = tender["properties"][kind]["items"]["properties"]
        actual = period["properties"][kind]["items"]["properties"]
        for name in set(planned) & set(actual):
            assert actual[name] == planned[name] or name in ("fuel_litres", "energy_kwh"), (
                kind,
                name,
            )
    for name in ("fuels", "exceptions"):
        assert period["properties"][name]["items"] == tender["properties"][name]["items"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["machines", 0, "hours"], True),  # a boolean is no number
        (["machines", 0, "year"], 2020.0),  # an integral float is an integer (both say so)
        (["machines", 0, "year"], 2020.5),
        (["machines", 0, "emission_stage"], "VI"),
        (["machines", 0, "charged_from"], ""),
        (["vehicles", 0, "km"], None),
        (["period", "start"], "2027-3-01"),
        (["contractor", "org_number"], "98877000"),
        (["deliveries", 0, "extra"], 1),
        (["fuels"], [{"id": "F9", "product": "coal"}]),
        (["format"], "climate-period-report/2"),
    ],
)
def test_the_compiled_schema_and_jsonschema_agree(contract, path, value):
    """A report the compiled schema accepts skips jsonschema, so the two must never disagree."""
    import fastjsonschema

    from checker.followup.period import _compiled_schema
    from checker.followup.period import period_validator

    period = contract.period("03")
    _set(path, value)(period)
    try:
        _compiled_schema()(period)
        compiled_accepts = True
    except fastjsonschema.JsonSchemaException:
        compiled_accepts = False
    assert compiled_accepts == period_validator().is_valid(period)


def test_the_period_schema_is_published(run_cli):
    code, out, _ = run_cli("schema", "period-report")
    assert code == 0
    assert json.loads(out)["properties"]["format"] == {"const": "climate-period-report/1"}
