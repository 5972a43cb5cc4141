"""The machine-list template's sheets and columns: one sheet per list of the tender format,
one column per field, with bokmål, nynorsk and English headers. Template, export and upload all read
this one table, so they cannot disagree."""

from dataclasses import dataclass

from checker.formats.vocabulary import EMISSION_STAGES
from checker.formats.vocabulary import ENERGY_CARRIERS
from checker.formats.vocabulary import EURO_CLASSES
from checker.formats.vocabulary import EXCEPTION_GROUNDS
from checker.formats.vocabulary import FEEDSTOCKS
from checker.formats.vocabulary import FUEL_PRODUCTS
from checker.formats.vocabulary import HEATING_PURPOSES
from checker.formats.vocabulary import MACHINE_CATEGORIES
from checker.formats.vocabulary import VEHICLE_PURPOSES

TEXT, NUMBER, INTEGER, BOOLEAN, CHOICE, ENQUIRIES = (
    "text",
    "number",
    "integer",
    "boolean",
    "choice",
    "enquiries",
)


@dataclass(frozen=True)
class Column:
    key: str  # the field name in climate-tender/1
    nb: str
    en: str
    type: str = TEXT
    choices: tuple = ()
    required: bool = False
    nullable_choice: bool = False  # an empty cell means null (e.g. no emission stage)

    def header(self, lang: str) -> str:
        if lang == "nn":
            return NYNORSK_HEADERS.get(self.nb, self.nb)
        return self.nb if lang == "nb" else self.en


@dataclass(frozen=True)
class Sheet:
    key: str  # the list in climate-tender/1: machines, vehicles, ...
    nb: str
    en: str
    columns: tuple[Column, ...]

    def title(self, lang: str) -> str:
        if lang == "nn":
            return NYNORSK_HEADERS.get(self.nb, self.nb)
        return self.nb if lang == "nb" else self.en

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def column_for_header(self, header: str) -> Column | None:
        return header_index(self).get(normalise_header(header))


# Nynorsk headers and sheet titles where they differ from bokmål (by the bokmål text).
NYNORSK_HEADERS = {
    "Maskiner": "Maskinar",
    "Kjøretøy": "Køyretøy",
    "Dokumenter": "Dokument",
    "Energibærer": "Energiberar",
    "Ladet fra (nett eller aggregat-ID)": "Lada frå (nett eller aggregat-ID)",
    "Utslippstrinn (EU)": "Utsleppstrinn (EU)",
    "Planlagte driftstimer": "Planlagde driftstimar",
    "Kjøretøytype": "Køyretøytype",
    "Formål": "Føremål",
    "Planlagte km": "Planlagde km",
    "Planlagt energi (kWh)": "Planlagd energi (kWh)",
    "Gjelder (ID)": "Gjeld (ID)",
    "Begrunnelse": "Grunngjeving",
    "Markedsundersøkelse": "Marknadsundersøking",
    "Nettselskap (erklæring fra)": "Nettselskap (erklæring frå)",
    "Dato for nettselskapets erklæring": "Dato for erklæringa frå nettselskapet",
    "Tilgjengelig effekt fra nettet (kW)": "Tilgjengeleg effekt frå nettet (kW)",
    "Effekt som trengs (kW)": "Effekt som trengst (kW)",
    "Innhold eller filreferanse": "Innhald eller filreferanse",
}


def _id(nb: str = "ID", en: str = "ID") -> Column:
    return Column("id", nb, en, required=True)


def _carrier() -> Column:
    return Column("energy_carrier", "Energibærer", "Energy carrier", CHOICE, ENERGY_CARRIERS)


def _fuel_id() -> Column:
    return Column("fuel_id", "Drivstoff-ID", "Fuel ID")


def _charged_from() -> Column:
    # grid (the default) or the id of an on-site generator the entry is charged from
    return Column(
        "charged_from", "Ladet fra (nett eller aggregat-ID)", "Charged from (grid or generator ID)"
    )


