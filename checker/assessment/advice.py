"""A concrete way to comply for every failing or unanswered rule and item of an assessment.

The engine says what is wrong; this says what the contractor can do about it, per check type,
naming the entry ("replace M7's fuel with HVO100 from waste feedstock, or use an electric
machine"). Plain data in, {nb, en} texts out: no Flask, no database.
"""

from checker.assessment.status import UNMET
from checker.formats.texts import say
from checker.rulesets.ruleset import Ruleset

ENTRY_LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions")
WASTE_HVO = say(
    "HVO100 from waste feedstock (used cooking oil, animal fat, tall oil)",
    "HVO100 fra avfallsråstoff (brukt frityrolje, animalsk fett, tallolje)",
)
DOCUMENT_NAMES = {
    "idling_plan": ("an idling plan", "en plan for å unngå tomgang"),
    "drying_plan": ("a drying plan", "en uttørkingsplan"),
    "environmental_plan": ("an environmental plan", "en miljøplan"),
    "environmental_certificate": (
        "an environmental certificate (ISO 14001, Miljøfyrtårn or EMAS)",
        "et miljøsertifikat (ISO 14001, Miljøfyrtårn eller EMAS)",
    ),
}


def _entries(tender: dict) -> dict[str, tuple[str, dict]]:
    return {entry["id"]: (name, entry) for name in ENTRY_LISTS for entry in tender.get(name) or []}


def _carrier_advice(kind: str, entry: dict, params: dict) -> dict:
    """A combustion entry on a carrier the rule does not allow."""
    entry_id, carrier = entry["id"], entry.get("energy_carrier")
    zero_only = set(params.get("allowed_classes") or []) == {"zero_emission"}
    if kind == "heating":
        return say(
            "Heat {id} with district heat, electricity or a heat pump instead of {c}.",
            "Varm opp {id} med fjernvarme, strøm eller varmepumpe i stedet for {c}.",
            id=entry_id,
            c=carrier,
        )
    what = (
        ("an electric vehicle", "et elektrisk kjøretøy")
        if kind == "vehicles"
        else (
            "an electric machine (battery or cable)",
            "en elektrisk maskin (batteri eller kabel)",
        )
    )
    if zero_only:
        text = say(
            "Replace {id} ({c}) with {w_en}",
            "Bytt ut {id} ({c}) med {w_nb}",
            id=entry_id,
            c=carrier,
            w_en=what[0],
            w_nb=what[1],
        )
        grounds = params.get("exception_grounds") or []
        if grounds:
            return _join(
                text,
                say(
                    ", or ask for an exception ({g}) with a documented market check.",
                    ", eller søk om unntak ({g}) med dokumentert markedsundersøkelse.",
                    g=", ".join(grounds),
                ),
            )
        return _join(text, say(".", "."))
    return say(
        "Replace {id}'s fuel ({c}) with {hvo_en}, or use {w_en}.",
        "Bytt drivstoffet til {id} ({c}) til {hvo_nb}, eller bruk {w_nb}.",
        id=entry_id,
        c=carrier,
        hvo_en=WASTE_HVO["en"],
        hvo_nb=WASTE_HVO["nb"],
        w_en=what[0],
        w_nb=what[1],
    )


def _join(first: dict, second: dict) -> dict:
    return {lang: first[lang] + second[lang] for lang in first}


def _stage_advice(entry: dict, params: dict) -> dict:
    return say(
        "Replace {id} (stage {s}) with a machine of EU stage {m} or newer, or an electric one.",
        "Bytt ut {id} (trinn {s}) med en maskin på EU-trinn {m} eller nyere, eller en elektrisk.",
        id=entry["id"],
        s=entry.get("emission_stage") or "?",
        m=params.get("min_stage"),
    )


def _euro_advice(entry: dict, params: dict) -> dict:
    return say(
        "Use a vehicle of Euro class {m} or newer for {id} (now {e}), or an electric one.",
        "Bruk et kjøretøy i euroklasse {m} eller nyere for {id} (nå {e}), eller et elektrisk.",
        id=entry["id"],
        e=entry.get("euro_class") or "?",
        m=params.get("min_class") or params.get("min_euro_class"),
    )


def _age_advice(entry: dict, params: dict) -> dict:
    return say(
        "Replace {id} (made {y}) with a machine at most {n} years old at contract start, "
        "or ask for a dispensation.",
        "Bytt ut {id} (årsmodell {y}) med en maskin som er høyst {n} år ved kontraktstart, "
        "eller søk om dispensasjon.",
        id=entry["id"],
        y=entry.get("year") or "?",
        n=params.get("max_age_years"),
    )


def _fuel_advice(kind: str, entry: dict, params: dict, check: str) -> dict:
    if kind != "fuels":
        return say(
            "Name the fuel {id} runs on (Fuel ID) and declare it under fuels.",
            "Oppgi drivstoffet {id} går på (drivstoff-ID), og oppgi det under drivstoff.",
            id=entry["id"],
        )
    if check == "fuel_standard":
        return say(
            "State that fuel {id} meets {s}, and attach the supplier's product sheet.",
            "Oppgi at drivstoffet {id} oppfyller {s}, og legg ved leverandørens produktdatablad.",
            id=entry["id"],
            s=params.get("standard"),
        )
    return say(
        "Buy fuel {id} made from waste or residues (used cooking oil, animal fat, tall oil) "
        "instead of {f}, and state the feedstock with its certificate (e.g. ISCC-EU).",
        "Kjøp drivstoffet {id} laget av avfall eller rester (brukt frityrolje, animalsk fett, "
        "tallolje) i stedet for {f}, og oppgi råstoffet med sertifikat (f.eks. ISCC-EU).",
        id=entry["id"],
        f=entry.get("feedstock") or "?",
    )


