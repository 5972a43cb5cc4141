"""The messages of check type `energy_carrier` (findings and advice), in the core's catalogue."""

from checker.formats.messages import define

MESSAGES = define(
    {
        "energy_carrier.runs_charged_from_generator": (
            (
                "{id} runs on {c} charged from generator {g} ({gc}): counted as {cls}; allowed: "
                "{allowed}"
            ),
            "{id} går på {c} ladet fra aggregat {g} ({gc}): regnes som {cls}; tillatt: {allowed}",
            (
                "{id} går på {c} lada frå aggregat {g} ({gc}): blir rekna som {cls}; tillate: "
                "{allowed}"
            ),
        ),
        "energy_carrier.runs_allowed": (
            "{id} runs on {carrier}; allowed: {allowed}",
            "{id} går på {carrier}; tillatt: {allowed}",
            "{id} går på {carrier}; tillate: {allowed}",
        ),
        "energy_carrier.carrier_missing": ("{f} is missing", "{f} mangler", "{f} manglar"),
        "energy_carrier.electric_vehicle": (
            "an electric vehicle",
            "et elektrisk kjøretøy",
            "eit elektrisk køyretøy",
        ),
        "energy_carrier.electric_machine_battery_cable": (
            "an electric machine (battery or cable)",
            "en elektrisk maskin (batteri eller kabel)",
            "ei elektrisk maskin (batteri eller kabel)",
        ),
        "energy_carrier.biogas_vehicle": (
            "a biogas vehicle",
            "et biogasskjøretøy",
            "eit biogasskøyretøy",
        ),
        "energy_carrier.biogas_machine": (
            "a biogas machine",
            "en biogassmaskin",
            "ei biogassmaskin",
        ),
        "energy_carrier.heat_district_heat_electricity": (
            "Heat {id} with district heat, electricity or a heat pump instead of {c}.",
            "Varm opp {id} med fjernvarme, strøm eller varmepumpe i stedet for {c}.",
            "Varm opp {id} med fjernvarme, straum eller varmepumpe i staden for {c}.",
        ),
        "energy_carrier.allowed_energy_carrier": (
            "an allowed energy carrier",
            "en tillatt energibærer",
            "ein tillaten energiberar",
        ),
        "energy_carrier.use_instead": (
            "Use {o} for {id} instead of {c}",
            "Bruk {o} for {id} i stedet for {c}",
            "Bruk {o} for {id} i staden for {c}",
        ),
        "energy_carrier.only_if_neither_available": (
            (
                "; only if neither is available, HVO100 from waste feedstock (used cooking oil, "
                "animal fat, tall oil)"
            ),
            (
                "; bare om ingen av dem finnes, HVO100 fra avfallsråstoff (brukt frityrolje, animalsk"
                " fett, tallolje)"
            ),
            (
                "; berre om ingen av dei finst, HVO100 frå avfallsråstoff (brukt frityrolje, animalsk"
                " feitt, tallolje)"
            ),
        ),
        "energy_carrier.ask_exception_evidence_needs": (
            ", or ask for an exception ({g}) with the evidence it needs",
            ", eller søk om unntak ({g}) med dokumentasjonen det krever",
            ", eller søk om unntak ({g}) med dokumentasjonen det krev",
        ),
        "energy_carrier.approved_exception_must_run": (
            "; with an approved exception it must run on {f}",
            "; med godkjent unntak må den gå på {f}",
            "; med godkjent unntak må ho gå på {f}",
        ),
        "energy_carrier.replace": ("{parts}.", "{parts}.", "{parts}."),
        "energy_carrier.charge_from_grid_site": (
            (
                "Charge {id} from the grid (site power) instead of generator {g}, or run {g} on zero-"
                "emission energy; if the grid owner cannot deliver enough power, ask for a grid-"
                "capacity exception with the grid owner's statement."
            ),
            (
                "Lad {id} fra nettet (byggestrøm) i stedet for aggregat {g}, eller la {g} gå på "
                "utslippsfri energi; kan ikke nettselskapet levere nok effekt, søk om unntak for "
                "nettkapasitet med nettselskapets erklæring."
            ),
            (
                "Lad {id} frå nettet (byggjestraum) i staden for aggregat {g}, eller la {g} gå på "
                "utsleppsfri energi; kan ikkje nettselskapet levere nok effekt, søk om unntak for "
                "nettkapasitet med fråsegna frå nettselskapet."
            ),
        ),
    }
)
