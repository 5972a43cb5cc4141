"""A rule's texts as templates over its parameters, and every parameter and value by its name.

A title, requirement, guidance, evidence or note may name a parameter in braces
("Motorer minst trinn {min_stage}"); it is filled with the values in force, written the way the
language writes them (a share 0.3 reads "30 %"), so a tailored rule reads as tailored on every
page, in the CLI and in reports. Parameter and metric names are given in nb, nn and en."""

import re
from dataclasses import replace

from checker.formats import display
from checker.formats.texts import LANGUAGES
from checker.formats.texts import pick
from checker.intake.names import name_of

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TEMPLATED = ("title", "requirement", "guidance", "note")

# name: (nb, nn, en)
PARAMETERS = {
    "allowed_carriers": (
        "tillatte energibærere",
        "tillatne energiberarar",
        "allowed energy carriers",
    ),
    "allowed_classes": ("tillatte klasser", "tillatne klassar", "allowed classes"),
    "documents": ("dokumenter", "dokument", "documents"),
    "exception_grounds": ("grunnlag for unntak", "grunnlag for unntak", "grounds for exception"),
    "excluded_feedstocks": ("utelukkede råstoff", "utelukka råstoff", "excluded feedstocks"),
    "exempt_sporadic": (
        "unntak for sporadisk bruk",
        "unntak for sporadisk bruk",
        "sporadic use exempt",
    ),
    "fallback_carriers": ("reserveløsninger", "reserveløysingar", "fallback energy carriers"),
    "full_points_at": ("full poengsum ved", "full poengsum ved", "full points at"),
    "grid_statement": (
        "krever netteiers erklæring",
        "krev netteigars erklæring",
        "grid owner's statement needed",
    ),
    "max_age_years": ("høyeste alder (år)", "høgaste alder (år)", "maximum age (years)"),
    "max_points": ("høyeste poengsum", "høgaste poengsum", "maximum points"),
    "max_rank": ("høyeste plassering", "høgaste plassering", "maximum rank"),
    "metric": ("måltall", "måltal", "metric"),
    "min": ("minste andel", "minste del", "minimum share"),
    "min_class": ("minste Euro-klasse", "minste Euro-klasse", "minimum Euro class"),
    "min_enquiries": (
        "minste antall henvendelser",
        "minste tal på førespurnader",
        "minimum enquiries",
    ),
    "min_euro_class": ("minste Euro-klasse", "minste Euro-klasse", "minimum Euro class"),
    "min_percent": ("minste vekt (prosent)", "minste vekt (prosent)", "minimum weight (per cent)"),
    "min_stage": ("minste utslippstrinn", "minste utsleppstrinn", "minimum emission stage"),
    "narrow_cpv_prefixes": ("smale CPV-koder", "smale CPV-kodar", "narrow CPV codes"),
    "national_threshold_nok": (
        "nasjonal terskelverdi",
        "nasjonal terskelverdi",
        "national threshold",
    ),
    "power_bands": ("effektbånd", "effektband", "power bands"),
    "product": ("produkt", "produkt", "product"),
    "quantity_fields": ("mengdefelt", "mengdefelt", "quantity fields"),
    "required_fields": ("påkrevde felt", "påkravde felt", "required fields"),
    "review": (
        "vurderes av saksbehandler",
        "blir vurdert av sakshandsamar",
        "reviewed by the officer",
    ),
    "scores": ("poeng per energibærer", "poeng per energiberar", "scores per energy carrier"),
    "standard": ("standard", "standard", "standard"),
    "threshold_nok": ("terskelverdi", "terskelverdi", "threshold"),
    "weight_by": ("vektes etter", "blir vekta etter", "weighted by"),
    "zero_emission_hydrogen": (
        "hydrogen regnes som",
        "hydrogen blir rekna som",
        "hydrogen counts as",
    ),
}
# The share metrics a rule may name, and the other closed values of parameters.
VALUES = {
    "zero_emission_share": (
        "utslippsfri andel av energibruken",
        "utsleppsfri del av energibruken",
        "zero-emission share of energy",
    ),
    "zero_emission_incl_biogas_share": (
        "utslippsfri andel av energibruken, inkl. biogass",
        "utsleppsfri del av energibruken, inkl. biogass",
        "zero-emission share of energy, incl. biogas",
    ),
    "fossil_free_share": (
        "fossilfri andel av energibruken",
        "fossilfri del av energibruken",
        "fossil-free share of energy",
    ),
    "fossil_free_share_machines_vehicles": (
        "fossilfri andel av energibruken til maskiner og kjøretøy",
        "fossilfri del av energibruken til maskinar og køyretøy",
        "fossil-free share of machines' and vehicles' energy",
    ),
    "zero_emission_share_machines_vehicles": (
        "utslippsfri andel av energibruken til maskiner og kjøretøy",
        "utsleppsfri del av energibruken til maskinar og køyretøy",
        "zero-emission share of machines' and vehicles' energy",
    ),
    "zero_emission_share_hours": (
        "utslippsfri andel av maskintimene",
        "utsleppsfri del av maskintimane",
        "zero-emission share of machine hours",
    ),
    "transport_zero_emission_share_km": (
        "utslippsfri andel av transportkilometerne",
        "utsleppsfri del av transportkilometerane",
        "zero-emission share of transport km",
    ),
    "transport_zero_emission_incl_biogas_share_km": (
        "utslippsfri andel av transportkilometerne, inkl. biogass",
        "utsleppsfri del av transportkilometerane, inkl. biogass",
        "zero-emission share of transport km, incl. biogas",
    ),
    "planned_km": ("planlagte kilometer", "planlagde kilometer", "planned kilometres"),
    "planned_hours": ("planlagte driftstimer", "planlagde driftstimar", "planned operating hours"),
    "any": (
        "utslippsfritt, all hydrogen",
        "utsleppsfritt, all hydrogen",
        "zero-emission, all hydrogen",
    ),
    "fuel_cell_only": (
        "utslippsfritt bare i brenselcelle",
        "utsleppsfritt berre i brenselcelle",
        "zero-emission in a fuel cell only",
    ),
    "idling_plan": ("tomgangsplan", "tomgangsplan", "idling plan"),
    "drying_plan": ("tørkeplan", "tørkeplan", "drying plan"),
    "heating_description": (
        "beskrivelse av oppvarming og tørk",
        "skildring av oppvarming og tørk",
        "description of heating and drying",
    ),
    "environmental_plan": ("miljøplan", "miljøplan", "environmental plan"),
    "chemical_products_list": (
        "liste over kjemiske produkter",
        "liste over kjemiske produkt",
        "list of chemical products",
    ),
    "materials_list": (
        "liste over materialer og varer",
        "liste over material og varer",
        "list of materials and goods",
    ),
    "environmental_certificate": (
        "miljøsertifikat",
        "miljøsertifikat",
        "environmental certificate",
    ),
}
UNITS = {
    "percent": ("%", "%", "%"),
    "NOK excl. VAT": ("eks. mva.", "eks. mva.", "excl. VAT"),
    "years": ("år", "år", "years"),
}
WORDS = {
    "yes": ("ja", "ja", "yes"),
    "no": ("nei", "nei", "no"),
    "none": ("ingen", "ingen", "none"),
    "from": ("fra", "frå", "from"),
}


