"""Energy and CO2e estimates for a tender: declared litres or kWh first, else estimated from hours."""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from checker.formats.vocabulary import CARRIER_CLASS
from checker.formats.vocabulary import FOSSIL
from checker.formats.vocabulary import FOSSIL_FREE
from checker.formats.vocabulary import LIQUID_PRODUCTS
from checker.formats.vocabulary import ZERO_EMISSION
from checker.paths import PACKAGE

FACTORS_FILE = PACKAGE / "data" / "emission-factors.yaml"
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
    fuel_cell_efficiency: float
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


def effective_class(item: dict, fuels: dict[str, dict]) -> str | None:
    """fossil / fossil_free / zero_emission for an item, or None when no carrier is given."""
    carrier = effective_carrier(item, fuels)
    return CARRIER_CLASS.get(carrier) if carrier else None


FOSSIL_LIQUIDS = frozenset({"diesel", "petrol", "alkylate_petrol", "heating_oil"})


def _estimated_machine_kwh(machine: dict, carrier: str, factors: Factors) -> float | None:
    power, hours = machine.get("engine_power_kw"), machine.get("planned_hours")
    if power is None or hours is None:
        return None
    load = factors.load_factors.get(machine["category"], factors.default_load_factor)
    shaft_kwh = power * load * hours
    if carrier == "hydrogen_fuel_cell":
        return shaft_kwh / factors.fuel_cell_efficiency
    if carrier in ELECTRIC_CARRIERS:
        return shaft_kwh / factors.electric_drive_efficiency
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


class _Totals:
    """Running sums by carrier and class, and the ids of entries that could not be counted."""

    def __init__(self):
        self.by_carrier: dict[str, float] = {}
        self.by_class: dict[str, float] = {FOSSIL: 0.0, FOSSIL_FREE: 0.0, ZERO_EMISSION: 0.0}
        self.missing: list[str] = []

    def add(self, carrier: str, carrier_class: str, amount: float) -> None:
        self.by_carrier[carrier] = self.by_carrier.get(carrier, 0.0) + amount
        self.by_class[carrier_class] += amount

    def total(self) -> float:
        return sum(self.by_class.values())

    def shares(self, basis: str) -> dict:
        """Shares by class; None when nothing was counted. `missing` says whose data is absent."""
        total = self.total()
        block = {"basis": basis, "missing": list(self.missing)}
        if not total:
            return block | {
                "zero_emission": None,
                "zero_emission_incl_biogas": None,
                "fossil_free": None,
            }
        zero, biogas = self.by_class[ZERO_EMISSION], self.by_carrier.get("biogas", 0.0)
        return block | {
            "zero_emission": round(zero / total, 4),
            "zero_emission_incl_biogas": round((zero + biogas) / total, 4),
            "fossil_free": round((zero + self.by_class[FOSSIL_FREE]) / total, 4),
        }

    def as_dict(self, digits: int = 1) -> dict:
        return {
            "total": round(self.total(), digits),
            "by_carrier": {
                key: round(value, digits) for key, value in sorted(self.by_carrier.items()) if value
            },
            "by_class": {key: round(value, digits) for key, value in self.by_class.items()},
        }


