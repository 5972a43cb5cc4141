"""Energy and CO2e estimates for a tender: declared litres or kWh first, else estimated from hours."""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from checker.assessment.ledger import Ledger
from checker.formats.vocabulary import CARRIER_CLASS
from checker.formats.vocabulary import ELECTRIC_CARRIERS
from checker.formats.vocabulary import LIQUID_PRODUCTS
from checker.paths import PACKAGE

FACTORS_FILE = PACKAGE / "data" / "emission-factors.yaml"
# Carriers whose electricity an entry may take from an on-site generator (charged_from).
CHARGEABLE = frozenset({"battery_electric", "grid_electric", "plugin_hybrid"})


@dataclass(frozen=True)
class CarrierFactors:
    """Per-kWh factors of one energy carrier (converted from the file's natural units)."""

    kwh_per_litre: float | None
    fossil_kg_per_kwh: float
    biogenic_kg_per_kwh: float
    indirect_kg_per_kwh: float
    # The fossil part under the non-road blending mandate (None: the mandate does not apply).
    mandate_fossil_kg_per_kwh: float | None = None
    # Life-cycle (well-to-wheel) factor; None when no source gives one.
    wtw_kg_per_kwh: float | None = None
    gases: str = "CO2"  # what the direct (or indirect) factor counts: CO2, or CO2e with CH4 and N2O


@dataclass(frozen=True)
class Factors:
    """One version of the emission-factor file, ready for arithmetic."""

    id: str
    version: str
    sha256: str
    carriers: dict[str, CarrierFactors]
    fuel_kwh_per_shaft_kwh: float
    diesel_litres_per_shaft_kwh: float
    electric_kwh_per_diesel_litre: float
    fuel_cell_efficiency: float
    load_factors: dict[str, float]
    default_load_factor: float
    document: dict

    def reference(self) -> dict:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}


def _per_kwh(entry: dict | None, kwh_per_litre: float | None) -> float | None:
    if not entry:
        return None
    if entry["unit"].endswith("/L"):
        return entry["value"] / kwh_per_litre
    return entry["value"]


def _gases(entry: dict) -> str:
    factor = entry.get("fossil") or entry.get("indirect") or {}
    return "CO2e" if "CO2e" in factor.get("unit", "") else "CO2"


def _carrier_factors(carriers: dict) -> dict[str, CarrierFactors]:
    result = {}
    for name, entry in carriers.items():
        entry = carriers[entry["same_as"]] if "same_as" in entry else entry
        per_litre = entry["energy"]["value"] if "energy" in entry else None
        result[name] = CarrierFactors(
            kwh_per_litre=per_litre,
            fossil_kg_per_kwh=_per_kwh(entry.get("fossil"), per_litre) or 0.0,
            biogenic_kg_per_kwh=_per_kwh(entry.get("biogenic"), per_litre) or 0.0,
            indirect_kg_per_kwh=_per_kwh(entry.get("indirect"), per_litre) or 0.0,
            mandate_fossil_kg_per_kwh=_per_kwh(entry.get("fossil_non_road_mandate"), per_litre),
            wtw_kg_per_kwh=_per_kwh(entry.get("wtw"), per_litre),
            gases=_gases(entry),
        )
    return result


@cache
def load_factors(path: Path = FACTORS_FILE) -> Factors:
    """Load and convert the emission-factor file; its sha256 is recorded in every assessment."""
    raw = path.read_bytes()
    document = yaml.safe_load(raw)
    estimation = document["estimation"]
    density = estimation["diesel_density_kg_per_l"]["value"]
    diesel_kwh_per_kg = document["carriers"]["diesel"]["energy"]["value"] / density
    bsfc = estimation["bsfc_kg_per_kwh"]["value"]
    load = estimation["load_factors"]
    return Factors(
        id=document["id"],
        version=str(document["version"]),
        sha256=hashlib.sha256(raw).hexdigest(),
        carriers=_carrier_factors(document["carriers"]),
        fuel_kwh_per_shaft_kwh=bsfc * diesel_kwh_per_kg,
        diesel_litres_per_shaft_kwh=bsfc / density,
        electric_kwh_per_diesel_litre=estimation["electric_kwh_per_diesel_litre"]["value"],
        fuel_cell_efficiency=estimation["fuel_cell_efficiency"]["value"],
        load_factors=load["by_category"],
        default_load_factor=load["default"],
        document=document,
    )


