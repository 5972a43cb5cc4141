"""Benchmark: the follow-up of a 24-month contract, and reading 1,000-machine telematics snapshots.

Run from the repository root:

    python benchmarks/followup.py

1. A deterministic awarded tender of 150 entries (110 machines, 25 vehicles, 15 heaters; Oslo's
   2025 zero-emission rules, the HVO100 machines under approved exceptions) and 24 monthly
   period reports of the same 150 entries (hours, litres, kWh, two fuel deliveries, a new
   diesel machine now and then). Timed: the whole follow-up (parse and validate the 24 reports,
   then followup()), and followup() alone; the baseline is json.loads of the same 25 files.
2. Two ISO 15143-3 fleet snapshots of 1,000 machines each, in XML and in JSON. Timed: reading
   one snapshot (parse_snapshot), and both plus the difference per machine (usage); the
   baselines are the XML parser (defusedxml's ElementTree) and json.loads on the same bytes.

Targets: the whole follow-up under 300 ms, a 1,000-machine snapshot read under 1 s, judged on
the wall clock (median of 7); the CPU time of the process is printed beside it, since other work
on a shared machine stretches the one and not the other. Ratios to the baselines are printed
too. This is a measurement, not a test: it always exits 0 and prints TARGET MISSED when a target
is missed.
"""

import copy
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from defusedxml import ElementTree  # noqa: E402

from checker.followup.machine_data import usage  # noqa: E402
from checker.followup.period import validate_period  # noqa: E402
from checker.followup.result import followup  # noqa: E402
from checker.followup.telematics import parse_snapshot  # noqa: E402
from checker.formats.inputs import parse_text  # noqa: E402
from checker.formats.tender import validate_tender  # noqa: E402
from checker.rulesets.ruleset import RuleLibrary  # noqa: E402

SEED = 20270301
MONTHS, MACHINES, VEHICLES, HEATERS, FLEET = 24, 110, 25, 15, 1000
REPEAT = 7
TARGET_FOLLOWUP_MS, TARGET_SNAPSHOT_MS = 300.0, 1000.0
CATEGORIES = ("excavator", "wheel_loader", "dumper", "compactor", "crane_tower", "telehandler")


def build_tender(rng: random.Random) -> dict:
    base = json.loads((REPO / "examples" / "followup" / "tender.json").read_text(encoding="utf-8"))
    machines, exceptions = [], []
    for index in range(MACHINES):
        electric = index % 5 != 0
        machine = {
            "id": f"M{index + 1}",
            "category": CATEGORIES[index % len(CATEGORIES)],
            "make": "Volvo",
            "model": "EC230 Electric" if electric else "L120H",
            "operating_weight_t": rng.randint(2, 30),
            "engine_power_kw": rng.randint(20, 250),
            "energy_carrier": "battery_electric" if electric else "hvo100",
            "emission_stage": None if electric else "V",
            "year": rng.randint(2019, 2025),
            "planned_hours": rng.randint(200, 1500),
            "pin": f"PIN{index + 1:06d}",
        }
        if not electric:
            machine["fuel_id"] = "F1"
            exceptions.append(
                {
                    "id": f"E{index + 1}",
                    "item": machine["id"],
                    "ground": "grid_capacity",
                    "justification": "Nettselskapets erklæring om kapasitet",
                }
            )
        machines.append(machine)
    vehicles = [
        {
            "id": f"V{index + 1}",
            "category": "tipper truck",
            "purpose": "mass_transport" if index % 3 else "material_transport",
            "euro_class": "VI",
            "energy_carrier": "battery_electric" if index % 2 else "biogas",
            "planned_km": rng.randint(2000, 20000),
        }
        | ({"fuel_id": "F2"} if index % 2 == 0 else {})
        for index in range(VEHICLES)
    ]
    heating = [
        {
            "id": f"H{index + 1}",
            "purpose": "drying",
            "energy_carrier": "district_heat",
            "planned_kwh": 20000,
        }
        for index in range(HEATERS)
    ]
    tender = base | {
        "machines": machines,
        "vehicles": vehicles,
        "heating": heating,
        "exceptions": exceptions,
    }
    return validate_tender(tender, "benchmark tender")


