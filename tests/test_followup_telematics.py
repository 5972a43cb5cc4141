"""Machine data: ISO 15143-3 (AEMP 2.0) fleet snapshots, and `checker followup telematics`.

The snapshots in tests/data/telematics are written from the standard's element names, each the
way one kind of telematics system writes them (see the README there). The L120H (M2 of the
example contract) runs 3 428.8 - 3 310.2 = 118.6 h and 53 403.5 - 52 418.5 = 985.0 L in August.
"""

import json

import pytest
import yaml

from checker.followup.machine_data import usage
from checker.followup.telematics import parse_snapshot
from checker.followup.telematics import read_snapshot
from checker.formats.messages import render
from tests.helpers import FOLLOWUP
from tests.helpers import ROOT

DATA = ROOT / "tests" / "data" / "telematics"
US_GALLON = 3.785411784
L120H_PIN, EC230_PIN = "VCEL120HP00221456", "VCEC230EP00300117"


def _uses(start, end):
    uses, notes = usage(read_snapshot(start), read_snapshot(end))
    return {use.identifier.upper(): use for use in uses}, notes


def test_the_example_snapshots_give_hours_and_litres_per_machine():
    uses, notes = _uses(FOLLOWUP / "fleet-2027-08-01.xml", FOLLOWUP / "fleet-2027-08-31.xml")
    assert uses[EC230_PIN].hours == 152.4  # 1 357.0 - 1 204.6; an electric machine: no fuel
    assert uses[EC230_PIN].fuel_litres is None
    assert (uses[L120H_PIN].hours, uses[L120H_PIN].fuel_litres) == (118.6, 985.0)
    # The Hitachi has no PIN ("missing"): paired by its serial number.
    assert uses["ZX135-778812"].matched_by == "serial_number"
    assert (uses["ZX135-778812"].hours, uses["ZX135-778812"].fuel_litres) == (161.5, 1308.0)
    assert notes == []


def test_xml_and_json_snapshots_read_alike():
    xml = read_snapshot(FOLLOWUP / "fleet-2027-08-31.xml")
    js = read_snapshot(FOLLOWUP / "fleet-2027-08-31.json")
    assert xml.machines == js.machines
    assert xml.taken_at == js.taken_at == "2027-08-31T20:00:00Z"
    mixed, _ = _uses(FOLLOWUP / "fleet-2027-08-01.xml", FOLLOWUP / "fleet-2027-08-31.json")
    assert mixed[L120H_PIN].fuel_litres == 985.0


@pytest.mark.parametrize(
    ("name", "identifier", "hours", "litres"),
    [
        (
            "prefixed",
            "L120H-221456",
            118.6,
            985.0,
        ),  # prefix namespace, datetime child, PIN "missing"
        ("plain-gallons", L120H_PIN, 118.6, round(260 * US_GALLON, 1)),  # 260 US gallons = 984.2 L
        ("camelcase", "EC230E-300117", 152.4, 0.0),
    ],
)
def test_makers_variations_read_the_same(name, identifier, hours, litres):
    uses, _ = _uses(
        DATA / f"{name}-start.{'json' if name == 'camelcase' else 'xml'}",
        DATA / f"{name}-end.{'json' if name == 'camelcase' else 'xml'}",
    )
    use = uses[identifier]
    assert (use.hours, use.fuel_litres) == (hours, litres)


def test_namespaces_datetime_children_and_missing_identifiers():
    snapshot = read_snapshot(DATA / "prefixed-start.xml")
    (machine,) = snapshot.machines
    assert snapshot.taken_at == "2027-08-01T04:00:00Z"
    assert (machine.pin, machine.serial_number, machine.equipment_id) == (
        None,
        "L120H-221456",
        "7020027516",
    )
    assert machine.hours_at == "2027-08-01T03:59:40Z"
    assert (machine.fuel_litres, machine.fuel_last24_litres) == (52418.5, 12.0)


