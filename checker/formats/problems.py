"""What is wrong with an input, as structured messages: a JSON Schema error by its validator
(minimum, maximum, type, enum, required, ...), and the tender checks beyond the schema.

A page, the API and the command line render these through the catalogue
(checker.formats.messages), each in its language; nothing translates English text afterwards.
"""

import reprlib

import jsonschema

from checker.formats.messages import define
from checker.formats.messages import kind
from checker.formats.messages import say

# JSON Schema's types, and Python's names for what was found, as a reader calls them.
JSON_TYPES = {
    "string": ("text", "tekst", "tekst"),
    "number": ("a number", "et tall", "eit tal"),
    "integer": ("a whole number", "et heltall", "eit heiltal"),
    "boolean": ("true or false", "sann eller usann", "sann eller usann"),
    "array": ("a list", "en liste", "ei liste"),
    "object": ("an object", "et objekt", "eit objekt"),
    "null": ("null", "null", "null"),
}
PYTHON_TYPES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "list": "array",
    "dict": "object",
    "NoneType": "null",
}
ORDER = {"en": 0, "nb": 1, "nn": 2}


@kind("json_type")
def json_type(name: str, lang: str) -> str:
    return JSON_TYPES[name][ORDER[lang]] if name in JSON_TYPES else name


def short(value, limit: int = 80) -> str:
    """A value for a message: its repr, cut short so a huge input cannot flood the output."""
    text = reprlib.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def found(value):
    """What the input holds, for a message: a number as a number (12,5 in Norwegian), anything
    else as written in the file, cut short."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return short(value)


def schema_message(error: jsonschema.ValidationError) -> dict:
    """Say what the schema expected, in words rather than schema jargon."""
    value, instance = error.validator_value, error.instance
    if error.validator == "enum":
        allowed = ["null" if item is None else str(item) for item in value]
        return say("input.enum", allowed={"list": allowed}, found=short(instance))
    if error.validator == "const":
        return say("input.const", wanted=repr(value), found=short(instance))
    if error.validator == "required":
        missing = [name for name in value if name not in instance]
        return say("input.required", fields={"list": missing})
    if error.validator == "additionalProperties":
        extra = sorted(str(key) for key in set(instance) - set(error.schema.get("properties", {})))
        return say("input.additional", fields={"list": extra})
    if error.validator == "type":
        wanted = [value] if isinstance(value, str) else list(value)
        if instance is None:
            return say("input.type_null", wanted={"either": [{"json_type": n} for n in wanted]})
        return say(
            "input.type",
            wanted={"either": [{"json_type": name} for name in wanted]},
            kind={"json_type": PYTHON_TYPES.get(type(instance).__name__, "null")},
            found=short(instance),
        )
    if error.validator in ("minimum", "maximum"):
        return say(f"input.{error.validator}", limit=value, found=found(instance))
    if error.validator == "pattern":
        hint = error.schema.get("description") or f"the pattern {value}"
        return say("input.pattern", hint=hint, found=short(instance))
    if error.validator in ("minItems", "minLength", "maxItems", "maxLength"):
        return say(f"input.{error.validator}", n=value)
    return say("input.format", rule=error.validator, found=short(instance))


MESSAGES = define(
    {
        "input.enum": (
            "expected one of: {allowed}; found {found}",
            "forventet en av: {allowed}; fant {found}",
            "venta ein av: {allowed}; fann {found}",
        ),
        "input.const": (
            "expected {wanted}; found {found}",
            "forventet {wanted}; fant {found}",
            "venta {wanted}; fann {found}",
        ),
        "input.required": (
            "missing required field(s): {fields}",
            "påkrevd felt mangler: {fields}",
            "påkravd felt manglar: {fields}",
        ),
        "input.additional": (
            "unknown field(s): {fields}",
            "ukjent felt: {fields}",
            "ukjent felt: {fields}",
        ),
        "input.type": (
            "expected {wanted}; found {kind} {found}",
            "forventet {wanted}; fant {kind} {found}",
            "venta {wanted}; fann {kind} {found}",
        ),
        "input.type_null": (
            "expected {wanted}; found nothing (null)",
            "forventet {wanted}; fant ingen verdi (null)",
            "venta {wanted}; fann ingen verdi (null)",
        ),
        "input.minimum": (
            "expected a number of at least {limit}; found {found}",
            "forventet et tall på minst {limit}; fant {found}",
            "venta eit tal på minst {limit}; fann {found}",
        ),
        "input.maximum": (
            "expected a number of at most {limit}; found {found}",
            "forventet et tall på høyst {limit}; fant {found}",
            "venta eit tal på høgst {limit}; fann {found}",
        ),
        "input.pattern": (
            "expected {hint}; found {found}",
            "forventet {hint}; fant {found}",
            "venta {hint}; fann {found}",
        ),
        "input.minItems": (
            "expected at least {n} item(s)",
            "forventet minst {n} element",
            "venta minst {n} element",
        ),
        "input.maxItems": (
            "expected at most {n} item(s)",
            "forventet høyst {n} element",
            "venta høgst {n} element",
        ),
        "input.minLength": (
            "expected at least {n} character(s)",
            "forventet minst {n} tegn",
            "venta minst {n} teikn",
        ),
        "input.maxLength": (
            "expected at most {n} character(s)",
            "forventet høyst {n} tegn",
            "venta høgst {n} teikn",
        ),
        "input.format": (
            "does not match the format ({rule}); found {found}",
            "samsvarer ikke med formatet ({rule}); fant {found}",
            "samsvarar ikkje med formatet ({rule}); fann {found}",
        ),
        # Files and text that cannot be read as data (checker.formats.inputs).
        "input.too_deep": (
            "nested more than {n} levels deep",
            "nøstet mer enn {n} nivåer dypt",
            "nøsta meir enn {n} nivå djupt",
        ),
        "input.not_finite": (
            "expected a finite number; found {found}",
            "forventet et endelig tall; fant {found}",
            "venta eit endeleg tal; fann {found}",
        ),
        "input.key_not_text": (
            "field names must be text; found {found}",
            "feltnavn må være tekst; fant {found}",
            "feltnamn må vere tekst; fann {found}",
        ),
        "input.json": (
            "not valid JSON: {detail}",
            "ikke gyldig JSON: {detail}",
            "ikkje gyldig JSON: {detail}",
        ),
        "input.yaml": (
            "not valid YAML: {detail}",
            "ikke gyldig YAML: {detail}",
            "ikkje gyldig YAML: {detail}",
        ),
        "input.far_too_deep": (
            "nested far too deeply to be a tender or a rule set",
            "nøstet altfor dypt til å være et tilbud eller et regelsett",
            "nøsta altfor djupt til å vere eit tilbod eller eit regelsett",
        ),
        "input.folder": (
            "is a folder; expected a file",
            "er en mappe; forventet en fil",
            "er ei mappe; venta ei fil",
        ),
        "input.not_found": ("file not found", "fant ikke filen", "fann ikkje fila"),
        "input.unreadable": (
            "cannot be read: {detail}",
            "kan ikke leses: {detail}",
            "kan ikkje lesast: {detail}",
        ),
        "input.too_large": ("larger than {mb} MB", "større enn {mb} MB", "større enn {mb} MB"),
        "input.not_utf8": ("not UTF-8 text", "ikke UTF-8-tekst", "ikkje UTF-8-tekst"),
        # A rule's parameter, as a rule file or a tailoring gives it (checker.rulesets.params).
        "parameter.bool": (
            "expected true or false; found {found}",
            "forventet sann eller usann; fant {found}",
            "venta sann eller usann; fann {found}",
        ),
        "parameter.integer": (
            "expected a whole number; found {found}",
            "forventet et heltall; fant {found}",
            "venta eit heiltal; fann {found}",
        ),
        "parameter.number": (
            "expected a number; found {found}",
            "forventet et tall; fant {found}",
            "venta eit tal; fann {found}",
        ),
        "parameter.share": (
            "expected a share from 0 to 1; found {found}",
            "forventet en andel fra 0 til 1; fant {found}",
            "venta ein del frå 0 til 1; fann {found}",
        ),
        "parameter.positive_share": (
            "expected a share above 0, at most 1; found {found}",
            "forventet en andel over 0 og høyst 1; fant {found}",
            "venta ein del over 0 og høgst 1; fann {found}",
        ),
        "parameter.points": (
            "expected zero or more points; found {found}",
            "forventet null eller flere poeng; fant {found}",
            "venta null eller fleire poeng; fann {found}",
        ),
        "parameter.string": (
            "expected text; found {found}",
            "forventet tekst; fant {found}",
            "venta tekst; fann {found}",
        ),
        "parameter.range": (
            "expected a value from {low} to {high}; found {found}",
            "forventet en verdi fra {low} til {high}; fant {found}",
            "venta ein verdi frå {low} til {high}; fann {found}",
        ),
        "parameter.choices": (
            "{outside} outside the allowed choices {allowed}",
            "{outside} er utenfor de tillatte valgene {allowed}",
            "{outside} er utanfor dei tillatne vala {allowed}",
        ),
        # A tailoring and the officer's decisions (checker.assessment.engine).
        "tailoring.not_a_mapping": (
            "expected a mapping with deselected and parameters",
            "forventet en tilordning med deselected og parameters",
            "venta ei tilordning med deselected og parameters",
        ),
        "tailoring.no_such_rule": (
            "no such rule in this rule set",
            "regelen finnes ikke i dette regelsettet",
            "regelen finst ikkje i dette regelsettet",
        ),
        "tailoring.reason_missing": (
            "expected a reason for deselecting the rule",
            "forventet en begrunnelse for å velge bort regelen",
            "venta ei grunngiving for å velje bort regelen",
        ),
        "tailoring.not_tailorable": (
            "this parameter cannot be tailored",
            "denne parameteren kan ikke tilpasses",
            "denne parameteren kan ikkje tilpassast",
        ),
        "tailoring.decisions_not_a_mapping": (
            "expected a mapping from exception id to decision",
            "forventet en tilordning fra unntaks-ID til avgjørelse",
            "venta ei tilordning frå unntaks-ID til avgjerd",
        ),
        "tailoring.unknown_decision": (
            "no exception request or sporadic claim has this id; known: {known}",
            "ingen unntakssøknad eller sporadisk bruk har denne ID-en; kjente: {known}",
            "ingen unntakssøknad eller sporadisk bruk har denne ID-en; kjende: {known}",
        ),
        # The tender's checks beyond the schema (checker.formats.tender).
        "tender.id_used": (
            "id '{id}' is already used at {where}",
            "ID-en «{id}» er allerede brukt ({where})",
            "ID-en «{id}» er alt brukt ({where})",
        ),
        "tender.unknown_fuel": (
            "refers to fuel '{fuel}', which is not in fuels[] (declared: {known})",
            "viser til drivstoffet «{fuel}», som ikke er oppgitt under drivstoff (oppgitt: {known})",
            "viser til drivstoffet «{fuel}», som ikkje er oppgitt under drivstoff (oppgitt: {known})",
        ),
        "tender.unknown_item": (
            "refers to '{item}', which is no machine, vehicle or heating id",
            "viser til «{item}», som ikke er ID-en til noen maskin, noe kjøretøy eller noen "
            "varmekilde",
            "viser til «{item}», som ikkje er ID-en til nokon maskin, noko køyretøy eller nokon "
            "varmekjelde",
        ),
        "tender.charged_from_itself": (
            "an entry cannot be charged from itself; expected one of: {known}",
            "en post kan ikke lades fra seg selv; forventet en av: {known}",
            "ein post kan ikkje ladast frå seg sjølv; venta ein av: {known}",
        ),
        "tender.charged_from_unknown": (
            "expected grid or the id of a declared machine of category generator (one of: "
            "{known}); found '{found}'",
            "forventet grid (nettet) eller ID-en til en oppgitt maskin i kategorien aggregat (en "
            "av: {known}); fant «{found}»",
            "venta grid (nettet) eller ID-en til ei oppgitt maskin i kategorien aggregat (ein "
            "av: {known}); fann «{found}»",
        ),
        "tender.charging_ring": (
            "generators charged from each other in a ring: {ring}",
            "aggregater som lades fra hverandre i ring: {ring}",
            "aggregat som blir lada frå kvarandre i ring: {ring}",
        ),
        "tender.fuel_not_burnt": (
            "energy_carrier {carrier} does not burn fuel {fuel} (product {product}); name the "
            "fuel it runs on",
            "energibæreren {carrier} brenner ikke drivstoffet {fuel} (produkt {product}); oppgi "
            "drivstoffet den går på",
            "energiberaren {carrier} brenn ikkje drivstoffet {fuel} (produkt {product}); oppgi "
            "drivstoffet han går på",
        ),
        "tender.not_a_date": (
            "expected a real date as YYYY-MM-DD; found '{found}'",
            "forventet en ekte dato som ÅÅÅÅ-MM-DD; fant «{found}»",
            "venta ein ekte dato som ÅÅÅÅ-MM-DD; fann «{found}»",
        ),
        "tender.org_number": (
            "expected a valid Norwegian organisation number (9 digits starting with 8 or 9, "
            "modulus-11 check digit); {found} is not one",
            "forventet et gyldig norsk organisasjonsnummer (9 sifre som begynner med 8 eller 9, "
            "kontrollsiffer etter modulus 11); {found} er ikke det",
            "venta eit gyldig norsk organisasjonsnummer (9 siffer som byrjar med 8 eller 9, "
            "kontrollsiffer etter modulus 11); {found} er ikkje det",
        ),
        "tender.not_a_mapping": (
            "expected a JSON/YAML object (a mapping) at the top",
            "forventet et JSON/YAML-objekt (en tilordning) øverst",
            "venta eit JSON/YAML-objekt (ei tilordning) øvst",
        ),
        "tender.none_declared": ("none declared", "ingen", "ingen"),
    }
)