def effective_carrier(item: dict, fuels: dict[str, dict]) -> str | None:
    """The carrier whose factors apply: a plug-in hybrid burns the fuel its fuel_id names."""
    carrier = item.get("energy_carrier")
    if carrier == "plugin_hybrid":
        product = fuels.get(item.get("fuel_id"), {}).get("product")
        return product if product in LIQUID_PRODUCTS else "diesel"
    return carrier


def charging_generator(item: dict, machines: dict[str, dict] | None) -> dict | None:
    """The on-site generator an entry takes its electricity from; None for the grid."""
    source = item.get("charged_from")
    if not machines or source in (None, "grid") or item.get("energy_carrier") not in CHARGEABLE:
        return None
    return machines.get(source)


def charged_class(item: dict, fuels: dict, machines: dict | None, seen=frozenset()) -> str:
    """The class of the electricity an entry takes: the grid's, or its generator's fuel's.

    Electricity from an on-site fossil generator is not zero-emission energy; a generator that
    is itself charged (a battery container) passes on where its own electricity came from.
    """
    generator = charging_generator(item, machines)
    if generator is None or generator["id"] in seen:
        return CARRIER_CLASS["grid_electric"]
    return effective_class(generator, fuels, machines, seen | {item["id"]})


def effective_class(
    item: dict, fuels: dict[str, dict], machines: dict | None = None, seen=frozenset()
) -> str | None:
    """fossil / fossil_free / zero_emission for an item, or None when no carrier is given.

    With `machines` (every machine by id), an electric entry charged from an on-site generator
    takes the class of the generator's fuel.
    """
    carrier = effective_carrier(item, fuels)
    if not carrier:
        return None
    if carrier in ELECTRIC_CARRIERS and charging_generator(item, machines):
        return charged_class(item, fuels, machines, seen)
    return CARRIER_CLASS.get(carrier)


def _estimated_machine_kwh(machine: dict, carrier: str, factors: Factors) -> float | None:
    power, hours = machine.get("engine_power_kw"), machine.get("planned_hours")
    if power is None or hours is None:
        return None
    load = factors.load_factors.get(machine["category"], factors.default_load_factor)
    shaft_kwh = power * load * hours
    if carrier == "hydrogen_fuel_cell":
        return shaft_kwh / factors.fuel_cell_efficiency
    if carrier in ELECTRIC_CARRIERS:
        # The diesel the same work would take, times the electricity a litre is replaced by.
        litres = shaft_kwh * factors.diesel_litres_per_shaft_kwh
        return litres * factors.electric_kwh_per_diesel_litre
    return shaft_kwh * factors.fuel_kwh_per_shaft_kwh


def item_energy(
    kind: str, item: dict, carrier: str, factors: Factors
) -> list[tuple[str, float, str]]:
    """Delivered energy of one item as (carrier, kWh, method) parts; empty when it cannot be told.

    A plug-in hybrid that declares both litres and kWh has two parts: its fuel and its charging.
    """
    per_litre = factors.carriers[carrier].kwh_per_litre
    parts = []
    if item.get("fuel_litres") is not None and per_litre:
        parts.append((carrier, item["fuel_litres"] * per_litre, "declared_litres"))
    if item.get("energy_kwh") is not None:
        charged = (
            "battery_electric"
            if parts and item.get("energy_carrier") == "plugin_hybrid"
            else carrier
        )
        if not parts or charged != carrier:
            parts.append((charged, item["energy_kwh"], "declared_kwh"))
    if parts:
        return parts
    if kind == "heating" and item.get("planned_kwh") is not None:
        return [(carrier, item["planned_kwh"], "declared_kwh")]
    if kind == "machines":
        kwh = _estimated_machine_kwh(item, carrier, factors)
        if kwh is not None:
            return [(carrier, kwh, "estimated_from_hours")]
    return []


def _approved_waivers(tender: dict, decisions: dict, as_of: str | None) -> dict[str, dict]:
    """Entry id -> {share, ground} for every approved, unexpired exception request or claim."""
    waivers = {}
    asked = [
        (request["id"], request["item"], request["ground"])
        for request in tender.get("exceptions") or []
    ]
    asked += [
        (m["id"], m["id"], "sporadic_use")
        for m in tender.get("machines") or []
        if m.get("sporadic")
    ]
    for key, entry_id, ground in asked:
        decision = decisions.get(key)
        if not decision or decision["decision"] != "approved":
            continue
        if as_of and decision.get("expires") and decision["expires"] < as_of:
            continue
        share = decision.get("waived_share", 1.0)
        if share > waivers.get(entry_id, {}).get("share", 0.0):
            waivers[entry_id] = {"share": share, "ground": ground}
    return waivers


