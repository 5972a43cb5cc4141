"""The statistics in a long, tidy format: CSV (streamed), XLSX and JSON, with a column dictionary.

One row per organisation, project, basis, year, month, source, energy carrier and measure: an
activity row holds a quantity and its unit (litres, kWh, hours, km, ...); an emission row holds
the quantity its factor applies to, the factor (value, unit, scope, source, factor file) and
the CO2e it gives. Sum `quantity` over rows without an emission for activity, and `co2e_kg`
over the rows of one emission kind: fossil, biogenic and indirect are never added together.
"""

import csv
import io
import json
from collections.abc import Iterable
from collections.abc import Iterator

from checker.intake.template import neutralise
from checker.statistics.cells import carrier_class
from checker.statistics.factors import EMISSIONS
from checker.statistics.factors import MEASURE
from checker.statistics.factors import per_litre

# measure in the export: (the cells' measure, unit)
ACTIVITY = {
    "fuel": ("litres", "L"),
    "energy": ("kwh", "kWh"),
    "energy_estimated_from_hours": ("estimated_kwh", "kWh"),
    "operating_hours": ("hours", "h"),
    "distance": ("km", "km"),
    "mass_transport_distance": ("mass_transport_km", "km"),
    "sustainable_biodiesel_energy": ("sustainable_kwh", "kWh"),
    "sustainable_biodiesel_mass_transport_distance": ("sustainable_km", "km"),
    "entries": ("entries", "count"),
    "entries_missing_energy": ("missing_energy", "count"),
    "vehicles_missing_distance": ("missing_km", "count"),
}
# (column, nb, en): the column dictionary, in the order of the columns.
COLUMNS = (
    ("organisation", "Oppdragsgiver (organisasjonens navn)", "Buyer (the organisation's name)"),
    ("organisation_number", "Oppdragsgivers organisasjonsnummer", "Buyer's organisation number"),
    ("project", "Prosjekt: anskaffelsens saksreferanse", "Project: the procurement's reference"),
    ("project_number", "Oppdragsgivers prosjektnummer", "The buyer's project number"),
    ("kostra_function", "KOSTRA-funksjon (tre sifre)", "KOSTRA function (three digits)"),
    (
        "basis",
        "planned: tildelt tilbud (fordelt på kontraktens dager); actual: godkjente perioderapporter",
        "planned: the awarded tender (spread over the contract's days); actual: accepted period reports",
    ),
    ("year", "År", "Year"),
    (
        "month",
        "Måned (1–12); en periode over to måneder er delt etter dager",
        "Month (1–12); a period spanning two months is split by days",
    ),
    (
        "source",
        "Utslippskilde: machinery (anleggsmaskiner), heating (oppvarming og byggtørk), "
        "transport (transport på byggeplassen)",
        "Emission source: machinery (construction machinery), heating (heating and drying), "
        "transport (transport on site)",
    ),
    ("energy_carrier", "Energibærer (kode)", "Energy carrier (code)"),
    (
        "carrier_class",
        "fossil, fossil_free eller zero_emission",
        "fossil, fossil_free or zero_emission",
    ),
    ("measure", "Hva quantity er (se målene under)", "What quantity is (see the measures below)"),
    ("quantity", "Mengden, i unit", "The amount, in unit"),
    ("unit", "L, kWh, h, km eller count", "L, kWh, h, km or count"),
    (
        "emission",
        "Tom for aktivitetsdata; ellers fossil_direct (fossilt CO2e, direkte), biogenic_co2 "
        "(biogent CO2, regnes som null) eller indirect (strøm og fjernvarme)",
        "Empty for activity data; else fossil_direct (fossil CO2e, direct), biogenic_co2 "
        "(biogenic CO2, counted as zero) or indirect (electricity and district heat)",
    ),
    ("factor", "Utslippsfaktoren, i factor_unit", "The emission factor, in factor_unit"),
    ("factor_unit", "Faktorens enhet, f.eks. kg CO2/L", "The factor's unit, e.g. kg CO2/L"),
    (
        "factor_scope",
        "Faktorens omfang, f.eks. tank-to-wheel",
        "The factor's scope, e.g. tank-to-wheel",
    ),
    ("factor_source", "Kilden faktoren er hentet fra", "Where the factor comes from"),
    ("factor_file", "Faktorfilens id og versjon", "The factor file's id and version"),
    ("factor_file_sha256", "SHA-256 av faktorfilen", "SHA-256 of the factor file"),
    ("co2e_kg", "quantity × factor, kg", "quantity × factor, kg"),
)
COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)
MEASURE_TEXTS = {
    "fuel": ("Drivstoff, liter (oppgitt eller beregnet)", "Fuel, litres (declared or estimated)"),
    "energy": ("Levert energi, kWh", "Delivered energy, kWh"),
    "energy_estimated_from_hours": (
        "Del av energien beregnet fra driftstimer (ikke oppgitt)",
        "Part of the energy estimated from operating hours (not declared)",
    ),
    "operating_hours": ("Maskiners driftstimer", "Machine operating hours"),
    "distance": ("Kjøretøyers kjørte km", "Vehicle km driven"),
    "mass_transport_distance": ("Km med massetransport", "Mass-transport km"),
    "sustainable_biodiesel_energy": (
        "Energi fra bærekraftig biodiesel (drivstoffet besto regelsettets drivstoffregler)",
        "Energy from sustainable biodiesel (the fuel passed the rule set's fuel rules)",
    ),
    "sustainable_biodiesel_mass_transport_distance": (
        "Massetransport-km på bærekraftig biodiesel",
        "Mass-transport km on sustainable biodiesel",
    ),
    "entries": (
        "Oppføringer talt (maskiner, kjøretøy, varmekilder)",
        "Entries counted (machines, vehicles, heaters)",
    ),
    "entries_missing_energy": ("Oppføringer uten kjent energi", "Entries whose energy is unknown"),
    "vehicles_missing_distance": ("Kjøretøy uten kjente km", "Vehicles whose km is unknown"),
}
DIMENSIONS = (
    "organisation",
    "organisation_number",
    "project",
    "project_number",
    "kostra_function",
    "basis",
    "year",
    "month",
    "source",
    "energy_carrier",
)