def _side(names: tuple, lang: str) -> str:
    return names[LANGUAGES.index(lang)] if lang in LANGUAGES else names[2]


def unit_text(unit: str | None, lang: str) -> str:
    """A parameter's unit after its value (a share is already a percentage)."""
    if not unit or unit == "share":
        return ""
    return display.NBSP + (_side(UNITS[unit], lang) if unit in UNITS else unit)


def parameter_name(name: str, lang: str) -> str:
    """A parameter's name for a reader ("minste utslippstrinn" for min_stage)."""
    return _side(PARAMETERS[name], lang) if name in PARAMETERS else name


def value_name(code: str, lang: str) -> str:
    """A closed value's name: a metric, a document, a weight field, else the tender format's."""
    if code in VALUES:
        return _side(VALUES[code], lang)
    return field_name(code, lang) if code in _fields() else name_of(code, lang)


def field_name(key: str, lang: str) -> str:
    """A field of the tender format by its column header ("Driftsvekt (t)")."""
    column = _fields().get(key)
    return key if column is None else column.header(lang)


def _fields() -> dict:
    from checker.intake.columns import SHEETS  # the intake's table names the tender's fields

    return {column.key: column for sheet in reversed(SHEETS) for column in sheet.columns}


def _amount(value: float, lang: str) -> str:
    decimals = 0 if float(value) == int(value) else 2
    return display.number(value, lang, decimals)


