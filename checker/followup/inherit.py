"""From a period report to the tender the engine assesses: each entry inherits from the plan.

An entry whose id is in the awarded tender inherits every descriptive field it does not state
(category, weight, carrier, stage, year, serial number, ...); a field it states replaces the
plan's. Quantities are never inherited: the tender's planned hours, km, litres and kWh are for the
whole contract, a period's are its own. The period's figures go where the engine reads quantities
(hours into planned_hours, km into planned_km, a heater's energy_kwh into planned_kwh), so the
same rules and the same metrics judge what actually ran.
"""

from checker.formats.tender import TENDER_FORMAT

ITEM_LISTS = ("machines", "vehicles", "heating")
# The period's quantity and the tender field the engine reads it from.
ACTUAL_TO_PLAN = {
    "machines": ("hours", "planned_hours"),
    "vehicles": ("km", "planned_km"),
    "heating": ("energy_kwh", "planned_kwh"),
}
# Quantities of the plan: for the whole contract, so never carried into a period.
PLAN_QUANTITIES = {
    "machines": frozenset({"planned_hours", "fuel_litres", "energy_kwh"}),
    "vehicles": frozenset({"planned_km", "fuel_litres", "energy_kwh"}),
    "heating": frozenset({"planned_kwh"}),
}
# Period fields the tender format has no place for; the follow-up reads them from the report.
PERIOD_ONLY = frozenset({"days_on_site", "machine_data"})


def planned_entries(tender: dict, kind: str) -> dict[str, dict]:
    """The tender's entries of one list, by id."""
    return {entry["id"]: entry for entry in tender.get(kind) or []}


def merged_entry(kind: str, reported: dict, planned: dict | None) -> dict:
    """One entry as it ran: the plan's descriptive fields, replaced by what the period states."""
    actual, plan_field = ACTUAL_TO_PLAN[kind]
    entry = {"id": reported["id"]}
    for key, value in (planned or {}).items():
        if key not in PLAN_QUANTITIES[kind]:
            entry[key] = value
    for key, value in reported.items():
        if key == actual:
            entry[plan_field] = value
        elif key not in PERIOD_ONLY:
            entry[key] = value
    return entry


def merged_entries(tender: dict, period: dict, kind: str) -> list[dict]:
    """Every entry of one list of the period, merged with its plan (if the tender has one)."""
    plan = planned_entries(tender, kind)
    return [
        merged_entry(kind, reported, plan.get(reported["id"]))
        for reported in period.get(kind) or []
    ]


def merged_fuels(tender: dict, period: dict) -> dict[str, dict]:
    """Fuels the period may refer to: the tender's, each replaced field by field by the period's."""
    fuels = {fuel["id"]: dict(fuel) for fuel in tender.get("fuels") or []}
    for fuel in period.get("fuels") or []:
        fuels[fuel["id"]] = fuels.get(fuel["id"], {}) | fuel
    return fuels


def _fuels_in_use(fuels: dict[str, dict], period: dict, entries: dict[str, list]) -> list[dict]:
    """The fuels the period burnt, declared or had delivered: what the fuel rules should judge."""
    used = {entry.get("fuel_id") for kind in ITEM_LISTS for entry in entries[kind]}
    used |= {fuel["id"] for fuel in period.get("fuels") or []}
    used |= {delivery["fuel_id"] for delivery in period.get("deliveries") or []}
    return [fuel for fuel_id, fuel in fuels.items() if fuel_id in used]


def _exceptions_in_force(tender: dict, period: dict, earlier: list[dict], ids: set) -> list[dict]:
    """The tender's requests and those made in this or an earlier period, for items that ran."""
    requests = list(tender.get("exceptions") or [])
    for report in [*earlier, period]:
        requests += report.get("exceptions") or []
    return [request for request in requests if request["item"] in ids]


def effective_tender(tender: dict, period: dict, earlier: list[dict] = ()) -> dict:
    """The climate-tender/1 data of what ran in one period, for the engine to assess.

    earlier are the periods before this one: exception requests made in them stay asked for.
    """
    entries = {kind: merged_entries(tender, period, kind) for kind in ITEM_LISTS}
    ids = {entry["id"] for kind in ITEM_LISTS for entry in entries[kind]}
    fuels = merged_fuels(tender, period)
    effective = {
        "format": TENDER_FORMAT,
        "tender_id": tender["tender_id"],
        "procurement": tender["procurement"],
        "contractor": tender["contractor"],
        "price_nok": tender["price_nok"],
    }
    effective |= {kind: entries[kind] for kind in ITEM_LISTS}
    effective["fuels"] = _fuels_in_use(fuels, period, entries)
    effective["exceptions"] = _exceptions_in_force(tender, period, list(earlier), ids)
    if "documents" in tender:
        effective["documents"] = tender["documents"]
    return effective


def askable_ids(tender: dict) -> set[str]:
    """Keys a decision may have for this tender: its exception requests and sporadic claims."""
    keys = {request["id"] for request in tender.get("exceptions") or []}
    return keys | {
        machine["id"] for machine in tender.get("machines") or [] if machine.get("sporadic")
    }
