"""The running sums behind an assessment's metrics, filled entry by entry. No I/O."""

from checker.formats.vocabulary import CARRIER_CLASS
from checker.formats.vocabulary import ELECTRIC_CARRIERS
from checker.formats.vocabulary import FOSSIL
from checker.formats.vocabulary import FOSSIL_FREE
from checker.formats.vocabulary import ZERO_EMISSION

FOSSIL_LIQUIDS = frozenset({"diesel", "petrol", "alkylate_petrol", "heating_oil"})


class Totals:
    """Running sums by carrier and class, and the ids of entries that could not be counted."""

    def __init__(self):
        self.by_carrier: dict[str, float] = {}
        self.by_class: dict[str, float] = {FOSSIL: 0.0, FOSSIL_FREE: 0.0, ZERO_EMISSION: 0.0}
        self.missing: list[str] = []
        self.waived: dict[str, dict] = {}

    def add(self, carrier: str, carrier_class: str, amount: float) -> None:
        self.by_carrier[carrier] = self.by_carrier.get(carrier, 0.0) + amount
        self.by_class[carrier_class] += amount

    def total(self) -> float:
        return sum(self.by_class.values())

    def shares(self, basis: str, with_waivers: bool = False) -> dict:
        """Shares by class; None when nothing was counted. `missing` says whose data is absent.

        `hydrogen_combustion` is the part of the total burnt as hydrogen (counted with
        zero-emission), so a rule that accepts fuel cells only can take it out.
        """
        total = self.total()
        block = {"basis": basis, "missing": list(self.missing)}
        if with_waivers:
            block["waived"] = self._waived_block(total)
        if not total:
            return block | {
                "zero_emission": None,
                "zero_emission_incl_biogas": None,
                "fossil_free": None,
                "hydrogen_combustion": None,
            }
        zero, biogas = self.by_class[ZERO_EMISSION], self.by_carrier.get("biogas", 0.0)
        return block | {
            "zero_emission": round(zero / total, 4),
            "zero_emission_incl_biogas": round((zero + biogas) / total, 4),
            "fossil_free": round((zero + self.by_class[FOSSIL_FREE]) / total, 4),
            "hydrogen_combustion": round(
                self.by_carrier.get("hydrogen_combustion", 0.0) / total, 4
            ),
        }

    def _waived_block(self, total: float) -> dict:
        """What approved exceptions waive: per entry its share and kWh, and the sum."""
        kwh = sum(entry["kwh"] for entry in self.waived.values())
        return {
            "kwh": round(kwh, 1),
            "share": round(kwh / total, 4) if total else None,
            "items": {
                key: dict(value, kwh=round(value["kwh"], 1))
                for key, value in sorted(self.waived.items())
            },
        }

    def as_dict(self, digits: int = 1) -> dict:
        return {
            "total": round(self.total(), digits),
            "by_carrier": {
                key: round(value, digits) for key, value in sorted(self.by_carrier.items()) if value
            },
            "by_class": {key: round(value, digits) for key, value in self.by_class.items()},
        }