def _exception_advice(entry: dict, params: dict) -> dict:
    return say(
        "Justify exception request {id} and document a market check with at least {n} "
        "enquiries to suppliers (supplier, date, answer).",
        "Begrunn unntakssøknaden {id} og dokumenter en markedsundersøkelse med minst {n} "
        "henvendelser til leverandører (leverandør, dato, svar).",
        id=entry["id"],
        n=params.get("min_enquiries") or 1,
    )


def _item_advice(check: str, kind: str, entry: dict, params: dict, item: dict) -> dict | None:
    if item["status"] == "not_answered":
        return {
            "en": f"Fill in what is missing for {entry['id']}: {item['reason']['en']}.",
            "nb": f"Fyll inn det som mangler for {entry['id']}: {item['reason']['nb']}.",
        }
    if item["status"] == "manual_review":
        return say(
            "The buyer will judge {id}: attach the evidence (market check, grid owner's "
            "statement) to the exception request.",
            "Oppdragsgiver vurderer {id}: legg ved dokumentasjonen (markedsundersøkelse, "
            "erklæring fra nettselskapet) til unntakssøknaden.",
            id=entry["id"],
        )
    if check == "energy_carrier":
        if entry.get("energy_carrier") and params.get("min_euro_class") and kind == "vehicles":
            reason = item["reason"]["en"]
            if "Euro" in reason and entry.get("euro_class") != params.get("min_euro_class"):
                return _euro_advice(entry, params)
        return _carrier_advice(kind, entry, params)
    builders = {
        "emission_stage_min": lambda: _stage_advice(entry, params),
        "euro_class_min": lambda: _euro_advice(entry, params),
        "machine_age_max": lambda: _age_advice(entry, params),
        "biofuel_feedstock": lambda: _fuel_advice(kind, entry, params, check),
        "fuel_standard": lambda: _fuel_advice(kind, entry, params, check),
        "exception_documented": lambda: _exception_advice(entry, params),
    }
    builder = builders.get(check)
    return builder() if builder else None


def _document_advice(params: dict) -> dict:
    names = params.get("documents") or []
    first = names[0] if names else "document"
    en, nb = DOCUMENT_NAMES.get(first, (first.replace("_", " "), first.replace("_", " ")))
    return say(
        "Attach {doc_en} to the tender (documents: {key}).",
        "Legg ved {doc_nb} i tilbudet (dokumenter: {key}).",
        doc_en=en,
        doc_nb=nb,
        key=first,
    )


def _share_advice(params: dict, tender: dict) -> dict:
    fossil = [
        entry["id"]
        for entry in tender.get("machines") or []
        if entry.get("energy_carrier") not in ("battery_electric", "grid_electric", None)
    ]
    return say(
        "Raise the {m} to at least {p:.0f} %: replace combustion machines ({ids}) with "
        "electric ones, starting with those that run the most hours.",
        "Øk {m} til minst {p:.0f} %: bytt ut forbrenningsmaskiner ({ids}) med elektriske, "
        "først dem som går flest timer.",
        m=params.get("metric", "share").replace("_", " "),
        p=float(params.get("min") or 0) * 100,
        ids=", ".join(fossil[:6]) or "–",
    )


def _rule_advice(check: str, result: dict, params: dict, tender: dict, guidance) -> dict | None:
    if check == "document_provided":
        return _document_advice(params)
    if check == "share_min" and result["status"] == "fail":
        return _share_advice(params, tender)
    if check == "inventory_complete" and not result.get("items"):
        return say(
            "List every machine and vehicle you will use, one row each.",
            "List opp alle maskiner og kjøretøy du vil bruke, én rad for hver.",
        )
    return guidance or None


def advise(assessment: dict, ruleset: Ruleset, tender: dict) -> list[dict]:
    """One piece of advice per open rule or item: {rule, item, status, advice {nb, en}}."""
    entries = _entries(tender)
    advice = []
    for result in assessment["results"]:
        if result["status"] not in UNMET or result["kind"] == "award":
            continue
        rule = ruleset.rule(result["rule"])
        check = rule.check_type if rule else ""
        params = result.get("parameters") or {}
        open_items = [item for item in result.get("items") or [] if item["status"] in UNMET]
        for item in open_items:
            kind, entry = entries.get(item["id"], ("", {"id": item["id"]}))
            text = _item_advice(check, kind, entry, params, item)
            if text:
                advice.append(
                    {
                        "rule": result["rule"],
                        "item": item["id"],
                        "status": item["status"],
                        "advice": text,
                    }
                )
        if not open_items:
            text = _rule_advice(check, result, params, tender, rule.guidance if rule else None)
            if text:
                advice.append(
                    {
                        "rule": result["rule"],
                        "item": None,
                        "status": result["status"],
                        "advice": text,
                    }
                )
    return _without_repeats(advice)


def _without_repeats(advice: list[dict]) -> list[dict]:
    """Two rules may find the same gap (an unnamed fuel): the contractor needs one step for it."""
    seen, kept = set(), []
    for piece in advice:
        key = (piece["item"], piece["advice"]["en"])
        if key not in seen:
            seen.add(key)
            kept.append(piece)
    return kept
