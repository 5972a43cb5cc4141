"""The report's languages, and the names of the codes a report shows.

Reports are written in bokmål, nynorsk or English. The engine's messages are structured and
rendered by the core's one catalogue (checker.formats.messages); a report names the codes of its
own tables (metrics, tailored parameters, scopes, fields) here.
"""

from checker.checks.document_provided import DOCUMENT_NAMES
from checker.formats import display
from checker.formats.messages import render
from checker.intake.columns import SHEETS
from checker.intake.names import NAMES
from checker.intake.names import name_of

REPORT_LANGUAGES = ("nb", "nn", "en")
REPORT_LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}

# The metrics a share rule names, as a reader calls them.
METRIC_NAMES = {
    "zero_emission_share": ("utslippsfri andel av energien", "utsleppsfri del av energien",
                            "zero-emission share of energy"),
    "zero_emission_incl_biogas_share": ("utslippsfri andel med biogass",
                                        "utsleppsfri del med biogass",
                                        "zero-emission share incl. biogas"),
    "fossil_free_share": ("fossilfri andel av energien", "fossilfri del av energien",
                          "fossil-free share of energy"),
    "fossil_free_share_machines_vehicles": ("fossilfri andel for maskiner og kjøretøy",
                                            "fossilfri del for maskinar og køyretøy",
                                            "fossil-free share of machines and vehicles"),
    "zero_emission_share_machines_vehicles": ("utslippsfri andel for maskiner og kjøretøy",
                                              "utsleppsfri del for maskinar og køyretøy",
                                              "zero-emission share of machines and vehicles"),
    "zero_emission_share_hours": ("utslippsfri andel av maskintimene",
                                  "utsleppsfri del av maskintimane",
                                  "zero-emission share of machine hours"),
    "transport_zero_emission_share_km": ("utslippsfri andel av transporten (km)",
                                         "utsleppsfri del av transporten (km)",
                                         "zero-emission share of transport (km)"),
    "transport_zero_emission_incl_biogas_share_km": (
        "utslippsfri andel av transporten med biogass (km)",
        "utsleppsfri del av transporten med biogass (km)",
        "zero-emission share of transport incl. biogas (km)"),
}  # fmt: skip
# The parameters a buyer tailors, as the tailoring section names them.
PARAMETER_NAMES = {
    "allowed_carriers": ("tillatte energibærere", "tillatne energiberarar", "allowed energy carriers"),
    "allowed_classes": ("tillatte klasser", "tillatne klassar", "allowed classes"),
    "min": ("minst", "minst", "at least"),
    "min_percent": ("minste andel (%)", "minste del (%)", "minimum share (%)"),
    "min_stage": ("laveste motortrinn", "lågaste motorsteg", "lowest engine stage"),
    "min_class": ("laveste klasse", "lågaste klasse", "lowest class"),
    "min_euro_class": ("laveste Euro-klasse", "lågaste Euro-klasse", "lowest Euro class"),
    "max_age_years": ("høyeste alder (år)", "høgaste alder (år)", "maximum age (years)"),
    "max_points": ("høyeste poeng", "høgaste poeng", "maximum points"),
    "full_points_at": ("full pott ved andel", "full pott ved del", "full points at share"),
    "exempt_sporadic": ("sporadisk bruk unntatt", "sporadisk bruk unnateken", "sporadic use exempt"),
    "exception_grounds": ("unntaksgrunner", "unntaksgrunnar", "exception grounds"),
    "excluded_feedstocks": ("utelukkede råstoff", "utelukka råstoff", "excluded feedstocks"),
    "documents": ("dokumenter", "dokument", "documents"),
    "metric": ("måltall", "måltal", "metric"),
    "review": ("manuell vurdering", "manuell vurdering", "manual review"),
}  # fmt: skip
# The scopes an emission factor file gives its factors.
SCOPE_NAMES = {
    "tank-to-wheel": ("direkte (fra tank til hjul)", "direkte (frå tank til hjul)", "tank-to-wheel"),
    "well-to-wheel": ("livsløp (fra kilde til hjul)", "livsløp (frå kjelde til hjul)", "well-to-wheel"),
    "territorial (counted at the plant)": ("territorielt (telles ved anlegget)",
                                           "territorielt (blir talt ved anlegget)",
                                           "territorial (counted at the plant)"),
    "location-based (Norwegian physical mix)": ("stedsbasert (norsk fysisk miks)",
                                                "stadbasert (norsk fysisk miks)",
                                                "location-based (Norwegian physical mix)"),
}  # fmt: skip
LANG_INDEX = {"nb": 0, "nn": 1, "en": 2}


def _field_names() -> dict[str, tuple[str, str]]:
    names = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            names.setdefault(column.key, (column.nb, column.en))
    for key, (en, nb) in DOCUMENT_NAMES.items():
        names[key] = (nb, en)
    return names


FIELD_NAMES = _field_names()


def in_language(message: dict | str | None, lang: str) -> str:
    """A message in the language: a structured one rendered from the core's catalogue; the
    language's side of a finished {nb, en} or {nb, nn, en} text, nynorsk falling back to bokmål."""
    return render(message, lang)


def code_name(code: str | None, lang: str) -> str:
    """The name of any code a report meets: vocabulary, metric, tender field; '–' for none."""
    if not code:
        return "–"
    if code in METRIC_NAMES:
        return METRIC_NAMES[code][LANG_INDEX[lang]]
    if code in PARAMETER_NAMES:
        return PARAMETER_NAMES[code][LANG_INDEX[lang]]
    if code in SCOPE_NAMES:
        return SCOPE_NAMES[code][LANG_INDEX[lang]]
    if code in NAMES:
        return name_of(code, lang)
    if code in FIELD_NAMES:
        nb, en = FIELD_NAMES[code]
        return en if lang == "en" else nb
    return code


def readable(message: dict | str | None, lang: str) -> str:
    """A message in the report's language: the core's structured messages from the catalogue
    (codes named, numbers and dates the language's way); a rule set's text or a result stored
    before the catalogue as it was written."""
    return render(message, lang)


def value_text(value, lang: str) -> str:
    """A tailored parameter's value: codes by their names, numbers the language's way."""
    if isinstance(value, bool):
        return (
            {"nb": "ja", "nn": "ja", "en": "yes"}[lang]
            if value
            else {"nb": "nei", "nn": "nei", "en": "no"}[lang]
        )
    if isinstance(value, (int, float)):
        return display.number(value, lang, 0 if float(value).is_integer() else 2)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(part, lang) for part in value)
    if isinstance(value, dict):
        return "; ".join(f"{code_name(k, lang)}: {value_text(v, lang)}" for k, v in value.items())
    return code_name(str(value), lang)
