"""Names of the tender format's codes in Norwegian bokmål, Norwegian nynorsk and English.

The template's drop-down lists carry the codes (they are what the tender format stores); forms
show these names beside them, the instruction sheet explains them, and an uploaded cell may give
the name instead of the code.
"""

NAMES = {
    # Machine categories
    "excavator": ("gravemaskin", "excavator"),
    "wheel_loader": ("hjullaster", "wheel loader"),
    "dumper": ("dumper", "dumper"),
    "articulated_hauler": ("rammestyrt dumper", "articulated hauler"),
    "bulldozer": ("bulldoser", "bulldozer"),
    "grader": ("veihøvel", "grader"),
    "compactor": ("vals/komprimator", "compactor"),
    "paver": ("asfaltutlegger", "paver"),
    "drill_rig": ("borerigg", "drill rig"),
    "crane_tower": ("tårnkran", "tower crane"),
    "crane_mobile": ("mobilkran", "mobile crane"),
    "telehandler": ("teleskoptruck", "telehandler"),
    "aerial_lift": ("lift", "aerial lift"),
    "concrete_pump": ("betongpumpe", "concrete pump"),
    "generator": ("aggregat", "generator"),
    "pump": ("pumpe", "pump"),
    "compressor": ("kompressor", "compressor"),
    "heater": ("varmeaggregat", "heater"),
    "other": ("annet", "other"),
    # Energy carriers
    "diesel": ("diesel (fossil)", "diesel (fossil)"),
    "hvo100": ("HVO100", "HVO100"),
    "biodiesel_fame": ("biodiesel (FAME)", "biodiesel (FAME)"),
    "biogas": ("biogass", "biogas"),
    "natural_gas": ("naturgass", "natural gas"),
    "petrol": ("bensin", "petrol"),
    "alkylate_petrol": ("alkylatbensin", "alkylate petrol"),
    "propane": ("propan", "propane"),
    "heating_oil": ("fyringsolje", "heating oil"),
    "battery_electric": ("batterielektrisk", "battery electric"),
    "grid_electric": ("kabelelektrisk (nett)", "grid electric (cable)"),
    "hydrogen_fuel_cell": ("hydrogen, brenselcelle", "hydrogen fuel cell"),
    "hydrogen_combustion": ("hydrogen, forbrenning", "hydrogen combustion"),
    "plugin_hybrid": ("ladbar hybrid", "plug-in hybrid"),
    "district_heat": ("fjernvarme", "district heat"),
    "heat_pump": ("varmepumpe", "heat pump"),
    "bio_pellets": ("biopellets", "bio pellets"),
    # Vehicle and heating purposes
    "mass_transport": ("massetransport", "mass transport"),
    "material_transport": ("materialtransport", "material transport"),
    "personnel": ("persontransport", "personnel"),
    "drying": ("uttørking", "drying"),
    "heating": ("oppvarming", "heating"),
    "ground_thawing": ("tining av grunn", "ground thawing"),
    "concrete_curing": ("herding av betong", "concrete curing"),
    # Fuels and feedstocks
    "used_cooking_oil": ("brukt frityrolje", "used cooking oil"),
    "animal_fat": ("animalsk fett", "animal fat"),
    "tall_oil": ("tallolje", "tall oil"),
    "forestry_residue": ("skogsavfall", "forestry residue"),
    "manure": ("husdyrgjødsel", "manure"),
    "food_waste": ("matavfall", "food waste"),
    "sewage_sludge": ("avløpsslam", "sewage sludge"),
    "rapeseed": ("raps", "rapeseed"),
    "soy": ("soya", "soy"),
    "palm_oil": ("palmeolje", "palm oil"),
    "pfad": ("PFAD (palmefettsyredestillat)", "PFAD (palm fatty acid distillate)"),
    # Where electricity comes from (charged_from)
    "grid": ("nettet (byggestrøm)", "the grid (site power)"),
    # Exception grounds
    "not_available": ("ikke tilgjengelig i markedet", "not available on the market"),
    "grid_capacity": ("for lav nettkapasitet", "grid capacity too low"),
    "sporadic_use": ("sporadisk bruk", "sporadic use"),
    # A procurement's exception from FOA § 7-9 (the grounds the officer names on its form)
    "specification_instead": (
        "klimakrav i kravspesifikasjonen i stedet (§ 7-9 (4))",
        "climate requirements in the specification instead (§ 7-9 (4))",
    ),
    "insignificant_footprint": (
        "ubetydelig klimaavtrykk (§ 7-9 (5))",
        "insignificant climate footprint (§ 7-9 (5))",
    ),
    # Energy carrier classes
    "fossil": ("fossil", "fossil"),
    "fossil_free": ("fossilfri", "fossil-free"),
    "zero_emission": ("utslippsfri", "zero-emission"),
}
# Nynorsk where it differs from bokmål (every other name is written the same in both).
NYNORSK = {
    "other": "anna",
    "grader": "veghøvel",
    "animal_fat": "animalsk feitt",
    "grid": "nettet (byggjestraum)",
    "not_available": "ikkje tilgjengeleg i marknaden",
    "grid_capacity": "for låg nettkapasitet",
    "specification_instead": "klimakrav i kravspesifikasjonen i staden (§ 7-9 (4))",
    "insignificant_footprint": "ubetydeleg klimaavtrykk (§ 7-9 (5))",
    "zero_emission": "utsleppsfri",
    "forestry_residue": "skogsavfall",
}


# Rule-set levels: never typed in a tender, but named on pages and in reports.
NAMES |= {
    "basis": ("basis", "basis"),
    "advanced": ("avansert", "advanced"),
    "spearhead": ("spydspiss", "spearhead"),
}
NYNORSK |= {
    "personnel": "persontransport",
    "drying": "uttørking",
    "ground_thawing": "tining av grunn",
    "sporadic_use": "sporadisk bruk",
    "rapeseed": "raps",
}


def name_of(code: str, lang: str) -> str:
    """A code's name in the language; codes without one (stages) are their own name."""
    names = NAMES.get(code)
    if names is None:
        return code
    if lang == "nn":
        return NYNORSK.get(code, names[0])
    return names[0 if lang == "nb" else 1]


def code_for_name(text: str, choices: tuple) -> str | None:
    """The code among choices whose Norwegian or English name the text is (any case)."""
    wanted = text.strip().casefold()
    for code in choices:
        names = (*NAMES.get(code, ()), NYNORSK.get(code, ""))
        if any(wanted == name.casefold() for name in names if name):
            return code
    return None
