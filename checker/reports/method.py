"""The report's "Metode og faktorer" section in bokmål, nynorsk and English.

The engine states its method in the assessment (checker.assessment.emissions.method_statement),
in English, for the data; the report writes it for a reader, with the figures the assessment
actually used (electricity per litre replaced, fuel-cell efficiency, load factors, and each
energy carrier's factors)."""

from checker.formats import display
from checker.reports.wording import code_name

PARAGRAPHS = {
    "nb": (
        "Energi: oppgitte liter eller kWh der de er gitt; ellers motoreffekt × lastfaktor × "
        "planlagte timer, deretter × spesifikt forbruk (forbrenning), som den dieselen samme "
        "arbeid ville kreve × {electric} kWh strøm per liter som erstattes (elektrisk), eller "
        "delt på virkningsgraden {efficiency} (brenselcelle). Anslag fra timer er øvre grenser. "
        "Oppvarming regnes med energien som kjøpes til hvert aggregat.",
        "Hovedtallet er fossil CO2 direkte (fra tank til hjul) med de rene faktorene, uten "
        "innblanding: omsetningskravet oppfylles som årsgjennomsnitt, ikke per levering. Biogen "
        "CO2 regnes som null og vises ved siden av. Strøm og fjernvarme er indirekte og legges "
        "aldri til den direkte summen; livsløpstall står for seg.",
        "CO2 der faktoren utelater CH4 og N2O (Miljødirektoratet: de utgjør 0,5–1,5 %), CO2e der "
        "den tar dem med. Med omsetningskravet regnes anleggsdiesel og fyringsolje som 90 % "
        "fossil (10 volumprosent avansert biodrivstoff, produktforskriften § 3-3c, fra 2023).",
        "Strøm fra et aggregat på plassen teller i klassen til aggregatets drivstoff i alle "
        "andeler; CO2 telles én gang, i aggregatets eget drivstoff.",
        "Andelene er regnet av levert energi til maskiner og oppvarming (kjøretøy for seg, etter "
        "km). Elektriske drivlinjer trenger om lag en tredjedel av energien diesel trenger til "
        "samme arbeid, så energiandeler undervurderer utslippsfritt arbeid; andeler av "
        "maskintimer står ved siden av.",
    ),
    "nn": (
        "Energi: oppgitte liter eller kWh der dei er gitt; elles motoreffekt × lastfaktor × "
        "planlagde timar, deretter × spesifikt forbruk (forbrenning), som den dieselen same "
        "arbeidet ville krevje × {electric} kWh straum per liter som blir erstatta (elektrisk), "
        "eller delt på verknadsgraden {efficiency} (brenselcelle). Overslag frå timar er øvre "
        "grenser. Oppvarming blir rekna med energien som blir kjøpt til kvart aggregat.",
        "Hovudtalet er fossil CO2 direkte (frå tank til hjul) med dei reine faktorane, utan "
        "innblanding: omsetningskravet blir oppfylt som årsgjennomsnitt, ikkje per levering. "
        "Biogen CO2 blir rekna som null og står ved sida av. Straum og fjernvarme er indirekte og "
        "blir aldri lagde til den direkte summen; livsløpstal står for seg.",
        "CO2 der faktoren utelèt CH4 og N2O (Miljødirektoratet: dei utgjer 0,5–1,5 %), CO2e der "
        "han tek dei med. Med omsetningskravet blir anleggsdiesel og fyringsolje rekna som 90 % "
        "fossil (10 volumprosent avansert biodrivstoff, produktforskrifta § 3-3c, frå 2023).",
        "Straum frå eit aggregat på plassen tel i klassen til drivstoffet i aggregatet i alle "
        "delar; CO2 blir talt éin gong, i drivstoffet til aggregatet.",
        "Delane er rekna av levert energi til maskinar og oppvarming (køyretøy for seg, etter "
        "km). Elektriske drivliner treng om lag ein tredjedel av energien diesel treng til same "
        "arbeidet, så energidelar undervurderer utsleppsfritt arbeid; delar av maskintimar står "
        "ved sida av.",
    ),
    "en": (
        "Energy: declared litres or kWh where given; otherwise engine power × load factor × "
        "planned hours, then × specific fuel consumption (combustion), as the diesel the same "
        "work would take × {electric} kWh of electricity per litre replaced (electric), or "
        "divided by the efficiency {efficiency} (fuel cell). Estimates from hours are upper "
        "bounds. Heating uses the energy bought for each heater.",
        "The headline figure is fossil CO2, direct (tank-to-wheel), with the plain factors and "
        "no blending assumed: the blending mandate is met as a yearly average, not per delivery. "
        "Biogenic CO2 is counted as zero and shown beside it. Electricity and district heat are "
        "indirect and never added to the direct sum; life-cycle figures stand apart.",
        "CO2 where the factor leaves out CH4 and N2O (Miljødirektoratet: they add 0.5–1.5%), "
        "CO2e where it includes them. Under the blending mandate, non-road diesel and heating "
        "oil count as 90% fossil (10% by volume advanced biofuel, produktforskriften § 3-3c, "
        "from 2023).",
        "Electricity from an on-site generator counts in the class of the generator's fuel in "
        "every share; its CO2 is counted once, in the generator's own fuel.",
        "Shares are by delivered energy of machines and heating (vehicles apart, by km). "
        "Electric drivetrains need about a third of the energy diesel needs for the same work, "
        "so energy shares understate zero-emission work; machine-hour shares are given beside "
        "them.",
    ),
}
HEADERS = {
    "nb": ("Energibærer", "Fossil direkte", "Biogen", "Indirekte", "Livsløp", "Gasser",
           "Maskinkategori", "Lastfaktor"),
    "nn": ("Energiberar", "Fossil direkte", "Biogen", "Indirekte", "Livsløp", "Gassar",
           "Maskinkategori", "Lastfaktor"),
    "en": ("Energy carrier", "Fossil direct", "Biogenic", "Indirect", "Life cycle", "Gases",
           "Machine category", "Load factor"),
}  # fmt: skip
UNIT = "kg CO2e/kWh"


def method_section(method: dict, lang: str) -> dict:
    """Paragraphs, the carriers' factors and the load factors, written for the language."""
    values = {
        "electric": display.number(method.get("electric_kwh_per_diesel_litre"), lang, 1),
        "efficiency": display.number(method.get("fuel_cell_efficiency"), lang, 2),
    }
    factor = lambda value: display.number(value, lang, 5)  # noqa: E731 – a formatter, read once
    carriers = [
        (code_name(carrier, lang), factor(f["fossil_direct"]), factor(f["biogenic"]),
         factor(f["indirect"]), factor(f.get("well_to_wheel")), f.get("gases") or "–")
        for carrier, f in sorted((method.get("carrier_factors_kg_per_kwh") or {}).items())
    ]  # fmt: skip
    loads = [
        (code_name(category, lang), display.number(value, lang, 2))
        for category, value in sorted((method.get("load_factors") or {}).items())
    ]
    return {
        "paragraphs": [text.format(**values) for text in PARAGRAPHS[lang]],
        "headers": HEADERS[lang],
        "unit": UNIT,
        "carriers": carriers,
        "loads": loads,
    }
