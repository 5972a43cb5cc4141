"""The template's instruction sheet: how to fill it in, and what the rule set demands."""

from checker.assessment.engine import select_rules
from checker.formats.texts import pick
from checker.intake.columns import BOOLEAN
from checker.intake.columns import BOOLEAN_OUT
from checker.intake.columns import CHOICE
from checker.intake.columns import ENQUIRIES
from checker.intake.columns import INTEGER
from checker.intake.columns import NUMBER
from checker.intake.columns import SHEETS
from checker.intake.columns import Column
from checker.intake.names import name_of
from checker.rulesets.ruleset import Ruleset
from checker.rulesets.wording import tailored_rule

TEXTS = {
    "nb": {
        "title": "Maskinliste – mal",
        "ruleset": "Regelsett",
        "how": "Slik fyller du ut",
        "steps": [
            "Én rad per maskin, kjøretøy, varmekilde, drivstoff eller unntakssøknad, på arkene etter dette.",
            "ID-en er din egen korte nøkkel (f.eks. M1, K1, V1, D1). Den må være unik i hele listen.",
            "Velg kategorier, energibærere, trinn og klasser fra nedtrekkslistene. Tomme celler betyr «ikke oppgitt».",
            "Tall skrives som tall (12,5 eller 12.5). Formler godtas ikke: skriv verdien.",
            "Drivstoff-ID viser til en rad på arket Drivstoff. Unntak «Gjelder (ID)» viser til "
            "en maskin, et kjøretøy eller en varmekilde.",
            "Markedsundersøkelse: fritekst, eller én henvendelse per linje: leverandør | ÅÅÅÅ-MM-DD | svar.",
            "Kolonnene kan stå i hvilken som helst rekkefølge, med norske eller engelske overskrifter.",
        ],
        "columns": "Kolonner",
        "required": "må fylles ut",
        "rule_required": "kreves av regelsettet",
        "rules": "Krav i regelsettet",
        "tailored_rules": "Krav i regelsettet slik anskaffelsen har tilpasset dem, nivå {level}",
        "choose": "velg fra listen",
        "number": "tall",
        "integer": "heltall",
        "boolean": "{yes} eller {no}",
        "enquiries": "tekst eller henvendelser",
        "text": "tekst",
    },
    "nn": {
        "title": "Maskinliste – mal",
        "ruleset": "Regelsett",
        "how": "Slik fyller du ut",
        "steps": [
            "Éi rad per maskin, køyretøy, varmekjelde, drivstoff eller unntakssøknad, på arka etter dette.",
            "ID-en er din eigen korte nøkkel (t.d. M1, K1, V1, D1). Han må vere unik i heile lista.",
            "Vel kategoriar, energiberarar, trinn og klassar frå nedtrekkslistene. Tomme celler tyder «ikkje oppgitt».",
            "Tal skriv du som tal (12,5 eller 12.5). Formlar blir ikkje godtekne: skriv verdien.",
            "Drivstoff-ID viser til ei rad på arket Drivstoff. Unntak «Gjeld (ID)» viser til "
            "ein maskin, eit køyretøy eller ei varmekjelde.",
            "Marknadsundersøking: fritekst, eller éin førespurnad per linje: leverandør | ÅÅÅÅ-MM-DD | svar.",
            "Kolonnane kan stå i kva rekkjefølgje som helst, med norske eller engelske overskrifter.",
        ],
        "columns": "Kolonnar",
        "required": "må fyllast ut",
        "rule_required": "blir kravd av regelsettet",
        "rules": "Krav i regelsettet",
        "tailored_rules": "Krav i regelsettet slik anskaffinga har tilpassa dei, nivå {level}",
        "translation": "Nynorsk omsetjing av regelsettet ved produktet, ikkje publisert av utgjevaren.",
        "no_translation": "Regelsettet finst ikkje på nynorsk: krava står på bokmål.",
        "choose": "vel frå lista",
        "number": "tal",
        "integer": "heiltal",
        "boolean": "{yes} eller {no}",
        "enquiries": "tekst eller førespurnader",
        "text": "tekst",
    },
    "en": {
        "title": "Machine list – template",
        "ruleset": "Rule set",
        "how": "How to fill it in",
        "steps": [
            "One row per machine, vehicle, heater, fuel or exception request, on the sheets after this one.",
            "The ID is your own short key (e.g. M1, V1, H1, F1). It must be unique in the whole list.",
            "Choose categories, energy carriers, stages and classes from the drop-down lists. "
            "Empty cells mean 'not given'.",
            "Write numbers as numbers (12.5 or 12,5). Formulas are not accepted: type the value.",
            "Fuel ID refers to a row on the Fuels sheet. An exception's 'Item (ID)' refers to "
            "a machine, vehicle or heater.",
            "Market check: free text, or one enquiry per line: supplier | YYYY-MM-DD | answer.",
            "Columns may stand in any order, with Norwegian or English headers.",
        ],
        "columns": "Columns",
        "required": "required",
        "rule_required": "required by the rule set",
        "rules": "Requirements in the rule set",
        "tailored_rules": "Requirements in the rule set as the procurement tailored them, level {level}",
        "choose": "choose from the list",
        "number": "number",
        "integer": "whole number",
        "boolean": "{yes} or {no}",
        "enquiries": "text or enquiries",
        "text": "text",
    },
}


