"""The unit of the statistics: a cell of figures for one basis, month, source and energy carrier.

A cell's key is (basis, year, month, source, energy_carrier); its figures are the MEASURES,
plain floats that add up. Fossil, biogenic and indirect emissions stay in separate measures
and are never added together.
"""

from collections.abc import Iterable

from checker.formats.vocabulary import CARRIER_CLASS

BASES = ("planned", "actual")
# Where the energy was used, as a climate budget splits it (NS 3720 A5, inside the site fence).
SOURCES = ("machinery", "heating", "transport")
SOURCE_OF_LIST = {"machines": "machinery", "heating": "heating", "vehicles": "transport"}
SITE_SOURCES = frozenset({"machinery", "heating"})  # the energy of construction work
MEASURES = (
    "litres",  # fuel of the carrier (liquid fuels), declared or estimated
    "kwh",  # delivered energy
    "hours",  # machine operating hours
    "km",  # vehicle km
    "fossil_co2e_kg",  # direct (tank-to-wheel) fossil CO2e: the headline
    "biogenic_co2_kg",  # biogenic CO2, counted as zero and shown beside it
    "indirect_co2e_kg",  # electricity and district heat, never added to the direct sum
    "sustainable_kwh",  # machines and heating on biodiesel whose fuel the fuel rules passed
    "estimated_kwh",  # part of kwh estimated from operating hours (nothing declared)
    "mass_transport_km",  # km of vehicles whose purpose is mass (and waste) transport
    "sustainable_km",  # of those, km on biodiesel whose fuel the fuel rules passed
    "entries",  # entries counted (an entry of a period spanning two months counts in each)
    "missing_energy",  # entries whose energy is unknown (no litres or kWh, no estimate)
    "missing_km",  # vehicles whose km is unknown
)
Key = tuple[str, int, int, str, str]  # basis, year, month, source, energy_carrier
Cells = dict[Key, dict[str, float]]


def zero() -> dict[str, float]:
    return dict.fromkeys(MEASURES, 0.0)


def add_into(total: dict[str, float], figures: dict[str, float], share: float = 1.0) -> None:
    for measure in MEASURES:
        total[measure] += figures[measure] * share


def merge(*many: Cells) -> Cells:
    """Cells added up key by key."""
    merged: Cells = {}
    for cells in many:
        for key, figures in cells.items():
            add_into(merged.setdefault(key, zero()), figures)
    return merged


def group(cells: Iterable[tuple[tuple, dict]], key) -> dict:
    """Sum figures under key(cell_key): e.g. by year and source."""
    grouped: dict = {}
    for cell_key, figures in cells:
        add_into(grouped.setdefault(key(cell_key), zero()), figures)
    return grouped


def carrier_class(carrier: str) -> str:
    return CARRIER_CLASS[carrier]
