"""From a tender's or a period's entries to cells: what ran, on which carrier, with which factors.

The energy of each entry is the engine's own (checker.assessment.emissions.item_energy:
declared litres or kWh, else estimated from hours), so the statistics add up to the same figures
as an assessment or a follow-up of the same entries. A period's figures go to the months it
spans in proportion to their days; a tender's plan, given for the whole contract, is spread over
the contract's days the same way.
"""

from datetime import date

from checker.assessment.emissions import Factors
from checker.assessment.emissions import effective_carrier
from checker.assessment.emissions import item_energy
from checker.assessment.ledger import FOSSIL_LIQUIDS
from checker.rulesets.ruleset import Ruleset
from checker.statistics.cells import SOURCE_OF_LIST
from checker.statistics.cells import Cells
from checker.statistics.cells import zero
from checker.statistics.months import month_shares

LISTS = ("machines", "vehicles", "heating")
# Counts are not split: an entry of a period spanning two months counts in each.
COUNTS = frozenset({"entries", "missing_energy", "missing_km"})
LIQUID_BIOFUELS = frozenset({"hvo100", "biodiesel_fame"})
ESTIMATED = "estimated_from_hours"
# Figures an entry has once, whatever its energy parts (a plug-in hybrid has two).
QUANTITY_FIELD = {"machines": "planned_hours", "vehicles": "planned_km"}

Activity = dict[tuple[str, str], dict[str, float]]  # (source, energy_carrier) -> figures


def fuel_rules(ruleset: Ruleset) -> frozenset[str]:
    """The ids of the rules that judge fuels (their items are fuel ids)."""
    return frozenset(rule.id for rule in ruleset.rules if rule.applies_to == "fuels")


def judged_sustainable(results: list[dict], rule_ids: frozenset[str]) -> frozenset[str]:
    """Fuel ids every fuel rule passed (or an officer waived): sustainable biodiesel in Oslo's sense.

    A fuel no fuel rule looked at is not judged sustainable, as in the follow-up's indicators.
    """
    states: dict[str, list[str]] = {}
    for result in results:
        if result["rule"] in rule_ids:
            for item in result["items"]:
                states.setdefault(item["id"], []).append(item["status"])
    return frozenset(
        fuel for fuel, found in states.items() if all(s in ("pass", "waived") for s in found)
    )


def _energy_parts(kind, entry, carrier, factors, sustainable, into: Activity) -> bool:
    """Add each energy part of an entry to its carrier's cell; False when none could be told."""
    parts = item_energy(kind, entry, carrier, factors)
    source = SOURCE_OF_LIST[kind]
    for part_carrier, kwh, method in parts:
        figures = into.setdefault((source, part_carrier), zero())
        cf = factors.carriers[part_carrier]
        figures["kwh"] += kwh
        if cf.kwh_per_litre:
            figures["litres"] += kwh / cf.kwh_per_litre
        figures["fossil_co2e_kg"] += kwh * cf.fossil_kg_per_kwh
        figures["biogenic_co2_kg"] += kwh * cf.biogenic_kg_per_kwh
        figures["indirect_co2e_kg"] += kwh * cf.indirect_kg_per_kwh
        if method == ESTIMATED:
            figures["estimated_kwh"] += kwh
        if kind != "vehicles" and part_carrier in LIQUID_BIOFUELS:
            if entry.get("fuel_id") in sustainable:
                figures["sustainable_kwh"] += kwh
    return bool(parts)


def _count_entry(kind, entry, carrier, has_energy: bool, sustainable, into: Activity) -> None:
    """Hours, km and counts, once per entry, in the cell of the carrier it runs on."""
    figures = into.setdefault((SOURCE_OF_LIST[kind], carrier), zero())
    figures["entries"] += 1
    if not has_energy:
        figures["missing_energy"] += 1
    field = QUANTITY_FIELD.get(kind)
    quantity = entry.get(field) if field else None
    if kind == "machines" and quantity is not None:
        figures["hours"] += quantity
    if kind != "vehicles":
        return
    if quantity is None:
        figures["missing_km"] += 1
        return
    figures["km"] += quantity
    if entry.get("purpose") == "mass_transport":
        figures["mass_transport_km"] += quantity
        if carrier in LIQUID_BIOFUELS and entry.get("fuel_id") in sustainable:
            figures["sustainable_km"] += quantity


def activity(tender: dict, factors: Factors, sustainable: frozenset[str] = frozenset()) -> Activity:
    """Figures by (source, carrier) for the entries of a climate-tender/1 document.

    For a period, the document is the period's effective tender (checker.followup.inherit:
    hours in planned_hours, km in planned_km, a heater's energy in planned_kwh).
    """
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    found: Activity = {}
    for kind in LISTS:
        for entry in tender.get(kind) or []:
            carrier = effective_carrier(entry, fuels)
            if carrier is None:  # validation demands a carrier; never count an entry silently
                raise ValueError(f"{kind} entry {entry['id']!r} has no energy carrier")
            has_energy = _energy_parts(kind, entry, carrier, factors, sustainable, found)
            _count_entry(kind, entry, carrier, has_energy, sustainable, found)
    return found


def spread(found: Activity, basis: str, start: date, end: date) -> Cells:
    """The figures split over the months from start to end (both included) by days."""
    cells: Cells = {}
    for (year, month), _days, share in month_shares(start, end):
        for (source, carrier), figures in found.items():
            cells[(basis, year, month, source, carrier)] = {
                measure: value if measure in COUNTS else value * share
                for measure, value in figures.items()
            }
    return cells


def period_cells(
    effective: dict, period: dict, factors: Factors, sustainable: frozenset[str] = frozenset()
) -> Cells:
    """What ran in one period (its effective tender), by month: the 'actual' basis."""
    start, end = (date.fromisoformat(period[key]) for key in ("start", "end"))
    return spread(activity(effective, factors, sustainable), "actual", start, end)


def plan_cells(
    tender: dict,
    start: date,
    end: date,
    factors: Factors,
    sustainable: frozenset[str] = frozenset(),
) -> Cells:
    """The awarded tender's plan, spread evenly over the contract's days: the 'planned' basis."""
    return spread(activity(tender, factors, sustainable), "planned", start, end)


def is_fossil_liquid(carrier: str) -> bool:
    """Liquid fossil fuels, whose litres are Oslo's fossil litres (diesel, petrol, heating oil)."""
    return carrier in FOSSIL_LIQUIDS