class Ledger:
    """Every total the metrics report, filled entry by entry."""

    def __init__(self, factors, waivers: dict[str, dict]):
        self.factors, self.waivers = factors, waivers
        self.site, self.motive, self.hours, self.km = Totals(), Totals(), Totals(), Totals()
        self.fossil, self.mandate, self.biogenic = Totals(), Totals(), Totals()
        self.indirect, self.wtw = Totals(), Totals()
        self.wtw_missing: set[str] = set()
        self.fossil_litres = 0.0
        self.items: dict[str, dict] = {}
        self.not_estimated: list[str] = []

    def count_activity(self, kind: str, entry: dict, carrier: str | None, entry_class) -> None:
        """Machine hours and vehicle km, which need no energy estimate."""
        if kind == "heating":
            return
        field, totals = (
            ("planned_hours", self.hours) if kind == "machines" else ("planned_km", self.km)
        )
        if carrier is None or entry.get(field) is None:
            totals.missing.append(entry["id"])
        else:
            totals.add(carrier, entry_class, entry[field])

    def count_energy(
        self, kind: str, entry: dict, parts: list, generator: str | None, charged: str | None
    ) -> None:
        """One entry's energy; electricity from a generator counts in the generator's class."""
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
        by_class: dict[str, float] = {}
        for carrier, kwh, _method in parts:
            from_generator = bool(generator) and carrier in ELECTRIC_CARRIERS
            carrier_class = charged if from_generator else CARRIER_CLASS[carrier]
            for totals in bases:
                totals.add(carrier, carrier_class, kwh)
            by_class[carrier_class] = by_class.get(carrier_class, 0.0) + kwh
            fossil = 0.0 if from_generator else self._emissions(carrier, carrier_class, kwh)
            if self.factors.carriers[carrier].kwh_per_litre:
                litres = kwh / self.factors.carriers[carrier].kwh_per_litre
                figures["litres"] = round(litres, 1)
                if carrier in FOSSIL_LIQUIDS:
                    self.fossil_litres += litres
            figures["energy_kwh"] += kwh
            figures["fossil_co2e_kg"] += fossil
        self._waive(entry["id"], figures["energy_kwh"], bases)
        figures["energy_kwh"] = round(figures["energy_kwh"], 1)
        figures["fossil_co2e_kg"] = round(figures["fossil_co2e_kg"], 1)
        figures["by_class"] = {key: round(value, 1) for key, value in sorted(by_class.items())}
        if generator:
            figures["charged_from"] = generator
        self.items[entry["id"]] = figures

    def _emissions(self, carrier: str, carrier_class: str, kwh: float) -> float:
        """Add one part's CO2 to every scope's totals; the direct fossil CO2 it makes."""
        cf = self.factors.carriers[carrier]
        mandate = (
            cf.fossil_kg_per_kwh
            if cf.mandate_fossil_kg_per_kwh is None
            else cf.mandate_fossil_kg_per_kwh
        )
        self.fossil.add(carrier, carrier_class, kwh * cf.fossil_kg_per_kwh)
        self.mandate.add(carrier, carrier_class, kwh * mandate)
        self.biogenic.add(carrier, carrier_class, kwh * cf.biogenic_kg_per_kwh)
        self.indirect.add(carrier, carrier_class, kwh * cf.indirect_kg_per_kwh)
        if cf.wtw_kg_per_kwh is None:
            self.wtw_missing.add(carrier)
        else:
            self.wtw.add(carrier, carrier_class, kwh * cf.wtw_kg_per_kwh)
        return kwh * cf.fossil_kg_per_kwh

    def _waive(self, entry_id: str, kwh: float, bases: tuple) -> None:
        waiver = self.waivers.get(entry_id)
        if waiver:
            for totals in bases:
                totals.waived[entry_id] = {**waiver, "kwh": waiver["share"] * kwh}

    def _well_to_wheel(self) -> dict:
        """Life-cycle CO2e beside the direct figure; no total while a carrier has no factor."""
        block = self.wtw.as_dict()
        missing = sorted(self.wtw_missing)
        return block | {
            "scope": "well-to-wheel",
            "total": None if missing else block["total"],
            "missing_factors": missing,
        }

    def metrics(self) -> dict:
        site = self.site.shares("delivered energy (kWh): machines and heating", with_waivers=True)
        return {
            "energy_kwh": self.site.as_dict(),
            "co2e_kg": {
                "fossil_direct": self.fossil.as_dict(),
                "fossil_direct_blending_mandate": self.mandate.as_dict(),
                "biogenic_co2": self.biogenic.as_dict(),
                "indirect_electricity": self.indirect.as_dict(),
            },
            "well_to_wheel_co2e_kg": self._well_to_wheel(),
            "fossil_litres": round(self.fossil_litres, 1),
            "energy_shares": site,
            "energy_shares_machines_vehicles": self.motive.shares(
                "delivered energy (kWh): machines and vehicles", with_waivers=True
            ),
            "machine_hours": self.hours.as_dict() | {"shares": self.hours.shares("machine hours")},
            "transport_km": self.km.as_dict() | {"shares": self.km.shares("planned km, vehicles")},
            "zero_emission_share": site["zero_emission"],
            "fossil_free_share": site["fossil_free"],
            "items": self.items,
            "not_estimated": self.not_estimated,
        }