def test_missing_optional_elements_leave_figures_out():
    snapshot = read_snapshot(DATA / "plain-gallons-start.xml")
    loader, excavator = snapshot.machines
    assert loader.serial_number is None  # an empty SerialNumber
    assert loader.hours == 3310.2  # a decimal comma
    assert (excavator.hours, excavator.fuel_litres, excavator.notes) == (None, None, ())


def test_only_fuel_used_last_24_gives_no_litres_for_a_period():
    uses, _ = _uses(DATA / "last24-start.json", DATA / "last24-end.json")
    use = uses[L120H_PIN]
    assert (use.hours, use.fuel_litres) == (118.6, None)
    assert any("only FuelUsedLast24" in note for note in use.notes)


def test_a_meter_that_goes_back_gives_no_figure():
    uses, _ = _uses(DATA / "prefixed-start.xml", DATA / "reset-end.xml")
    use = uses["L120H-221456"]
    assert use.hours is None
    assert "CumulativeOperatingHours went back from 3310.2 to 12.5" in " ".join(use.notes)


def test_units_no_unit_and_an_unknown_unit():
    def fuel(unit_attribute):
        xml = (
            "<Fleet><Equipment><EquipmentHeader><PIN>P1</PIN></EquipmentHeader>"
            f"<FuelUsed><FuelConsumed {unit_attribute}>100</FuelConsumed></FuelUsed></Equipment></Fleet>"
        )
        (machine,) = parse_snapshot(xml.encode(), "snapshot.xml").machines
        return machine

    assert fuel('units="Imperial Gallon"').fuel_litres == 454.609
    assert fuel('unit="ml"').fuel_litres == 0.1
    unknown = fuel('units="barrel"')
    assert unknown.fuel_litres is None and "unknown unit 'barrel'" in unknown.notes[0]
    unstated = fuel("")
    assert unstated.fuel_litres == 100 and "no unit stated; read as litres" in unstated.notes[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"hello", "expected an ISO 15143-3 snapshot in XML or JSON"),
        (b"<Fleet><Equipment>", "not well-formed XML"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Fleet>&a;</Fleet>',
            "XML entity declarations are refused",
        ),
        (b'{"Fleet": [1, 2', "not valid JSON"),
        (b'{"Fleet": {"Links": []}}', "Fleet: no Equipment: not an ISO 15143-3 fleet snapshot"),
    ],
)
def test_what_is_no_snapshot_is_bad_input(run_cli, tmp_path, content, expected):
    bad = tmp_path / "bad-snapshot"
    bad.write_bytes(content)
    code, _, err = run_cli(
        "followup",
        "telematics",
        bad,
        FOLLOWUP / "fleet-2027-08-31.xml",
        "--into",
        FOLLOWUP / "period-2027-08.json",
        "--check",
    )
    assert code == 2
    assert "bad-snapshot" in err and expected in err
    assert "Traceback" not in err


def test_snapshots_in_the_wrong_order_are_bad_input(run_cli):
    code, _, err = run_cli(
        "followup",
        "telematics",
        FOLLOWUP / "fleet-2027-08-31.xml",
        FOLLOWUP / "fleet-2027-08-01.xml",
        "--into",
        FOLLOWUP / "period-2027-08.json",
        "--check",
    )
    assert code == 2
    assert "fleet-2027-08-01.xml" in err
    assert "Fleet.snapshotTime: taken at 2027-08-01T04:00:00Z, before the start snapshot" in err


def _draft(contract):
    """The August report before machine data: M1 without hours, M2 without hours and litres."""
    august = contract.period("08")
    for machine in august["machines"][:2]:
        machine.pop("machine_data")
        machine.pop("hours")
    august["machines"][1].pop("fuel_litres")
    return august


def _telematics(run_cli, into, *extra):
    return run_cli(
        "followup",
        "telematics",
        FOLLOWUP / "fleet-2027-08-01.xml",
        FOLLOWUP / "fleet-2027-08-31.xml",
        "--into",
        into,
        *extra,
    )


