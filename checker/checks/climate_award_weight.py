"""Check type `climate_award_weight`: FOA § 7-9, climate and environment weigh at least 30 %.

Below the national threshold (Part I of the regulation) there are no procedure rules and so no
duty to set award criteria (DFØ's guide to § 7-9, chapter 3.2); DFØ describes price-only
competitions in Parts I and II in chapter 3.5-3.6 (May 2024). A Part I procurement priced alone,
with climate requirements in the specification, therefore goes to an officer rather than failing.
"""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import register
from checker.checks.procedure_common import below_threshold
from checker.checks.procedure_common import exception_outcome
from checker.formats.messages import define
from checker.formats.messages import say


def _part_one(procurement: dict, params: dict) -> bool:
    national = params["national_threshold_nok"]
    value = procurement.get("estimated_value_nok")
    return national is not None and value is not None and value < national


def _part_one_outcome(exception: dict | None, shortfall: Outcome, national: float) -> Outcome:
    """Part I: no duty to set award criteria, but § 7-9 still asks for requirements or criteria."""
    if exception and exception["ground"] == "specification_instead":
        return Outcome(
            "manual_review",
            say("climate_award_weight.part_one_specification", t={"nok": national}),
            code="part_one_specification",
        )
    if exception:
        return exception_outcome(exception, shortfall)
    message = say("climate_award_weight.part_one_no_climate", shortfall=shortfall.message)
    return Outcome("fail", message, code="part_one_no_climate")


def _short(procurement: dict, params: dict, shortfall: Outcome) -> Outcome:
    exception = procurement.get("climate_exception")
    if _part_one(procurement, params):
        return _part_one_outcome(exception, shortfall, params["national_threshold_nok"])
    return exception_outcome(exception, shortfall)


def _weighted(procurement: dict, params: dict, weighted: list[dict]) -> Outcome:
    total = sum(c["weight_percent"] for c in weighted)
    if abs(total - 100) > 0.01:
        return Outcome(
            "error",
            say("climate_award_weight.weights_not_100", t=total),
            code="weights_not_100",
        )
    climate = sum(c["weight_percent"] for c in weighted if c.get("climate_environment"))
    message = say(
        "climate_award_weight.climate_environment_weigh_least", c=climate, m=params["min_percent"]
    )
    if climate >= params["min_percent"]:
        return Outcome("pass", message, code="weight_met")
    return _short(procurement, params, Outcome("fail", message, code="weight_too_low"))


def _ranked(procurement: dict, params: dict, ranked: list[dict]) -> Outcome:
    best = min((c["rank"] for c in ranked if c.get("climate_environment")), default=None)
    message = say(
        "climate_award_weight.climate_environment_rank_should", r=best or "–", n=params["max_rank"]
    )
    if best is not None and best <= params["max_rank"]:
        return Outcome("pass", message, code="rank_met")
    return _short(procurement, params, Outcome("fail", message, code="rank_too_low"))


