"""Energy and CO2e estimates for a tender: declared litres or kWh first, else estimated from hours."""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from checker.vocabulary import CARRIER_CLASS
from checker.vocabulary import FOSSIL
from checker.vocabulary import FOSSIL_FREE
from checker.vocabulary import ZERO_EMISSION

FACTORS_FILE = Path(__file__).parent / "data" / "emission-factors.yaml"
LIQUID_PRODUCTS = {"hvo100", "biodiesel_fame", "diesel"}
ELECTRIC_CARRIERS = {"battery_electric", "grid_electric", "hydrogen_fuel_cell"}


@dataclass(frozen=True)
class CarrierFactors:
    """Per-kWh factors of one energy carrier (converted from the file's natural units)."""

    kwh_per_litre: float | None
    fossil_kg_per_kwh: float
    biogenic_kg_per_kwh: float
    indirect_kg_per_kwh: float


@dataclass(frozen=True)
class Factors:
    """One version of the emission-factor file, ready for arithmetic."""

    id: str
    version: str
    sha256: str
    carriers: dict[str, CarrierFactors]
    fuel_kwh_per_shaft_kwh: float
    electric_drive_efficiency: float
    heat_pump_cop: float
    load_factors: dict[str, float]
    default_load_factor: float
    document: dict

    def reference(self) -> dict:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}


def _per_kwh(entry: dict | None, kwh_per_litre: float | None) -> float:
    if not entry:
        return 0.0
    if entry["unit"].endswith("/L"):
        return entry["value"] / kwh_per_litre
    return entry["value"]


def _carrier_factors(carriers: dict) -> dict[str, CarrierFactors]:
    result = {}
    for name, entry in carriers.items():
        entry = carriers[entry["same_as"]] if "same_as" in entry else entry
        kwh_per_litre = entry["energy"]["value"] if "energy" in entry else None
        result[name] = CarrierFactors(
            kwh_per_litre=kwh_per_litre,
            fossil_kg_per_kwh=_per_kwh(entry.get("fossil"), kwh_per_litre),
            biogenic_kg_per_kwh=_per_kwh(entry.get("biogenic"), kwh_per_litre),
            indirect_kg_per_kwh=_per_kwh(entry.get("indirect"), kwh_per_litre),
        )
    return result


