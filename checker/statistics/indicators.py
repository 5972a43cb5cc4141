"""Oslo kommune's climate-budget indicators for construction, with numerator and denominator.

Oslo's climate budget (Klimabudsjett 2024, "Rapportering": reported three times a year) measures
its requirements on the municipality's contracts by four result indicators:

- measure 16 (zero-emission construction work): the share of energy use that is zero-emission,
  biogas included, and the share on sustainable biodiesel: here of the energy delivered to the
  machines and the heating and drying on site;
- measure 14 (zero-emission lorries for mass and waste transport): the share of km driven that is
  zero-emission, biogas included, and the share on sustainable biodiesel: here of the km of
  vehicles whose purpose is mass transport.

Beside them: the strictly zero-emission shares (biogas not counted), fossil litres and fossil
CO2e (direct), and biogenic and indirect emissions, never added to the fossil figure.
"""

from collections.abc import Iterable

from checker.formats.vocabulary import ZERO_EMISSION
from checker.statistics.activity import is_fossil_liquid
from checker.statistics.cells import SITE_SOURCES
from checker.statistics.cells import carrier_class

SOURCE_URL = "https://www.klimaoslo.no/rapport/klimabudsjett-2024-oslo/rapportering/"
BIOGAS = "biogas"
# id: (Oslo's measure, what is counted over what, unit of the numbers, the source)
SHARES = {
    "zero_emission_incl_biogas_share": ("16", "zero-emission and biogas kWh / site kWh", "kWh"),
    "sustainable_biodiesel_share": ("16", "sustainable-biodiesel kWh / site kWh", "kWh"),
    "mass_transport_zero_emission_incl_biogas_share_km": (
        "14",
        "zero-emission and biogas mass-transport km / mass-transport km",
        "km",
    ),
    "mass_transport_sustainable_biodiesel_share_km": (
        "14",
        "sustainable-biodiesel mass-transport km / mass-transport km",
        "km",
    ),
    "zero_emission_share": (None, "zero-emission kWh / site kWh (biogas not counted)", "kWh"),
    "mass_transport_zero_emission_share_km": (
        None,
        "zero-emission mass-transport km / mass-transport km (biogas not counted)",
        "km",
    ),
}
TOTALS = ("fossil_litres", "fossil_co2e_kg", "biogenic_co2_kg", "indirect_co2e_kg", "kwh")


class _Sums:
    def __init__(self):
        self.site_kwh = self.ze_kwh = self.biogas_kwh = self.sustainable_kwh = 0.0
        self.mt_km = self.mt_ze_km = self.mt_biogas_km = self.mt_sustainable_km = 0.0
        self.totals = dict.fromkeys(TOTALS, 0.0)
        self.missing_energy = self.missing_km = 0.0

    def add(self, source: str, carrier: str, figures: dict) -> None:
        zero_emission = carrier_class(carrier) == ZERO_EMISSION
        if source in SITE_SOURCES:
            self.site_kwh += figures["kwh"]
            self.ze_kwh += figures["kwh"] if zero_emission else 0.0
            self.biogas_kwh += figures["kwh"] if carrier == BIOGAS else 0.0
            self.sustainable_kwh += figures["sustainable_kwh"]
        self.mt_km += figures["mass_transport_km"]
        self.mt_ze_km += figures["mass_transport_km"] if zero_emission else 0.0
        self.mt_biogas_km += figures["mass_transport_km"] if carrier == BIOGAS else 0.0
        self.mt_sustainable_km += figures["sustainable_km"]
        if is_fossil_liquid(carrier):
            self.totals["fossil_litres"] += figures["litres"]
        for measure in TOTALS[1:]:
            self.totals[measure] += figures[measure]
        self.missing_energy += figures["missing_energy"]
        self.missing_km += figures["missing_km"]


def _share(numerator: float, denominator: float) -> dict:
    """A share with what it is made of; None (not 0) when there is nothing to divide by."""
    return {
        "value": numerator / denominator if denominator else None,
        "numerator": numerator,
        "denominator": denominator,
    }


def indicators(cells: Iterable[tuple[tuple, dict]]) -> dict:
    """The indicators over the given cells ((basis, year, month, source, carrier), figures).

    The caller chooses the cells (one basis, one year or the months to date, one project...);
    `missing` counts the entries whose energy or km is unknown, which no share includes.
    """
    sums = _Sums()
    for key, figures in cells:
        sums.add(key[3], key[4], figures)
    shares = {
        "zero_emission_incl_biogas_share": _share(sums.ze_kwh + sums.biogas_kwh, sums.site_kwh),
        "sustainable_biodiesel_share": _share(sums.sustainable_kwh, sums.site_kwh),
        "mass_transport_zero_emission_incl_biogas_share_km": _share(
            sums.mt_ze_km + sums.mt_biogas_km, sums.mt_km
        ),
        "mass_transport_sustainable_biodiesel_share_km": _share(sums.mt_sustainable_km, sums.mt_km),
        "zero_emission_share": _share(sums.ze_kwh, sums.site_kwh),
        "mass_transport_zero_emission_share_km": _share(sums.mt_ze_km, sums.mt_km),
    }
    for name, (measure, basis, unit) in SHARES.items():
        shares[name] |= {"measure": measure, "basis": basis, "unit": unit}
    return (
        shares | sums.totals | {"missing": {"energy": sums.missing_energy, "km": sums.missing_km}}
    )