def climate_award_weight(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Climate and environment weigh at least min_percent (or rank in the top N), else a justified exception."""
    procurement = ctx.tender["procurement"]
    skip = below_threshold(procurement, params["threshold_nok"])
    if skip:
        return skip
    criteria = procurement.get("award_criteria") or []
    weighted = [c for c in criteria if c.get("weight_percent") is not None]
    if weighted:
        return _weighted(procurement, params, weighted)
    ranked = [c for c in criteria if c.get("rank") is not None]
    if ranked:
        return _ranked(procurement, params, ranked)
    none_given = say("climate_award_weight.no_award_criteria_weights")
    return _short(procurement, params, Outcome("fail", none_given, code="no_criteria"))


def advise(finding: Finding) -> dict | None:
    if finding.code in ("value_missing",):
        return say("climate_award_weight.give_estimated_value_excluding")
    if finding.code in ("weight_too_low", "rank_too_low", "no_criteria", "exception_unjustified"):
        return say(
            "climate_award_weight.give_climate_environment_least",
            m=finding.params.get("min_percent") or 30,
        )
    if finding.code == "part_one_no_climate":
        return say("climate_award_weight.set_climate_environment_requirements")
    return None


RULE = {
    "min_percent": 30,
    "max_rank": 3,
    "threshold_nok": 100000,
    "national_threshold_nok": 1300000,
}


def _procurement(value, criteria=(), exception=None) -> dict:
    procurement = {"estimated_value_nok": value, "award_criteria": list(criteria)}
    if exception:
        procurement["climate_exception"] = exception
    return {"procurement": procurement}


PRICE_ONLY = [{"name": "Pris", "weight_percent": 100}]
CLIMATE_30 = [
    {"name": "Pris", "weight_percent": 70},
    {"name": "Klima", "weight_percent": 30, "climate_environment": True},
]
SPEC = {
    "ground": "specification_instead",
    "justification": "Krav til utslippsfrie maskiner gir bedre effekt",
}
EXAMPLES = (
    Example("30 % climate weight passes", RULE, _procurement(2_000_000, CLIMATE_30), "pass"),
    Example(
        "price only above the national threshold fails",
        RULE,
        _procurement(2_000_000, PRICE_ONLY),
        "fail",
    ),
    Example(
        "price only in Part I with requirements in the specification goes to an officer",
        RULE,
        _procurement(800_000, PRICE_ONLY, SPEC),
        "manual_review",
    ),
    Example(
        "price only in Part I with no climate requirement fails",
        RULE,
        _procurement(800_000, PRICE_ONLY),
        "fail",
    ),
    Example(
        "below NOK 100,000 § 7-9 does not apply",
        RULE,
        _procurement(90_000, PRICE_ONLY),
        "not_applicable",
    ),
    Example(
        "weights that do not add up to 100 are an error",
        RULE,
        _procurement(2_000_000, [{"name": "Pris", "weight_percent": 80}]),
        "error",
    ),
)

register(
    "climate_award_weight",
    climate_award_weight,
    targets={"procurement"},
    params={
        "min_percent": Param("number"),
        "max_rank": Param("integer"),
        "threshold_nok": Param("number"),
        "national_threshold_nok": Param("number", required=False, default=None),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "climate_award_weight.part_one_specification": (
            (
                "Part I (below the national threshold {t}): no procedure rules, so no duty to set"
                " award criteria (DFØ guide ch. 3.2); climate requirements in the specification are "
                "claimed instead, and an officer must confirm them (DFØ ch. 3.5 on price-only "
                "competitions)"
            ),
            (
                "Del I (under nasjonal terskelverdi {t}): ingen prosedyreregler, og dermed ingen "
                "plikt til å fastsette tildelingskriterier (DFØs veileder kap. 3.2); klima- og "
                "miljøkrav i kravspesifikasjonen er oppgitt i stedet, og en saksbehandler må bekrefte"
                " dem (DFØ kap. 3.5 om priskonkurranser)"
            ),
            (
                "Del I (under nasjonal terskelverdi {t}): ingen prosedyrereglar, og dermed inga "
                "plikt til å fastsetje tildelingskriterium (rettleiaren til DFØ kap. 3.2); klima- og "
                "miljøkrav i kravspesifikasjonen er oppgitt i staden, og ein sakshandsamar må "
                "stadfeste dei (DFØ kap. 3.5 om priskonkurransar)"
            ),
        ),
        "climate_award_weight.weights_not_100": (
            "award weights add up to {t} %; expected 100 %",
            "tildelingsvektene summerer til {t} %; forventet 100 %",
            "tildelingsvektene summerer seg til {t} %; venta 100 %",
        ),
        "climate_award_weight.climate_environment_weigh_least": (
            "climate and environment weigh {c} %; at least {m} % is required",
            "klima og miljø vektes {c} %; minst {m} % kreves",
            "klima og miljø blir vekta {c} %; minst {m} % er kravd",
        ),
        "climate_award_weight.climate_environment_rank_should": (
            "climate and environment rank {r}; it should be among the top {n}",
            "klima og miljø er rangert som nr. {r}; det bør være blant de {n} høyeste",
            "klima og miljø er rangert som nr. {r}; det bør vere blant dei {n} høgaste",
        ),
        "climate_award_weight.no_award_criteria_weights": (
            "no award criteria with weights or ranks are given, and no exception is claimed",
            (
                "ingen tildelingskriterier med vekt eller rangering er oppgitt, og intet unntak er "
                "påberopt"
            ),
            (
                "ingen tildelingskriterium med vekt eller rangering er oppgitt, og inkje unntak er "
                "påberope"
            ),
        ),
        "climate_award_weight.give_estimated_value_excluding": (
            "Give the estimated value excluding VAT (procurement.estimated_value_nok).",
            "Oppgi anslått verdi eksklusive mva. (procurement.estimated_value_nok).",
            "Oppgi anslått verdi utan mva. (procurement.estimated_value_nok).",
        ),
        "climate_award_weight.give_climate_environment_least": (
            (
                "Give climate and environment at least {m} % weight, or write the justification for "
                "requirements in the specification into the procurement documents before the notice."
            ),
            (
                "Gi klima og miljø minst {m} % vekt, eller skriv begrunnelsen for krav i "
                "kravspesifikasjonen inn i anskaffelsesdokumentene før kunngjøring."
            ),
            (
                "Gi klima og miljø minst {m} % vekt, eller skriv grunngjevinga for krav i "
                "kravspesifikasjonen inn i anskaffingsdokumenta før kunngjering."
            ),
        ),
        "climate_award_weight.set_climate_environment_requirements": (
            (
                "Set climate and environment requirements in the specification (and say so with the "
                "exception \u201cclimate requirements in the specification instead\u201d), or "
                "weigh climate and environment at least 30 %."
            ),
            (
                "Still klima- og miljøkrav i kravspesifikasjonen (og oppgi det med unntaket "
                "«klimakrav i kravspesifikasjonen i stedet»), eller vekt klima og miljø minst 30 %."
            ),
            (
                "Still klima- og miljøkrav i kravspesifikasjonen (og oppgi det med unntaket "
                "«klimakrav i kravspesifikasjonen i staden»), eller vekt klima og miljø med minst "
                "30 %."
            ),
        ),
        "climate_award_weight.part_one_no_climate": (
            "{shortfall}; in Part I award criteria are not required, but § 7-9 still needs "
            "climate and environment requirements in the specification (the exception "
            "\u201cclimate requirements in the specification instead\u201d) or criteria",
            "{shortfall}; i del I kreves ikke tildelingskriterier, men § 7-9 krever likevel "
            "klima- og miljøkrav i kravspesifikasjonen (unntaket «klimakrav i "
            "kravspesifikasjonen i stedet») eller kriterier",
            "{shortfall}; i del I er tildelingskriterium ikkje kravde, men § 7-9 krev likevel "
            "klima- og miljøkrav i kravspesifikasjonen (unntaket «klimakrav i "
            "kravspesifikasjonen i staden») eller kriterium",
        ),
    }
)
