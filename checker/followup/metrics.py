"""Figures over what ran: the engine's metrics summed over periods, and Oslo's indicators.

The climate-budget indicators (Oslo kommune): the zero-emission share of energy including biogas
(measure 16), the sustainable-biodiesel share of energy, the zero-emission share of
mass-transport km (measure 14), fossil litres and fossil CO2e. Beside them: electricity charged
from generators on site (charged_from), which is not zero-emission when the generator burns
fossil fuel.
"""

from checker.assessment.emissions import ELECTRIC_CARRIERS
from checker.assessment.emissions import Factors
from checker.assessment.emissions import compute_metrics
from checker.assessment.emissions import effective_carrier
from checker.assessment.emissions import effective_class
from checker.assessment.emissions import item_energy
from checker.followup.inherit import ITEM_LISTS
from checker.formats.vocabulary import CARRIER_CLASS
from checker.formats.vocabulary import FOSSIL
from checker.formats.vocabulary import ZERO_EMISSION

LIQUID_BIOFUELS = frozenset({"hvo100", "biodiesel_fame"})
SUM_FIELDS = (
    "sustainable_biodiesel_kwh",
    "mass_transport_km",
    "mass_transport_zero_emission_km",
    "electricity_from_generators_kwh",
    "electricity_from_fossil_generators_kwh",
)


def combined(tenders: list[dict]) -> dict:
    """One tender holding every entry of the given ones, for figures over several periods."""
    first = tenders[0]
    together = {key: first[key] for key in ("tender_id", "procurement", "contractor")}
    for kind in (*ITEM_LISTS, "fuels"):
        together[kind] = [entry for tender in tenders for entry in tender.get(kind) or []]
    return together


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _merge_items(per_period: list[dict]) -> dict:
    """Per-entry figures (the metrics' items of each period) summed over the periods."""
    items: dict[str, dict] = {}
    for period_items in per_period:
        for entry_id, figures in period_items.items():
            total = items.setdefault(
                entry_id, {"energy_kwh": 0.0, "litres": None, "fossil_co2e_kg": 0.0, "methods": []}
            )
            total["energy_kwh"] = round(total["energy_kwh"] + figures["energy_kwh"], 1)
            total["fossil_co2e_kg"] = round(total["fossil_co2e_kg"] + figures["fossil_co2e_kg"], 1)
            if figures["litres"] is not None:
                total["litres"] = round((total["litres"] or 0.0) + figures["litres"], 1)
            total["methods"] = _unique([*total["methods"], figures["method"]])
    return items


def metrics_over(tenders: list[dict], factors: Factors, per_period_items: list[dict] = ()) -> dict:
    """The engine's metrics over the entries of several periods' tenders together.

    Entries keep their ids from period to period, so the per-entry figures are the periods'
    own (per_period_items: each period's metrics["items"]) added up; without them, none.
    """
    metrics = compute_metrics(combined(tenders), factors)
    for block in ("energy_shares", "energy_shares_machines_vehicles"):
        metrics[block]["missing"] = _unique(metrics[block]["missing"])
    for block in ("machine_hours", "transport_km"):
        metrics[block]["shares"]["missing"] = _unique(metrics[block]["shares"]["missing"])
    metrics["not_estimated"] = _unique(metrics["not_estimated"])
    metrics["items"] = _merge_items(list(per_period_items))
    return metrics


def indicator_sums(
    tender: dict, results: list[dict], factors: Factors, fuel_rules: set[str]
) -> dict:
    """The sums behind the indicators the engine's metrics do not give, for one tender's entries.

    fuel_rules are the ids of the rules that judge fuels (their items are fuel ids).
    """
    sums = dict.fromkeys(SUM_FIELDS, 0.0)
    sums["mass_transport_missing"] = []
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    sustainable = _judged_sustainable(results, fuel_rules)
    machines = {entry["id"]: entry for entry in tender.get("machines") or []}
    for kind in ITEM_LISTS:
        for entry in tender.get(kind) or []:
            carrier = effective_carrier(entry, fuels)
            if carrier is None:
                continue
            parts = item_energy(kind, entry, carrier, factors)
            if kind != "vehicles" and entry.get("fuel_id") in sustainable:
                sums["sustainable_biodiesel_kwh"] += sum(
                    k for c, k, _ in parts if c in LIQUID_BIOFUELS
                )
            _count_charging(sums, entry, parts, machines, fuels)
    _count_mass_transport(sums, tender)
    return sums


def _judged_sustainable(results: list[dict], fuel_rules: set[str]) -> set[str]:
    states: dict[str, list[str]] = {}
    for result in results:
        if result["rule"] in fuel_rules:
            for item in result["items"]:
                states.setdefault(item["id"], []).append(item["status"])
    return {fuel for fuel, found in states.items() if all(s in ("pass", "waived") for s in found)}


def _count_charging(sums: dict, entry: dict, parts: list, machines: dict, fuels: dict) -> None:
    """Electricity charged from a generator on site, and whether that generator burns fossil fuel."""
    generator = machines.get(entry.get("charged_from"))
    if generator is None:
        return
    kwh = sum(k for carrier, k, _ in parts if carrier in ELECTRIC_CARRIERS)
    sums["electricity_from_generators_kwh"] += kwh
    if effective_class(generator, fuels) == FOSSIL:
        sums["electricity_from_fossil_generators_kwh"] += kwh


def _count_mass_transport(sums: dict, tender: dict) -> None:
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    for vehicle in tender.get("vehicles") or []:
        if vehicle.get("purpose") != "mass_transport":
            continue
        km, carrier = vehicle.get("planned_km"), effective_carrier(vehicle, fuels)
        if km is None or carrier is None:
            sums["mass_transport_missing"].append(vehicle["id"])
            continue
        sums["mass_transport_km"] += km
        if CARRIER_CLASS[carrier] == ZERO_EMISSION:
            sums["mass_transport_zero_emission_km"] += km


def add_sums(all_sums: list[dict]) -> dict:
    total = dict.fromkeys(SUM_FIELDS, 0.0)
    total["mass_transport_missing"] = []
    for sums in all_sums:
        for field in SUM_FIELDS:
            total[field] += sums[field]
        total["mass_transport_missing"] = _unique(
            total["mass_transport_missing"] + sums["mass_transport_missing"]
        )
    return total


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def indicators(metrics: dict, sums: dict) -> dict:
    """Oslo's climate-budget indicators from the engine's metrics and the sums beside them."""
    site_kwh = metrics["energy_kwh"]["total"]
    return {
        "zero_emission_incl_biogas_share": metrics["energy_shares"]["zero_emission_incl_biogas"],
        "zero_emission_share": metrics["energy_shares"]["zero_emission"],
        "sustainable_biodiesel_share": _share(sums["sustainable_biodiesel_kwh"], site_kwh),
        "mass_transport_zero_emission_share_km": _share(
            sums["mass_transport_zero_emission_km"], sums["mass_transport_km"]
        ),
        "fossil_litres": metrics["fossil_litres"],
        "fossil_co2e_kg": metrics["co2e_kg"]["fossil_direct"]["total"],
        "energy_kwh": site_kwh,
        "missing": {
            "energy": list(metrics["energy_shares"]["missing"]),
            "mass_transport": list(sums["mass_transport_missing"]),
        },
    } | {field: round(sums[field], 1) for field in SUM_FIELDS}