def compute_metrics(
    tender: dict, factors: Factors, decisions: dict | None = None, as_of: str | None = None
) -> dict:
    """Energy, CO2e, shares and fossil litres for the whole tender, with the method named.

    Shares carry `missing`: the entries whose data was absent, so a rule can refuse to judge a
    share that rests on an incomplete list instead of passing it silently. With the officer's
    decisions, the energy blocks also show how much of it approved exceptions waive.
    """
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    machines = {machine["id"]: machine for machine in tender.get("machines") or []}
    ledger = Ledger(factors, _approved_waivers(tender, decisions or {}, as_of))
    for kind in ("machines", "vehicles", "heating"):
        for entry in tender.get(kind) or []:
            carrier = effective_carrier(entry, fuels)
            generator = charging_generator(entry, machines)
            charged = charged_class(entry, fuels, machines) if generator else None
            # An electric entry charged from a generator takes the generator's class.
            entry_class = charged if charged and carrier in ELECTRIC_CARRIERS else None
            entry_class = entry_class or (CARRIER_CLASS.get(carrier) if carrier else None)
            ledger.count_activity(kind, entry, carrier, entry_class)
            parts = item_energy(kind, entry, carrier, factors) if carrier else []
            ledger.count_energy(kind, entry, parts, generator and generator["id"], charged)
    return ledger.metrics() | {"method": method_statement(factors, tender)}


def method_statement(factors: Factors, tender: dict) -> dict:
    """How the figures were made, with the factors actually used for this tender."""
    carriers = sorted(
        {
            entry.get("energy_carrier")
            for kind in ("machines", "vehicles", "heating")
            for entry in tender.get(kind) or []
        }
        - {None}
    )
    categories = sorted({machine["category"] for machine in tender.get("machines") or []})
    return {
        "factors": factors.reference(),
        "fuel": "declared litres or kWh when given; otherwise engine_power_kw x load_factor x "
        "planned_hours, then x specific fuel consumption (combustion), as the diesel the same "
        "work would take x electricity per litre replaced (electric), or / efficiency (fuel "
        "cell); estimates from hours are upper bounds; heating uses the energy bought for each "
        "heater (planned_kwh)",
        "fuel_kwh_per_shaft_kwh": round(factors.fuel_kwh_per_shaft_kwh, 4),
        "electric_kwh_per_diesel_litre": factors.electric_kwh_per_diesel_litre,
        "fuel_cell_efficiency": factors.fuel_cell_efficiency,
        "load_factors": {
            category: factors.load_factors.get(category, factors.default_load_factor)
            for category in categories
        },
        "carrier_factors_kg_per_kwh": {
            carrier: _carrier_method(factors.carriers[carrier]) for carrier in carriers
        },
        "headline": "fossil CO2, direct (tank-to-wheel), with the plain factors (no blending "
        "assumed: the non-road mandate is met as a yearly average, not per delivery); biogenic CO2 "
        "counted as zero and reported beside it; electricity and district heat indirect and never "
        "added to the direct sum; well-to-wheel figures apart, never added to either",
        "gases": "CO2 where the factor leaves out CH4 and N2O (Miljødirektoratet: they add "
        "0.5-1.5 %), CO2e where it includes them; see each carrier's `gases`",
        "blending_mandate": "fossil_direct_blending_mandate counts non-road diesel and heating oil "
        "at 90 % fossil (10 % by volume advanced biofuel, produktforskriften § 3-3c, from 2023)",
        "charged_from": "electricity taken from an on-site generator counts in the class of the "
        "generator's fuel in every share; its CO2 is counted once, in the generator's own fuel",
        "shares": "by delivered energy of machines and heating (vehicles apart, by km); electric "
        "drivetrains need about a third of the delivered energy of diesel for the same work, so "
        "energy shares understate zero-emission work; machine-hour shares are given beside them",
    }


def _carrier_method(carrier: CarrierFactors) -> dict:
    figures = {
        "fossil_direct": round(carrier.fossil_kg_per_kwh, 5),
        "biogenic": round(carrier.biogenic_kg_per_kwh, 5),
        "indirect": round(carrier.indirect_kg_per_kwh, 5),
        "gases": carrier.gases,
        "well_to_wheel": None
        if carrier.wtw_kg_per_kwh is None
        else round(carrier.wtw_kg_per_kwh, 5),
    }
    if carrier.mandate_fossil_kg_per_kwh is not None:
        figures["fossil_direct_blending_mandate"] = round(carrier.mandate_fossil_kg_per_kwh, 5)
    return figures