def required_by_rules(ruleset: Ruleset) -> dict[str, set[str]]:
    """Fields the rule set's completeness rules demand, per list (machines, vehicles)."""
    wanted: dict[str, set[str]] = {}
    for rule in ruleset.rules:
        if rule.check_type == "inventory_complete" and "required_fields" in rule.parameters:
            fields = rule.parameters["required_fields"].value or []
            wanted.setdefault(rule.applies_to, set()).update(fields)
    return wanted


def _describe(column: Column, lang: str, rule_fields: set[str]) -> str:
    words = TEXTS[lang]
    if column.type == CHOICE:
        # The drop-down offers the names; the code beside a name may be typed as well.
        choices = [
            code if name_of(code, lang) == code else f"{name_of(code, lang)} ({code})"
            for code in column.choices
        ]
        what = f"{words['choose']}: {', '.join(choices)}"
    elif column.type == BOOLEAN:
        yes, no = BOOLEAN_OUT[lang]
        what = words["boolean"].format(yes=yes, no=no)
    else:
        names = {NUMBER: "number", INTEGER: "integer", ENQUIRIES: "enquiries"}
        what = words[names.get(column.type, "text")]
    if column.required:
        what += f"; {words['required']}"
    elif column.key in rule_fields:
        what += f"; {words['rule_required']}"
    return what


def instruction_rows(
    ruleset: Ruleset, lang: str, level: str | None = None, tailoring: dict | None = None
) -> list[list[str]]:
    """The instruction sheet's rows; its rules are a level's (the highest unless given), with a
    procurement's tailoring filled into their texts and its deselected rules left out."""
    words = TEXTS[lang]
    rows = [
        [words["title"]],
        [words["ruleset"], f"{pick(ruleset.title, lang)} ({ruleset.id} {ruleset.version})"],
    ]
    if lang == "nn":
        rows.append(["", words["translation" if ruleset.translation else "no_translation"]])
    rows += [[], [words["how"]]]
    rows += [[str(number), step] for number, step in enumerate(words["steps"], start=1)]
    rule_fields = required_by_rules(ruleset)
    for sheet in SHEETS:
        rows += [[], [f"{words['columns']}: {sheet.title(lang)}"]]
        rows += [
            [column.header(lang), _describe(column, lang, rule_fields.get(sheet.key, set()))]
            for column in sheet.columns
        ]
    chosen = level or ruleset.levels[-1]
    heading = words["tailored_rules"].format(level=name_of(chosen, lang)) if tailoring else None
    rows += [[], [heading or words["rules"]]]
    deselected = (tailoring or {}).get("deselected") or {}
    for rule in select_rules(ruleset, chosen, deselected):
        if rule.id in deselected:
            continue
        rule = tailored_rule(rule, tailoring)
        rows.append([pick(rule.title, lang), pick(rule.requirement, lang)])
    return rows