def _amount(value: float) -> float:
    return round(value, 3)


def _per_kwh_unit(described: dict) -> str:
    unit = str(described["unit"])
    return unit if unit.endswith("/kWh") else unit.rsplit("/", 1)[0] + "/kWh"


def _emissions(table: dict, reference: dict) -> list[tuple]:
    """For one carrier and factor file: (emission, measure, by litre, the columns from
    `emission` to `factor_file_sha256`) for each emission kind the file gives a factor for."""
    found = []
    for emission in EMISSIONS:
        described = table.get(emission)
        if described is None:
            continue
        source = described.get("source") or {}
        tail = (described.get("scope"), source.get("name") or source.get("id"),
                f"{reference['id']} {reference['version']}", reference["sha256"])  # fmt: skip
        by_litre = per_litre(described)
        found.append((MEASURE[emission], by_litre,
                      (emission, described["value"], described["unit"], *tail),
                      (emission, described["per_kwh"], _per_kwh_unit(described), *tail)))  # fmt: skip
    return found


USER_TEXT = ("organisation", "project", "project_number", "kostra_function")
ACTIVITY_ITEMS = tuple((measure, field, unit) for measure, (field, unit) in ACTIVITY.items())
NO_EMISSION = (None,) * 8


def tidy_tuples(cells: Iterable, factor_tables: dict) -> Iterator[tuple]:
    """The long rows of project cells as tuples in COLUMN_NAMES order.

    A cell maps DIMENSIONS, `factor_file` (a key of factor_tables) and the measures;
    factor_tables maps that key to {"reference": {id, version, sha256}, "carriers": {carrier:
    {emission: description}}}. Text a user typed (names, references, project numbers) that a
    spreadsheet would run as a formula gets a leading apostrophe; codes and numbers are the
    program's own.
    """
    described: dict[tuple, list] = {}
    for cell in cells:
        carrier = cell["energy_carrier"]
        head = tuple(
            neutralise(cell[name]) if name in USER_TEXT else cell[name] for name in DIMENSIONS
        ) + (carrier_class(carrier),)
        for measure, field, unit in ACTIVITY_ITEMS:
            if cell[field]:
                yield (*head, measure, _amount(cell[field]), unit, *NO_EMISSION)
        if not cell["kwh"]:
            continue
        key = (cell["factor_file"], carrier)
        if key not in described:
            factors = factor_tables[key[0]]
            described[key] = _emissions(factors["carriers"].get(carrier, {}), factors["reference"])
        for co2e_field, by_litre, per_litre_columns, per_kwh_columns in described[key]:
            co2e = _amount(cell[co2e_field])
            if by_litre and cell["litres"]:
                yield (*head, "fuel", _amount(cell["litres"]), "L", *per_litre_columns, co2e)
            else:
                yield (*head, "energy", _amount(cell["kwh"]), "kWh", *per_kwh_columns, co2e)


