"""The closed vocabularies of the tender format: energy carriers, classes, stages, categories."""

FOSSIL = "fossil"
FOSSIL_FREE = "fossil_free"
ZERO_EMISSION = "zero_emission"
CARRIER_CLASSES = (FOSSIL, FOSSIL_FREE, ZERO_EMISSION)

# One enum for machines, vehicles and heating. Biogas is fossil-free; rules that count it
# with zero-emission (as Oslo's indicators do) say so in a parameter.
CARRIER_CLASS = {
    "diesel": FOSSIL,
    "hvo100": FOSSIL_FREE,
    "biodiesel_fame": FOSSIL_FREE,
    "biogas": FOSSIL_FREE,
    "natural_gas": FOSSIL,
    "petrol": FOSSIL,
    # Alkylate petrol is a cleaner fossil petrol (fewer aromatics), not a biofuel.
    "alkylate_petrol": FOSSIL,
    "propane": FOSSIL,
    "heating_oil": FOSSIL,
    "battery_electric": ZERO_EMISSION,
    "grid_electric": ZERO_EMISSION,
    "hydrogen_fuel_cell": ZERO_EMISSION,
    # DFØ («elektriske, batteridrevne eller hydrogendrevne») and Oslo («elektriske eller
    # hydrogendrevne») count hydrogen-powered machines as zero-emission, fuel cell or engine alike.
    # A buyer who accepts fuel cells only says so in the rule's `zero_emission_hydrogen` parameter.
    "hydrogen_combustion": ZERO_EMISSION,
    # A plug-in hybrid still burns fuel on site; its class depends on that fuel, which the
    # tender states through fuel_id. Without it we assume the conservative case.
    "plugin_hybrid": FOSSIL,
    "district_heat": ZERO_EMISSION,
    "heat_pump": ZERO_EMISSION,
    "bio_pellets": FOSSIL_FREE,
}
ENERGY_CARRIERS = tuple(CARRIER_CLASS)

# Carriers with a combustion engine on site: these have an emission stage / Euro class.
COMBUSTION_CARRIERS = frozenset(
    {
        "diesel",
        "hvo100",
        "biodiesel_fame",
        "biogas",
        "natural_gas",
        "petrol",
        "alkylate_petrol",
        "propane",
        "heating_oil",
        "hydrogen_combustion",
        "plugin_hybrid",
        "bio_pellets",
    }
)
ZERO_EMISSION_CARRIERS = frozenset(c for c, cls in CARRIER_CLASS.items() if cls == ZERO_EMISSION)
# Carriers that run on electricity, from the grid or (charged_from) an on-site generator.
ELECTRIC_CARRIERS = frozenset({"battery_electric", "grid_electric"})
# Carriers that burn no declared fuel, so a fuel_id cannot name one for them.
NO_FUEL_CARRIERS = frozenset(
    {"battery_electric", "grid_electric", "hydrogen_fuel_cell", "district_heat", "heat_pump"}
)
# Liquid fuels a plug-in hybrid may burn.
LIQUID_PRODUCTS = frozenset({"hvo100", "biodiesel_fame", "diesel"})
BIOFUEL_CARRIERS = frozenset({"hvo100", "biodiesel_fame", "biogas", "bio_pellets"})

EMISSION_STAGES = ("I", "II", "IIIA", "IIIB", "IV", "V")
STAGE_RANK = {stage: rank for rank, stage in enumerate(EMISSION_STAGES)}
EURO_CLASSES = ("I", "II", "III", "IV", "V", "VI")
EURO_RANK = {euro: rank for rank, euro in enumerate(EURO_CLASSES)}

LEVELS = ("basis", "advanced", "spearhead")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

RULE_KINDS = ("requirement", "award", "contract", "qualification", "procedure")
# Every kind but award can reject: award rules score, the others must hold.
BLOCKING_KINDS = frozenset({"requirement", "contract", "qualification", "procedure"})

MACHINE_CATEGORIES = (
    "excavator",
    "wheel_loader",
    "dumper",
    "articulated_hauler",
    "bulldozer",
    "grader",
    "compactor",
    "paver",
    "drill_rig",
    "crane_tower",
    "crane_mobile",
    "telehandler",
    "aerial_lift",
    "concrete_pump",
    "generator",
    "pump",
    "compressor",
    "heater",
    "other",
)
VEHICLE_PURPOSES = ("mass_transport", "material_transport", "personnel", "other")
HEATING_PURPOSES = ("drying", "heating", "ground_thawing", "concrete_curing")
EXCEPTION_GROUNDS = ("not_available", "grid_capacity", "sporadic_use")
FEEDSTOCKS = (
    "used_cooking_oil",
    "animal_fat",
    "tall_oil",
    "forestry_residue",
    "manure",
    "food_waste",
    "sewage_sludge",
    "rapeseed",
    "soy",
    "palm_oil",
    "pfad",
    "other",
)
FUEL_PRODUCTS = ("hvo100", "biodiesel_fame", "biogas", "bio_pellets", "diesel", "other")