def build_period(rng: random.Random, tender: dict, month: int) -> dict:
    year, number = 2027 + (month + 2) // 12, (month + 2) % 12 + 1
    last = 28 if number == 2 else (30 if number in (4, 6, 9, 11) else 31)
    start = f"{year}-{number:02d}-01"
    machines, litres = [], 0
    for machine in tender["machines"]:
        entry = {"id": machine["id"], "hours": rng.randint(20, 160)}
        if machine["energy_carrier"] == "hvo100":
            entry["fuel_litres"] = rng.randint(200, 1500)
            litres += entry["fuel_litres"]
        else:
            entry["energy_kwh"] = rng.randint(1000, 8000)
        machines.append(entry)
    if month % 6 == 5:  # now and then an unplanned diesel machine
        machines.append(
            {
                "id": f"X{month}",
                "category": "excavator",
                "make": "CAT",
                "model": "320",
                "energy_carrier": "diesel",
                "emission_stage": "V",
                "hours": 30,
                "fuel_litres": 400,
                "days_on_site": 5,
            }
        )
    vehicles = [
        {"id": v["id"], "km": rng.randint(100, 1500), "energy_kwh": rng.randint(200, 6000)}
        for v in tender["vehicles"]
    ]
    heating = [{"id": h["id"], "energy_kwh": rng.randint(500, 3000)} for h in tender["heating"]]
    deliveries = [
        {
            "id": f"D{month}-{n}",
            "date": f"{year}-{number:02d}-{10 * n:02d}",
            "fuel_id": "F1",
            "litres": litres // 2,
        }
        for n in (1, 2)
    ]
    return {
        "format": "climate-period-report/1",
        "tender_id": tender["tender_id"],
        "period": {"start": start, "end": f"{year}-{number:02d}-{last}"},
        "contractor": tender["contractor"],
        "machines": machines,
        "vehicles": vehicles,
        "heating": heating,
        "deliveries": deliveries,
    }


def build_snapshot(rng: random.Random, hours_offset: float) -> tuple[bytes, bytes]:
    """One fleet of FLEET machines, as ISO 15143-3 XML and JSON."""
    items, equipment = [], []
    for index in range(FLEET):
        hours = round(1000 + index * 3.7 + hours_offset * (1 + index % 7) / 4, 1)
        fuel = round(20000 + index * 31.5 + hours_offset * 8.5, 1)
        moment = "2027-08-01T04:00:00Z" if hours_offset == 0 else "2027-08-31T20:00:00Z"
        header = {
            "OEMName": "Volvo",
            "Model": "L120H",
            "EquipmentID": f"EQ{index}",
            "SerialNumber": f"SN{index:06d}",
            "PIN": f"PIN{index:06d}",
        }
        location = f'<Location datetime="{moment}"><Latitude>59.9</Latitude><Longitude>10.7</Longitude></Location>'
        hours_xml = f'<CumulativeOperatingHours datetime="{moment}"><Hour>{hours}</Hour></CumulativeOperatingHours>'
        fuel_xml = "".join(
            f'<{name} datetime="{moment}"><FuelUnits>litre</FuelUnits><FuelConsumed>{value}</FuelConsumed></{name}>'
            for name, value in (("FuelUsed", fuel), ("FuelUsedLast24", rng.randint(0, 90)))
        )
        header_xml = "".join(f"<{k}>{v}</{k}>" for k, v in header.items())
        items.append(
            f"<Equipment><EquipmentHeader>{header_xml}</EquipmentHeader>{location}{hours_xml}{fuel_xml}</Equipment>"
        )
        equipment.append(
            {
                "EquipmentHeader": header,
                "Location": {"datetime": moment, "Latitude": 59.9, "Longitude": 10.7},
                "CumulativeOperatingHours": {"datetime": moment, "Hour": hours},
                "FuelUsed": {"datetime": moment, "FuelUnits": "litre", "FuelConsumed": fuel},
                "FuelUsedLast24": {
                    "datetime": moment,
                    "FuelUnits": "litre",
                    "FuelConsumed": rng.randint(0, 90),
                },
            }
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><Fleet xmlns="http://standards.iso.org/iso/15143/-3" '
        f'version="2" snapshotTime="{moment}">' + "".join(items) + "</Fleet>"
    )
    data = {"Fleet": {"version": "2", "snapshotTime": moment, "Equipment": equipment}}
    return xml.encode(), json.dumps(data).encode()


