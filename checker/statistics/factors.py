"""The emission factors behind each CO2e figure: value, unit, scope, source and file version.

Factors are read only through checker.assessment.emissions (load_factors gives a Factors with
the per-kWh figures the arithmetic uses and the file as written); this module only describes
them for a reader. A factor file's structure may grow: anything it does not state is None.
"""

from checker.assessment.emissions import Factors

# The three kinds of emission the statistics keep apart and never add together.
EMISSIONS = ("fossil_direct", "biogenic_co2", "indirect")
# The key of each kind in the factor file, and the measure it fills in the statistics.
FILE_KEY = {"fossil_direct": "fossil", "biogenic_co2": "biogenic", "indirect": "indirect"}
MEASURE = {
    "fossil_direct": "fossil_co2e_kg",
    "biogenic_co2": "biogenic_co2_kg",
    "indirect": "indirect_co2e_kg",
}


def file_reference(factors: Factors) -> dict:
    """Which factor file: id, version and the SHA-256 of its bytes."""
    return factors.reference()


def _entry(carriers: dict, carrier: str) -> dict:
    entry = carriers.get(carrier) or {}
    seen = {carrier}
    while "same_as" in entry and entry["same_as"] not in seen:  # plugin_hybrid: same_as diesel
        seen.add(entry["same_as"])
        entry = carriers.get(entry["same_as"]) or {}
    return entry


def _per_kwh(factors: Factors, carrier: str, emission: str) -> float:
    figures = factors.carriers[carrier]
    return {
        "fossil_direct": figures.fossil_kg_per_kwh,
        "biogenic_co2": figures.biogenic_kg_per_kwh,
        "indirect": figures.indirect_kg_per_kwh,
    }[emission]


def _source(document: dict, key) -> dict | None:
    if key is None:
        return None
    known = (document.get("sources") or {}).get(key) or {}
    return {
        "id": key,
        "name": known.get("name"),
        "url": known.get("url"),
        "date": known.get("date"),
    }


def describe(factors: Factors, carrier: str, emission: str) -> dict | None:
    """The factor of one carrier and emission kind as the file gives it; None when it has none.

    per_kwh is what the arithmetic multiplies delivered kWh by; value and unit are the file's
    own (kg CO2/L for diesel), so a reader can redo litres x factor.
    """
    if carrier not in factors.carriers:
        return None
    per_kwh = _per_kwh(factors, carrier, emission)
    document = factors.document or {}
    written = _entry(document.get("carriers") or {}, carrier).get(FILE_KEY[emission]) or {}
    if not written and not per_kwh:
        return None
    return {
        "value": written.get("value", per_kwh),
        "unit": written.get("unit", "kg CO2e/kWh"),
        "per_kwh": per_kwh,
        "scope": written.get("scope"),
        "year": written.get("year"),
        "tag": written.get("tag"),
        "source": _source(document, written.get("source")),
        "factors": factors.reference(),
    }


def factor_table(factors: Factors, carriers) -> dict[str, dict[str, dict]]:
    """{carrier: {emission: description}} for the given carriers: what a report lists."""
    table = {}
    for carrier in sorted(carriers):
        described = {e: describe(factors, carrier, e) for e in EMISSIONS}
        table[carrier] = {e: d for e, d in described.items() if d is not None}
    return table


def per_litre(description: dict) -> bool:
    """Whether the file gives this factor per litre (then it applies to litres, else to kWh)."""
    return str(description["unit"]).endswith("/L")