def share_text(value: float, lang: str) -> str:
    """A share as a percentage, whole where it is whole: 0.3 reads "30 %", 0.125 "12,5 %"."""
    whole = display.rounded(value * 100, 1) == display.rounded(value * 100, 0)
    return display.percent(value, lang, 0 if whole else 1)


def value_text(kind: str, value, lang: str) -> str:
    """A parameter value of a type (see checker.rulesets.params) as a reader reads it."""
    if value is None:
        return _side(WORDS["none"], lang)
    if isinstance(value, bool):
        return _side(WORDS["yes" if value else "no"], lang)
    if kind in ("share", "positive_share"):
        return share_text(value, lang)
    if kind == "points":
        return display.points(value, lang)
    if kind == "euro_class":
        return f"Euro {value}"
    if kind == "stage_bands":
        return "; ".join(_band(band, lang) for band in value)
    if kind == "score_map":
        return "; ".join(f"{value_name(k, lang)}: {_amount(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_name(str(entry), lang) for entry in value)
    if isinstance(value, int | float):
        return _amount(value, lang)
    return value_name(str(value), lang)


def _band(band: dict, lang: str) -> str:
    low, high = _amount(band["min_kw"], lang), band.get("max_kw")
    where = (
        f"{low}–{_amount(high, lang)} kW"
        if high is not None
        else f"{_side(WORDS['from'], lang)} {low} kW"
    )
    stage = band["min_stage"] or _side(WORDS["none"], lang)
    return f"{where}: {stage}"


def parameter_text(rule, name: str, value, lang: str) -> str:
    """One of a rule's parameter values by name (the check type gives the parameter's type)."""
    from checker.checks import CHECKS

    spec = CHECKS[rule.check_type].params.get(name)
    kind = spec.type if spec else ""
    if name.endswith("_nok") and isinstance(value, int | float):
        return display.nok(value, lang)
    return value_text(kind, value, lang)


def fill(rule, text: dict | None, values: dict) -> dict | None:
    """A text {nb, nn, en} with each {parameter} filled in each language."""
    if not text:
        return text
    filled = {}
    for lang in LANGUAGES:
        side = pick(text, lang)
        filled[lang] = PLACEHOLDER.sub(
            lambda m, lang=lang: (
                parameter_text(rule, m[1], values[m[1]], lang) if m[1] in values else m[0]
            ),
            side,
        )
    return filled


def placeholders(texts: dict) -> set[str]:
    """The parameters a rule's texts name."""
    found = set()
    for text in texts.values():
        for side in (text or {}).values():
            found |= set(PLACEHOLDER.findall(side))
    return found


def worded(rule, values: dict):
    """The rule with its texts filled with these parameter values (from its own templates)."""
    texts = rule.templates or {}
    changes = {field: fill(rule, texts[field], values) for field in TEMPLATED if field in texts}
    if "evidence" in texts:
        changes["evidence"] = tuple(fill(rule, e, values) for e in texts["evidence"])
    return replace(rule, **changes)


def values_of(rule, tailored: dict | None = None) -> dict:
    """The values in force: the check type's defaults, the rule file's, then a tailoring's."""
    from checker.checks import CHECKS

    values = {
        name: spec.default
        for name, spec in CHECKS[rule.check_type].params.items()
        if not spec.required
    }
    values |= {name: parameter.value for name, parameter in rule.parameters.items()}
    return values | (tailored or {})


def tailored_rule(rule, tailoring: dict | None):
    """The rule as a procurement's tailoring ({parameters: {rule id: {name: value}}}) reads it."""
    own = ((tailoring or {}).get("parameters") or {}).get(rule.id)
    return worded(rule, values_of(rule, own)) if own else rule


def metric_name(code: str) -> dict:
    """A share metric for a message's value, shown by its name."""
    return {"code": code}


def share_in_languages(value: float) -> dict:
    """A required share for a message's value, whole where whole ("30 %", "30%")."""
    return {"limit": value}


def entry_value_text(value, lang: str) -> str:
    """A value of a tender's entry as a reader reads it: a code by its name, yes/no, 12,5."""
    if value is None or value == "":
        return display.MISSING
    if isinstance(value, bool):
        return _side(WORDS["yes" if value else "no"], lang)
    if isinstance(value, int | float):
        return _amount(value, lang)
    if isinstance(value, list):
        return ", ".join(entry_value_text(entry, lang) for entry in value)
    return value_name(value, lang) if isinstance(value, str) else str(value)