MACHINES = Sheet(
    "machines",
    "Maskiner",
    "Machines",
    (
        _id(),
        Column("category", "Kategori", "Category", CHOICE, MACHINE_CATEGORIES, required=True),
        Column("make", "Merke", "Make"),
        Column("model", "Modell", "Model"),
        Column("registration", "Registreringsnummer", "Registration"),
        Column("operating_weight_t", "Driftsvekt (t)", "Operating weight (t)", NUMBER),
        Column("engine_power_kw", "Motoreffekt (kW)", "Engine power (kW)", NUMBER),
        _carrier(),
        Column(
            "emission_stage",
            "Utslippstrinn (EU)",
            "Emission stage (EU)",
            CHOICE,
            EMISSION_STAGES,
            nullable_choice=True,
        ),
        Column("year", "Årsmodell", "Year of manufacture", INTEGER),
        Column("planned_hours", "Planlagte driftstimer", "Planned operating hours", NUMBER),
        Column("fuel_litres", "Drivstoff (liter)", "Fuel (litres)", NUMBER),
        Column("energy_kwh", "Energi (kWh)", "Energy (kWh)", NUMBER),
        Column("sporadic", "Sporadisk bruk", "Sporadic use", BOOLEAN),
        _fuel_id(),
        _charged_from(),
    ),
)
VEHICLES = Sheet(
    "vehicles",
    "Kjøretøy",
    "Vehicles",
    (
        _id(),
        Column("category", "Kjøretøytype", "Vehicle type"),
        Column("registration", "Registreringsnummer", "Registration"),
        Column("purpose", "Formål", "Purpose", CHOICE, VEHICLE_PURPOSES, required=True),
        Column(
            "euro_class", "Euroklasse", "Euro class", CHOICE, EURO_CLASSES, nullable_choice=True
        ),
        _carrier(),
        Column("planned_km", "Planlagte km", "Planned km", NUMBER),
        Column("fuel_litres", "Drivstoff (liter)", "Fuel (litres)", NUMBER),
        Column("energy_kwh", "Energi (kWh)", "Energy (kWh)", NUMBER),
        _fuel_id(),
        _charged_from(),
    ),
)
HEATING = Sheet(
    "heating",
    "Oppvarming",
    "Heating",
    (
        _id(),
        Column("purpose", "Formål", "Purpose", CHOICE, HEATING_PURPOSES, required=True),
        _carrier(),
        Column("planned_kwh", "Planlagt energi (kWh)", "Planned energy (kWh)", NUMBER),
        _fuel_id(),
    ),
)
FUELS = Sheet(
    "fuels",
    "Drivstoff",
    "Fuels",
    (
        _id(),
        Column("product", "Produkt", "Product", CHOICE, FUEL_PRODUCTS, required=True),
        Column("supplier", "Leverandør", "Supplier"),
        Column("feedstock", "Råstoff", "Feedstock", CHOICE, FEEDSTOCKS, nullable_choice=True),
        Column("certification", "Sertifisering", "Certification"),
        Column("standard", "Standard", "Standard"),
        Column("advanced", "Avansert biodrivstoff", "Advanced biofuel", BOOLEAN),
    ),
)
EXCEPTIONS = Sheet(
    "exceptions",
    "Unntak",
    "Exceptions",
    (
        _id(),
        Column("item", "Gjelder (ID)", "Item (ID)", required=True),
        Column("ground", "Grunnlag", "Ground", CHOICE, EXCEPTION_GROUNDS, required=True),
        Column("justification", "Begrunnelse", "Justification"),
        Column("market_check", "Markedsundersøkelse", "Market check", ENQUIRIES),
        Column("grid_owner", "Nettselskap (erklæring fra)", "Grid owner (statement by)"),
        Column(
            "grid_statement_date",
            "Dato for nettselskapets erklæring",
            "Date of the grid owner's statement",
        ),
        Column(
            "grid_available_kw",
            "Tilgjengelig effekt fra nettet (kW)",
            "Power the grid can deliver (kW)",
            NUMBER,
        ),
        Column("required_kw", "Effekt som trengs (kW)", "Power needed (kW)", NUMBER),
    ),
)
DOCUMENTS = Sheet(
    "documents",
    "Dokumenter",
    "Documents",
    (
        Column("name", "Dokument", "Document", required=True),
        Column("text", "Innhold eller filreferanse", "Content or file reference"),
    ),
)

SHEETS = (MACHINES, VEHICLES, HEATING, FUELS, EXCEPTIONS, DOCUMENTS)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
# Lists whose rows are objects with an id (documents are a mapping of name to text).
ENTRY_LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions")
BOOLEAN_WORDS = {
    "ja": True,
    "yes": True,
    "true": True,
    "sant": True,
    "x": True,
    "1": True,
    "nei": False,
    "no": False,
    "false": False,
    "usant": False,
    "0": False,
}
BOOLEAN_OUT = {"nb": ("ja", "nei"), "nn": ("ja", "nei"), "en": ("yes", "no")}


def normalise_header(text: str) -> str:
    """Headers match whatever their case and spacing: ' driftsvekt  (T) ' is 'driftsvekt (t)'."""
    return " ".join(str(text).split()).casefold()


def header_index(sheet: Sheet) -> dict[str, Column]:
    """Every accepted header of a sheet (Norwegian, English, the field name) to its column."""
    index = {}
    for column in sheet.columns:
        for name in (column.nb, column.header("nn"), column.en, column.key):
            index[normalise_header(name)] = column
    return index


def sheet_for_title(title: str) -> Sheet | None:
    wanted = normalise_header(title)
    for sheet in SHEETS:
        names = (sheet.nb, sheet.title("nn"), sheet.en, sheet.key)
        if wanted in {normalise_header(name) for name in names}:
            return sheet
    return None


def sheet_for_headers(headers: list[str]) -> Sheet | None:
    """The sheet whose columns the headers match best (for CSV files and renamed sheets)."""
    wanted = {normalise_header(header) for header in headers if header}
    scored = [(len(wanted & set(header_index(sheet))), sheet) for sheet in SHEETS]
    best, sheet = max(scored, key=lambda pair: pair[0])
    return sheet if best >= 2 else None