@cache
def load_factors(path: Path = FACTORS_FILE) -> Factors:
    """Load and convert the emission-factor file; its sha256 is recorded in every assessment."""
    raw = path.read_bytes()
    document = yaml.safe_load(raw)
    estimation = document["estimation"]
    diesel_kwh_per_kg = (
        document["carriers"]["diesel"]["energy"]["value"]
        / (estimation["diesel_density_kg_per_l"]["value"])
    )
    load = estimation["load_factors"]
    return Factors(
        id=document["id"],
        version=str(document["version"]),
        sha256=hashlib.sha256(raw).hexdigest(),
        carriers=_carrier_factors(document["carriers"]),
        fuel_kwh_per_shaft_kwh=estimation["bsfc_kg_per_kwh"]["value"] * diesel_kwh_per_kg,
        electric_drive_efficiency=estimation["electric_drive_efficiency"]["value"],
        heat_pump_cop=estimation["heat_pump_cop"]["value"],
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


def effective_class(item: dict, fuels: dict[str, dict]) -> str | None:
    """fossil / fossil_free / zero_emission for an item, or None when no carrier is given."""
    carrier = effective_carrier(item, fuels)
    return CARRIER_CLASS.get(carrier) if carrier else None


def _estimated_machine_kwh(machine: dict, carrier: str, factors: Factors) -> float | None:
    power, hours = machine.get("engine_power_kw"), machine.get("planned_hours")
    if power is None or hours is None:
        return None
    load = factors.load_factors.get(machine["category"], factors.default_load_factor)
    shaft_kwh = power * load * hours
    if carrier in ELECTRIC_CARRIERS:
        return shaft_kwh / factors.electric_drive_efficiency
    return shaft_kwh * factors.fuel_kwh_per_shaft_kwh


def item_energy(kind: str, item: dict, carrier: str, factors: Factors) -> tuple[float | None, str]:
    """Delivered energy in kWh for one item and the method used to get it."""
    per_litre = factors.carriers[carrier].kwh_per_litre
    if item.get("fuel_litres") is not None and per_litre:
        return item["fuel_litres"] * per_litre, "declared_litres"
    if item.get("energy_kwh") is not None:
        return item["energy_kwh"], "declared_kwh"
    if kind == "heating" and item.get("planned_kwh") is not None:
        kwh = item["planned_kwh"]
        return (kwh / factors.heat_pump_cop if carrier == "heat_pump" else kwh), "declared_kwh"
    if kind == "machines":
        kwh = _estimated_machine_kwh(item, carrier, factors)
        if kwh is not None:
            return kwh, "estimated_from_hours"
    return None, "not_estimated"


class _Totals:
    """Running sums by carrier and class."""

    def __init__(self):
        self.by_carrier: dict[str, float] = {}
        self.by_class: dict[str, float] = {FOSSIL: 0.0, FOSSIL_FREE: 0.0, ZERO_EMISSION: 0.0}

    def add(self, carrier: str, carrier_class: str, amount: float) -> None:
        self.by_carrier[carrier] = self.by_carrier.get(carrier, 0.0) + amount
        self.by_class[carrier_class] += amount

    def total(self) -> float:
        return sum(self.by_class.values())

    def shares(self, biogas: float) -> dict:
        total = self.total()
        if not total:
            return {"zero_emission": None, "zero_emission_incl_biogas": None, "fossil_free": None}
        zero = self.by_class[ZERO_EMISSION]
        return {
            "zero_emission": zero / total,
            "zero_emission_incl_biogas": (zero + biogas) / total,
            "fossil_free": (zero + self.by_class[FOSSIL_FREE]) / total,
        }

    def as_dict(self, digits: int = 1) -> dict:
        return {
            "total": round(self.total(), digits),
            "by_carrier": {
                key: round(value, digits) for key, value in sorted(self.by_carrier.items())
            },
            "by_class": {key: round(value, digits) for key, value in self.by_class.items()},
        }


def _share_block(totals: _Totals, basis: str) -> dict:
    shares = totals.shares(totals.by_carrier.get("biogas", 0.0))
    return {
        name: (None if value is None else round(value, 4)) for name, value in shares.items()
    } | {"basis": basis}


def compute_metrics(tender: dict, factors: Factors) -> dict:
    """Energy, CO2e, shares and fossil litres for the whole tender, with the method named."""
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    energy, fossil, biogenic, indirect, hours, km = (_Totals() for _ in range(6))
    motive = _Totals()  # machines and vehicles only, for rules that leave heating out
    fossil_litres = 0.0
    items, not_estimated = {}, []
    for kind in ("machines", "vehicles", "heating"):
        for item in tender.get(kind) or []:
            carrier = effective_carrier(item, fuels)
            if carrier is None:
                not_estimated.append(item["id"])
                continue
            carrier_class = CARRIER_CLASS[carrier]
            if kind == "machines" and item.get("planned_hours") is not None:
                hours.add(carrier, carrier_class, item["planned_hours"])
            if kind == "vehicles" and item.get("planned_km") is not None:
                km.add(carrier, carrier_class, item["planned_km"])
            kwh, method = item_energy(kind, item, carrier, factors)
            if kwh is None:
                if kind != "vehicles":
                    not_estimated.append(item["id"])
                continue
            cf = factors.carriers[carrier]
            energy.add(carrier, carrier_class, kwh)
            if kind != "heating":
                motive.add(carrier, carrier_class, kwh)
            fossil.add(carrier, carrier_class, kwh * cf.fossil_kg_per_kwh)
            biogenic.add(carrier, carrier_class, kwh * cf.biogenic_kg_per_kwh)
            indirect.add(carrier, carrier_class, kwh * cf.indirect_kg_per_kwh)
            litres = kwh / cf.kwh_per_litre if cf.kwh_per_litre else None
            if carrier_class == FOSSIL and litres is not None:
                fossil_litres += litres
            items[item["id"]] = {
                "energy_kwh": round(kwh, 1),
                "litres": None if litres is None else round(litres, 1),
                "fossil_co2e_kg": round(kwh * cf.fossil_kg_per_kwh, 1),
                "method": method,
            }
    energy_shares = _share_block(energy, "delivered energy (kWh): machines, vehicles, heating")
    return {
        "energy_kwh": energy.as_dict(),
        "co2e_kg": {
            "fossil_direct": fossil.as_dict(),
            "biogenic_co2": biogenic.as_dict(),
            "indirect_electricity": indirect.as_dict(),
        },
        "fossil_litres": round(fossil_litres, 1),
        "energy_shares": energy_shares,
        "energy_shares_machines_vehicles": _share_block(
            motive,
            "delivered energy (kWh): machines and vehicles with declared or estimable energy",
        ),
        "machine_hours": hours.as_dict() | {"shares": _share_block(hours, "machine hours")},
        "transport_km": km.as_dict() | {"shares": _share_block(km, "planned km, vehicles")},
        "zero_emission_share": energy_shares["zero_emission"],
        "fossil_free_share": energy_shares["fossil_free"],
        "items": items,
        "not_estimated": not_estimated,
        "method": method_statement(factors),
    }


def method_statement(factors: Factors) -> dict:
    """How the figures were made, with the factor file that made them."""
    return {
        "factors": factors.reference(),
        "fuel": "declared litres or kWh when given; otherwise engine_power_kw x load_factor x "
        "planned_hours, then x specific fuel consumption (combustion) or / drive efficiency "
        "(electric)",
        "fuel_kwh_per_shaft_kwh": round(factors.fuel_kwh_per_shaft_kwh, 4),
        "electric_drive_efficiency": factors.electric_drive_efficiency,
        "headline": "fossil CO2e, direct (tank-to-wheel); biogenic CO2 counted as zero and reported "
        "beside it; electricity indirect (location-based) and never added to the direct sum",
        "shares": "by delivered energy; electric drivetrains need about a third of the delivered "
        "energy of diesel for the same work, so energy shares understate zero-emission work; "
        "machine-hour shares are given beside them",
    }