def test_into_fills_the_report_the_example_shows(run_cli, contract):
    draft = contract.write(_draft(contract), "august.json")
    code, out, err = _telematics(run_cli, draft, "--tender", FOLLOWUP / "tender.json")
    assert code == 0, err
    assert "M2 (VCEL120HP00221456): timer 118,6 (fylt inn), liter 985 (fylt inn)" in out
    assert "Maskindata (ISO 15143-3): 01.08.2027 06:00 → 31.08.2027 22:00" in out
    assert "Hitachi ZX135US-7 ZX135-778812" in out  # in the fleet, not on this site
    assert json.loads(draft.read_text(encoding="utf-8")) == contract.period("08")


def test_a_stated_figure_is_never_replaced_and_the_followup_flags_it(run_cli, contract):
    august = _draft(contract)
    august["machines"][1]["hours"] = 140  # M2: the contractor reports 140 h, the machine 118.6
    draft = contract.write(august, "august.json")
    code, out, _ = _telematics(run_cli, draft, "--tender", FOLLOWUP / "tender.json")
    assert code == 0
    assert "timer 118,6 (rapportert 140: avviker mer enn 10 % fra rapporten)" in out
    filled = json.loads(draft.read_text(encoding="utf-8"))
    m2 = filled["machines"][1]
    assert (m2["hours"], m2["machine_data"]["hours"], m2["fuel_litres"]) == (140, 118.6, 985.0)
    _, result = contract.result(filled)
    (mismatch,) = [
        d for d in result["periods"][0]["deviations"] if d["kind"] == "telematics_mismatch"
    ]
    # 140 - 118.6 = 21.4 h, more than 11.86 h (10 % of the machine data)
    assert (
        mismatch["item"],
        mismatch["field"],
        mismatch["reported"],
        mismatch["machine_data"],
    ) == ("M2", "hours", 140, 118.6)
    assert (
        render(mismatch["message"], "nb")
        == "M2: 140 h rapportert, 118,6 h i maskindataene (+18\u00a0%)"
    )


def test_check_compares_and_writes_nothing(run_cli, contract):
    august = contract.period("08")
    august["machines"][1]["fuel_litres"] = 1200  # 1 200 L reported, 985 L measured: +21.8 %
    report = contract.write(august, "august.json")
    before = report.read_bytes()
    code, out, _ = _telematics(run_cli, report, "--check", "--lang", "en")
    assert code == 1
    assert "litres 985 (reported 1 200: differs by more than 10 % from the report)" in out
    assert "Checked only; nothing was written." in out
    assert report.read_bytes() == before
    code, _, _ = _telematics(run_cli, FOLLOWUP / "period-2027-08.json", "--check")
    assert code == 0


def test_without_the_tender_the_report_s_own_identifiers_match(run_cli, contract):
    august = _draft(contract)
    august["machines"][1]["serial_number"] = " l120h-221456 "  # trimmed, any letter case
    august["machines"][0]["hours"] = 150
    draft = contract.write(august, "august.json")
    code, out, err = _telematics(run_cli, draft)
    assert code == 0, err
    assert "M2 (L120H-221456): timer 118,6 (fylt inn)" in out
    assert "M1: ingen maskindata" in out  # its PIN is only in the tender


def test_a_yaml_report_is_written_back_as_yaml(run_cli, contract, tmp_path):
    draft = tmp_path / "august.yaml"
    draft.write_text(yaml.safe_dump(_draft(contract), allow_unicode=True), encoding="utf-8")
    code, _, _ = _telematics(
        run_cli, draft, "--tender", FOLLOWUP / "tender.json", "-o", tmp_path / "filled.yaml"
    )
    assert code == 0
    filled = yaml.safe_load((tmp_path / "filled.yaml").read_text(encoding="utf-8"))
    assert filled["machines"][1]["fuel_litres"] == 985.0


def test_a_report_still_invalid_after_filling_is_not_written(run_cli, contract):
    august = _draft(contract)
    august["machines"][2].pop("hours")  # M3 has no machine data to fill it from
    draft = contract.write(august, "august.json")
    before = draft.read_bytes()
    code, _, err = _telematics(run_cli, draft, "--tender", FOLLOWUP / "tender.json")
    assert code == 2
    assert "machines[2]: missing required field(s): hours" in err
    assert draft.read_bytes() == before