def median_ms(function, *args) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds: other work on a shared machine stretches the
    wall clock, not the CPU time this process spends."""
    wall, cpu = [], []
    for _ in range(REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(*args)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def _whole_followup(ruleset, tailoring, decisions, tender_text, period_texts):
    tender = validate_tender(parse_text(tender_text, "tender"))
    periods = [validate_period(parse_text(text, "period"), tender) for text in period_texts]
    return followup(ruleset, None, tailoring, decisions, tender, periods)


def _json_alone(tender_text, period_texts):
    json.loads(tender_text)
    for text in period_texts:
        json.loads(text)


def report(name: str, ours: tuple, baseline: tuple, target: float | None = None) -> None:
    """One line: wall-clock ms (CPU ms), the baseline's, the ratio of wall clocks, the target."""
    verdict = ""
    if target is not None:
        verdict = "  target met" if ours[0] < target else "  TARGET MISSED"
    print(
        f"  {name:<44} {ours[0]:7.1f} ms (cpu {ours[1]:6.1f})   baseline {baseline[0]:6.1f} ms "
        f"(cpu {baseline[1]:5.1f})   ratio {ours[0] / baseline[0]:5.1f}{verdict}"
    )


def main() -> None:
    rng = random.Random(SEED)
    ruleset = RuleLibrary().get("oslo-zero-emission-site")
    tender = build_tender(rng)
    periods = [build_period(rng, tender, month) for month in range(MONTHS)]
    decisions = {
        request["id"]: {"decision": "approved", "by": "Ola", "legal_basis": "4.2"}
        for request in tender["exceptions"]
    }
    tailoring = {"sanctions": {"site-zero-emission": {"per_litre_nok": 25}}}
    tender_text = json.dumps(tender, ensure_ascii=False)
    period_texts = [json.dumps(period, ensure_ascii=False) for period in periods]
    result = _whole_followup(ruleset, tailoring, decisions, tender_text, period_texts)  # warm-up
    entries = sum(len(p["machines"]) + len(p["vehicles"]) + len(p["heating"]) for p in periods)
    print(
        f"contract: {MONTHS} monthly periods, {entries} entries in all ({entries // MONTHS} a month), "
        f"verdict {result['verdict']}, {sum(len(p['deviations']) for p in result['periods'])} deviations"
    )
    parsed = [copy.deepcopy(p) for p in periods]
    baseline = median_ms(_json_alone, tender_text, period_texts)
    report(
        "whole follow-up (parse, validate, followup)",
        median_ms(_whole_followup, ruleset, tailoring, decisions, tender_text, period_texts),
        baseline,
        TARGET_FOLLOWUP_MS,
    )
    report(
        "followup() alone",
        median_ms(followup, ruleset, None, tailoring, decisions, tender, parsed),
        baseline,
    )

    start_xml, start_json = build_snapshot(rng, 0)
    end_xml, end_json = build_snapshot(rng, 160)
    print(
        f"snapshots: {FLEET} machines, XML {len(start_xml) // 1024} KB, JSON {len(start_json) // 1024} KB"
    )
    xml_alone = median_ms(ElementTree.fromstring, start_xml)
    json_alone = median_ms(json.loads, start_json)
    report(
        "read one XML snapshot",
        median_ms(parse_snapshot, start_xml, "start.xml"),
        xml_alone,
        TARGET_SNAPSHOT_MS,
    )
    report(
        "read one JSON snapshot",
        median_ms(parse_snapshot, start_json, "start.json"),
        json_alone,
        TARGET_SNAPSHOT_MS,
    )

    def both_and_difference(first, second):
        uses, _ = usage(parse_snapshot(first, "start"), parse_snapshot(second, "end"))
        assert len(uses) == FLEET

    def parse_both(parser, first, second):
        parser(first)
        parser(second)

    report(
        "read two XML snapshots + the difference",
        median_ms(both_and_difference, start_xml, end_xml),
        median_ms(parse_both, ElementTree.fromstring, start_xml, end_xml),
    )
    report(
        "read two JSON snapshots + the difference",
        median_ms(both_and_difference, start_json, end_json),
        median_ms(parse_both, json.loads, start_json, end_json),
    )


if __name__ == "__main__":
    main()