class _Ledger:
    """Every total the metrics report, filled entry by entry."""

    def __init__(self):
        self.site, self.motive, self.hours, self.km = _Totals(), _Totals(), _Totals(), _Totals()
        self.fossil, self.biogenic, self.indirect = _Totals(), _Totals(), _Totals()
        self.fossil_litres = 0.0
        self.items: dict[str, dict] = {}
        self.not_estimated: list[str] = []

    def count_activity(self, kind: str, entry: dict, carrier: str | None) -> None:
        """Machine hours and vehicle km, which need no energy estimate."""
        field, totals = (
            ("planned_hours", self.hours) if kind == "machines" else ("planned_km", self.km)
        )
        if kind == "heating":
            return
        if carrier is None or entry.get(field) is None:
            totals.missing.append(entry["id"])
        else:
            totals.add(carrier, CARRIER_CLASS[carrier], entry[field])

    def count_energy(self, kind: str, entry: dict, parts: list, factors: Factors) -> None:
        bases = {
            "machines": (self.site, self.motive),
            "heating": (self.site,),
            "vehicles": (self.motive,),
        }[kind]
        if not parts:
            self.not_estimated.append(entry["id"])
            for totals in bases:
                totals.missing.append(entry["id"])
            return
        figures = {"energy_kwh": 0.0, "litres": None, "fossil_co2e_kg": 0.0, "method": parts[0][2]}
        for carrier, kwh, _method in parts:
            cf, carrier_class = factors.carriers[carrier], CARRIER_CLASS[carrier]
            for totals in bases:
                totals.add(carrier, carrier_class, kwh)
            self.fossil.add(carrier, carrier_class, kwh * cf.fossil_kg_per_kwh)
            self.biogenic.add(carrier, carrier_class, kwh * cf.biogenic_kg_per_kwh)
            self.indirect.add(carrier, carrier_class, kwh * cf.indirect_kg_per_kwh)
            if cf.kwh_per_litre:
                figures["litres"] = round(kwh / cf.kwh_per_litre, 1)
                if carrier in FOSSIL_LIQUIDS:
                    self.fossil_litres += kwh / cf.kwh_per_litre
            figures["energy_kwh"] += kwh
            figures["fossil_co2e_kg"] += kwh * cf.fossil_kg_per_kwh
        figures["energy_kwh"] = round(figures["energy_kwh"], 1)
        figures["fossil_co2e_kg"] = round(figures["fossil_co2e_kg"], 1)
        self.items[entry["id"]] = figures


def compute_metrics(tender: dict, factors: Factors) -> dict:
    """Energy, CO2e, shares and fossil litres for the whole tender, with the method named.

    Shares carry `missing`: the entries whose data was absent, so a rule can refuse to judge a
    share that rests on an incomplete list instead of passing it silently.
    """
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    ledger = _Ledger()
    for kind in ("machines", "vehicles", "heating"):
        for entry in tender.get(kind) or []:
            carrier = effective_carrier(entry, fuels)
            ledger.count_activity(kind, entry, carrier)
            parts = item_energy(kind, entry, carrier, factors) if carrier else []
            ledger.count_energy(kind, entry, parts, factors)
    site = ledger.site.shares("delivered energy (kWh): machines and heating")
    return {
        "energy_kwh": ledger.site.as_dict(),
        "co2e_kg": {
            "fossil_direct": ledger.fossil.as_dict(),
            "biogenic_co2": ledger.biogenic.as_dict(),
            "indirect_electricity": ledger.indirect.as_dict(),
        },
        "fossil_litres": round(ledger.fossil_litres, 1),
        "energy_shares": site,
        "energy_shares_machines_vehicles": ledger.motive.shares(
            "delivered energy (kWh): machines and vehicles"
        ),
        "machine_hours": ledger.hours.as_dict() | {"shares": ledger.hours.shares("machine hours")},
        "transport_km": ledger.km.as_dict() | {"shares": ledger.km.shares("planned km, vehicles")},
        "zero_emission_share": site["zero_emission"],
        "fossil_free_share": site["fossil_free"],
        "items": ledger.items,
        "not_estimated": ledger.not_estimated,
        "method": method_statement(factors, tender),
    }


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
        "planned_hours, then x specific fuel consumption (combustion) or / drive efficiency "
        "(electric, fuel cell); heating uses the energy bought for each heater (planned_kwh)",
        "fuel_kwh_per_shaft_kwh": round(factors.fuel_kwh_per_shaft_kwh, 4),
        "electric_drive_efficiency": factors.electric_drive_efficiency,
        "fuel_cell_efficiency": factors.fuel_cell_efficiency,
        "load_factors": {
            category: factors.load_factors.get(category, factors.default_load_factor)
            for category in categories
        },
        "carrier_factors_kg_per_kwh": {
            carrier: {
                "fossil_direct": round(factors.carriers[carrier].fossil_kg_per_kwh, 5),
                "biogenic": round(factors.carriers[carrier].biogenic_kg_per_kwh, 5),
                "indirect": round(factors.carriers[carrier].indirect_kg_per_kwh, 5),
            }
            for carrier in carriers
        },
        "headline": "fossil CO2e, direct (tank-to-wheel); biogenic CO2 counted as zero and reported "
        "beside it; electricity and district heat indirect and never added to the direct sum",
        "shares": "by delivered energy of machines and heating (vehicles apart, by km); electric "
        "drivetrains need about a third of the delivered energy of diesel for the same work, so "
        "energy shares understate zero-emission work; machine-hour shares are given beside them",
    }