def tidy_rows(cells: Iterable, factor_tables: dict) -> Iterator[dict]:
    """The same rows as dicts by column name (see tidy_tuples)."""
    for row in tidy_tuples(cells, factor_tables):
        yield dict(zip(COLUMN_NAMES, row, strict=True))


def csv_lines(rows: Iterable[tuple], batch: int = 1000) -> Iterator[str]:
    """The header, then the rows (tidy_tuples) as CSV text a batch at a time: a generator, so
    memory stays flat. Empty values are empty fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    pending = []
    for row in rows:
        pending.append(row)
        if len(pending) == batch:
            writer.writerows(pending)
            pending.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(pending)
    yield buffer.getvalue()


def column_dictionary(lang: str) -> list[tuple[str, str]]:
    """(column, meaning) in nb or en, then (measure, meaning) for each measure."""
    index = 2 if lang == "en" else 1
    columns = [(entry[0], entry[index]) for entry in COLUMNS]
    measures = [(name, texts[index - 1]) for name, texts in MEASURE_TEXTS.items()]
    return columns + [("", "")] + [(f"measure = {name}", text) for name, text in measures]


SHEETS = {"nb": ("Statistikk", "Kolonner"), "en": ("Statistics", "Columns")}


# A worksheet holds 1,048,576 rows: a longer export continues on further sheets.
SHEET_ROWS = 1_000_000


def write_xlsx(rows: Iterable[dict], target, lang: str = "nb") -> None:
    """A workbook: the rows (written row by row, a million to a sheet), then the column
    dictionary on a sheet of its own."""
    from openpyxl import Workbook  # loaded only for an XLSX export

    book = Workbook(write_only=True)
    title, dictionary_title = SHEETS[lang]
    sheet, written, sheets = None, SHEET_ROWS, 0
    for row in rows:
        if written == SHEET_ROWS:
            sheets += 1
            sheet = book.create_sheet(title if sheets == 1 else f"{title} {sheets}")
            sheet.append(list(COLUMN_NAMES))
            written = 0
        sheet.append([row[name] for name in COLUMN_NAMES])
        written += 1
    if sheet is None:
        book.create_sheet(title).append(list(COLUMN_NAMES))
    dictionary = book.create_sheet(dictionary_title)
    for name, meaning in column_dictionary(lang):
        dictionary.append([name, meaning])
    book.save(target)


def json_chunks(statistics: dict, rows: Iterable[dict], batch: int = 1000) -> Iterator[str]:
    """The year's statistics (climate-statistics/1) with its tidy rows, as JSON text in pieces:
    the rows are written as they come, so memory stays flat."""
    head = json.dumps(statistics | {"rows": []}, ensure_ascii=False, indent=1)
    opening, closing = head.rsplit('"rows": []', 1)
    yield opening + '"rows": ['
    pending, first = [], True
    for row in rows:
        pending.append(json.dumps(row, ensure_ascii=False))
        if len(pending) == batch:
            yield ("" if first else ",") + "\n  " + ",\n  ".join(pending)
            pending, first = [], False
    if pending:
        yield ("" if first else ",") + "\n  " + ",\n  ".join(pending)
    yield "\n ]" + closing
